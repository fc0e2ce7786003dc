"""The card stage of every channel, and overdue items claimed once for a card refresh (both dialects)."""

from datetime import UTC, datetime, timedelta

from core.items.stage import ItemStage, item_stage
from core.models import (
    AnswerState,
    Channel,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    WbSyncState,
)
from core.overdue import claim_overdue
from tests.factories import new_seller

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _item(channel: Channel = Channel.REVIEW, **kw) -> Interaction:
    defaults = {"status": InteractionStatus.NEEDS_RESPONSE, "needs_response": True, "due_at": NOW + timedelta(hours=1)}
    return Interaction(channel=channel, external_id="x", occurred_at=NOW, **{**defaults, **kw})


def _reply(status: ReplyStatus = ReplyStatus.SENT) -> Reply:
    return Reply(text="Спасибо!", idempotency_key="k", status=status)


def test_open_stages_and_overdue() -> None:
    assert item_stage(_item(), None, None, NOW) == ItemStage.NEW
    assert item_stage(_item(due_at=NOW - timedelta(days=2)), None, None, NOW) == ItemStage.OVERDUE
    # A bare 5★ rating needs no reply: never overdue.
    assert item_stage(_item(needs_response=False, due_at=NOW - timedelta(days=2)), None, None, NOW) == ItemStage.NEW


def test_chat_reaches_delivered() -> None:
    sent = _item(Channel.CHAT, status=InteractionStatus.ANSWERED, wb_sync_state=WbSyncState.PENDING)
    assert item_stage(sent, None, _reply(), NOW) == ItemStage.SENT
    delivered = _item(Channel.CHAT, status=InteractionStatus.ANSWERED, wb_sync_state=WbSyncState.CONFIRMED)
    assert item_stage(delivered, None, _reply(), NOW) == ItemStage.DELIVERED
    assert item_stage(delivered, None, _reply(ReplyStatus.SENDING), NOW) == ItemStage.SENDING


def test_review_and_question_reach_published_or_expired() -> None:
    for channel in (Channel.REVIEW, Channel.QUESTION):
        published = _item(channel, wb_sync_state=WbSyncState.CONFIRMED, answer_state=AnswerState.PUBLISHED)
        assert item_stage(published, None, _reply(), NOW) == ItemStage.PUBLISHED
        expired = _item(channel, wb_sync_state=WbSyncState.EXPIRED)
        assert item_stage(expired, None, _reply(), NOW) == ItemStage.EXPIRED
    assert item_stage(_item(), None, _reply(ReplyStatus.FAILED), NOW) == ItemStage.FAILED


async def test_overdue_items_are_claimed_once(db: None) -> None:
    seller = await new_seller("s")
    notified = NOW - timedelta(hours=5)

    async def make(key: str, due: datetime, **kw) -> Interaction:
        fields = {"status": InteractionStatus.NEEDS_RESPONSE, "needs_response": True, "notified_at": notified, **kw}
        return await Interaction.create(
            seller=seller, channel=Channel.REVIEW, external_id=key, occurred_at=notified, due_at=due, **fields
        )

    late = await make("late", NOW - timedelta(minutes=1))
    await make("not-yet", NOW + timedelta(minutes=1))
    await make("answered", NOW - timedelta(hours=1), status=InteractionStatus.ANSWERED, needs_response=False)
    await make("never-carded", NOW - timedelta(hours=1), notified_at=None)
    assert await claim_overdue(NOW) == [late.id]
    assert await claim_overdue(NOW + timedelta(seconds=30)) == []
    assert (await Interaction.get(id=late.id)).overdue_noticed_at == NOW
