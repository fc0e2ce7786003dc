"""The onboarding backlog counted by hand on both dialects (WB-shaped offsets), and its summary claimed once."""

from datetime import UTC, datetime, timedelta, timezone

from core.backlog import backlog, claim_summary, is_backlog
from core.models import Channel, Interaction, InteractionStatus, Priority, Seller
from tests.factories import new_seller

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
MSK = timezone(timedelta(hours=3))


async def test_backlog_counts_items_older_than_the_connection(db) -> None:
    seller = await new_seller("Ромашка")
    connected = NOW - timedelta(hours=1)
    await Seller.filter(id=seller.id).update(created_at=connected)
    rows = [
        # (channel, priority, occurred, due, open)
        (Channel.REVIEW, Priority.URGENT, NOW - timedelta(days=9), NOW - timedelta(days=8), True),
        (Channel.REVIEW, Priority.NORMAL, NOW - timedelta(days=2), NOW + timedelta(hours=5), True),
        (Channel.REVIEW, Priority.NORMAL, NOW - timedelta(days=3), NOW - timedelta(days=2), False),  # answered
        (Channel.QUESTION, Priority.HIGH, NOW - timedelta(days=1), NOW - timedelta(hours=2), True),
        # One second before the connection in WB's Moscow offset: still backlog.
        (Channel.CHAT, Priority.HIGH, (connected - timedelta(seconds=1)).astimezone(MSK), NOW, True),
        (Channel.REVIEW, Priority.URGENT, NOW - timedelta(minutes=5), NOW - timedelta(minutes=1), True),  # after
        # An old open return: it got a card of its own (a decision in WB's 14-day window), so it is not summed up.
        (Channel.RETURN, Priority.URGENT, NOW - timedelta(days=3), NOW - timedelta(days=1), True),
    ]
    for n, (channel, priority, occurred, due, open_) in enumerate(rows):
        await Interaction.create(
            seller=seller, channel=channel, external_id=str(n), occurred_at=occurred, priority=priority, due_at=due,
            needs_response=open_,
            status=InteractionStatus.NEEDS_RESPONSE if open_ else InteractionStatus.ANSWERED,
        )  # fmt: skip
    found = await backlog(seller_id=seller.id, now=NOW)
    assert found.counts == {
        Channel.REVIEW: {Priority.URGENT: 1, Priority.NORMAL: 1},
        Channel.QUESTION: {Priority.HIGH: 1},
        Channel.CHAT: {Priority.HIGH: 1},
    }
    assert found.total == 4 and found.overdue == 2
    assert found.oldest == NOW - timedelta(days=9)

    assert await claim_summary(seller.id, NOW)
    assert not await claim_summary(seller.id, NOW + timedelta(minutes=1))  # a redelivered or racing task


def test_a_review_of_the_connection_second_is_new() -> None:
    # WB dates reviews to the second: a review written 0.4 s after the connection arrives dated before it.
    connected = datetime(2026, 12, 1, 2, 4, 45, 960550, tzinfo=UTC)
    review = datetime.fromisoformat("2026-12-01T05:04:46+03:00") - timedelta(seconds=1)
    assert not is_backlog(occurred_at=review, connected_at=connected)
    assert is_backlog(occurred_at=review - timedelta(seconds=1), connected_at=connected)
