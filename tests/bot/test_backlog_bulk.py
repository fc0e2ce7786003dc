"""Backlog in one evening through the Telegram sandbox: the backlog is drafted in the worker, the owner gets one card
per cluster of happy reviews with three sample drafts, approve → confirm (with the count) → a progress message
edited in place → pause (nothing more queued) → resume; a double or forged confirm makes no second answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.backlog_bulk import bulk_tick, draft_step
from bot.notifier import Notifier
from core import backlog_bulk, readings
from core.models import BulkBatch, Channel, InteractionStatus, MemberRole, Reply, ReplyStatus, Seller
from core.ratelimit import RateLimiter
from tests.bot.conftest import bot_message, buttons, make_interaction, make_member, make_seller

QUALITY = [
    "Отличное качество, ткань плотная",
    "Качество супер, швы ровные",
    "Очень качественная вещь",
    "Качество на высоте, рекомендую",
]


class Queue:
    """The send step: records the replies handed to the outbox."""

    def __init__(self) -> None:
        self.kicked: list[int] = []

    async def __call__(self, reply_id: int) -> None:
        self.kicked.append(reply_id)


async def _backlog_seller() -> Seller:
    seller = await make_seller(language="ru")
    await Seller.filter(id=seller.id).update(created_at=datetime.now(UTC) - timedelta(minutes=1))
    old = datetime.now(UTC) - timedelta(days=20)
    rows = [(5, text) for text in QUALITY] + [(2, "Отличное качество"), (4, "Вещь норм, но маломерит")]
    for n, (rating, text) in enumerate(rows):
        item = await make_interaction(
            seller, text=text, rating=rating, occurred_at=old - timedelta(minutes=n),
            needs_response=True, status=InteractionStatus.NEEDS_RESPONSE,
        )  # fmt: skip
        await readings.store(item)
    await make_interaction(
        seller, channel=Channel.QUESTION, text="Какой размер взять?", occurred_at=old,
        needs_response=True, status=InteractionStatus.NEEDS_RESPONSE,
    )  # fmt: skip
    return seller


async def test_cluster_approve_confirm_progress_pause_resume(db, tg, bot, bot_settings, feed) -> None:
    seller = await _backlog_seller()
    owner, operator = await tg.user(), await tg.user()
    await make_member(seller, owner)
    await make_member(seller, operator, role=MemberRole.OPERATOR)
    queue = Queue()
    notifier = Notifier(bot, RateLimiter(None), bot_settings, enqueue=queue)

    assert await draft_step(seller.id, notifier) is True  # drafted all 7
    assert await draft_step(seller.id, notifier) is False  # none left: the cards go out
    card = await bot_message(tg, owner, "reviews")
    assert card is not None and "Praise the quality" in card["text"] and "4 reviews" in card["text"]
    assert sum(line[:2] in ("1.", "2.", "3.") for line in card["text"].splitlines()) == 3
    assert buttons(card) == ["✅ Approve all 4"]
    assert await bot_message(tg, operator, "reviews") is None  # owners only

    # The approve tapped twice: two confirms; both confirmed, twice each: one batch, each item answered once.
    for _ in range(2):
        await tg.press(owner, card["message_id"], text="✅ Approve all 4")
    await feed()
    confirms = [m for m in await tg.messages(owner) if m["from_bot"] and "Send 4 answers" in (m["text"] or "")]
    assert len(confirms) == 2
    for confirm in (confirms[0], confirms[0], confirms[1]):
        await tg.press(owner, confirm["message_id"], data=confirm["buttons"][0][0]["callback_data"])
    # An operator replaying the owner's confirm data on a message of their own is refused.
    await tg.send(operator, "/help")
    await feed()
    own = [m for m in await tg.messages(operator) if m["from_bot"]][-1]
    forged = await tg.press(operator, own["message_id"], data=confirms[0]["buttons"][0][0]["callback_data"])
    await feed()
    assert "owner" in (await tg.callback(forged["callback_query_id"]))["text"].lower()
    # The second confirm makes an empty batch: every item is taken by the first.
    assert sorted(await BulkBatch.filter(seller_id=seller.id).values_list("total", flat=True)) == [0, 4]
    batch = await BulkBatch.get(seller_id=seller.id, total=4)
    progress = await bot_message(tg, owner, "sent 0 of 4", confirms[0]["message_id"])
    assert progress is not None and buttons(progress) == ["⏸ Pause"]
    assert "Nothing left" in (await bot_message(tg, owner, "", confirms[1]["message_id"]))["text"]

    # Pause before the worker's tick: nothing is queued.
    await tg.press(owner, progress["message_id"], text="⏸ Pause")
    await feed()
    assert buttons(await bot_message(tg, owner, "paused", progress["message_id"])) == ["▶️ Resume"]
    assert await bulk_tick(notifier) == 0 and queue.kicked == []
    await tg.press(owner, progress["message_id"], text="▶️ Resume")
    await feed()
    assert await bulk_tick(notifier) == 4
    assert await bulk_tick(notifier) == 0  # each item once
    replies = await Reply.filter(interaction__seller_id=seller.id)
    assert (
        len(replies) == 4
        and len({r.text for r in replies}) == 4
        and sorted(queue.kicked) == sorted(r.id for r in replies)
    )

    # WB took them: the progress message shows it done (edits rate-limited: the next window).
    await Reply.filter(id__in=queue.kicked).update(status=ReplyStatus.SENT)
    await BulkBatch.filter(id=batch.id).update(progress_at=datetime.now(UTC) - timedelta(minutes=1))
    await bulk_tick(notifier)
    done = await bot_message(tg, owner, "sent 4 of 4", progress["message_id"])
    assert done is not None and buttons(done) == []
    assert (await BulkBatch.get(id=batch.id)).finished_at is not None
    assert await backlog_bulk.active_batches() == []
