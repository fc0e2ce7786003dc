"""Backlog bulk approvals on both dialects: who may be answered in bulk (never 1–3★, harm/legal, a complaint topic,
a mixed mood or a question), clusters by what is praised, one batch per confirm nonce, pacing, pause/resume,
exactly one reply per item and the repetition guard per exact text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core import backlog_bulk, readings
from core.backlog_bulk import CLUSTERS, cluster_of
from core.models import BulkItem, Channel, Draft, Interaction, InteractionStatus, Reply, ReplyStatus, Seller

NOW = datetime.now(UTC)

HAPPY = {
    "praise_quality": ["Отличное качество, ткань плотная", "Качество супер, швы ровные", "Очень качественная вещь"],
    "praise_fit": ["Размер подошёл идеально, села отлично", "Села по фигуре, размер в размер"],
    "praise_delivery": ["Быстрая доставка, пришло за день"],
    "praise_value": ["Хорошая цена, за такие деньги супер"],
    "thanks": ["Спасибо!", "Всё понравилось"],
}
# Never bulk: (channel, rating, text).
NEVER = [
    (Channel.REVIEW, 2, "Отличное качество"),  # 1–3★ even with praise words
    (Channel.REVIEW, 3, "Нормально"),
    (Channel.REVIEW, 4, "Всё хорошо, но пришло с дыркой"),  # a complaint topic
    (Channel.REVIEW, 4, "Вещь норм, но маломерит"),
    (Channel.REVIEW, 5, "Отравился, ребенок в больнице после этого"),  # harm
    (Channel.QUESTION, None, "Какой размер взять на рост 170?"),  # questions stay per item
]


async def _seller() -> Seller:
    seller = await Seller.create(name="Ромашка")
    await Seller.filter(id=seller.id).update(created_at=NOW - timedelta(minutes=5))
    return seller


async def _item(seller: Seller, n: int, channel: Channel, rating: int | None, text: str) -> Interaction:
    item = await Interaction.create(
        seller=seller, channel=channel, external_id=f"x{n}", occurred_at=NOW - timedelta(days=30, minutes=n),
        rating=rating, text=text, needs_response=True, status=InteractionStatus.NEEDS_RESPONSE,
    )  # fmt: skip
    await readings.store(item)
    return item


async def _backlog(seller: Seller) -> tuple[dict[str, list[int]], list[int]]:
    happy: dict[str, list[int]] = {}
    never: list[int] = []
    n = 0
    for key, texts in HAPPY.items():
        for text in texts:
            n += 1
            happy.setdefault(key, []).append((await _item(seller, n, Channel.REVIEW, 5, text)).id)
    for channel, rating, text in NEVER:
        n += 1
        never.append((await _item(seller, n, channel, rating, text)).id)
    return happy, never


class Queue:
    """The send step: records what was handed to the outbox."""

    def __init__(self) -> None:
        self.kicked: list[int] = []

    async def __call__(self, reply_id: int) -> None:
        self.kicked.append(reply_id)


async def test_eligibility_and_clusters(db, settings) -> None:
    seller = await _seller()
    happy, never = await _backlog(seller)
    for item_id in never:
        assert cluster_of(await Interaction.get(id=item_id)) is None
    for key, ids in happy.items():
        assert {cluster_of(await Interaction.get(id=i)) for i in ids} == {key}
    # Drafts for every backlog item, batched and idempotent per item.
    total = sum(map(len, happy.values())) + len(never)
    assert await backlog_bulk.draft_backlog(seller.id, settings, limit=5) == 5
    assert await backlog_bulk.draft_backlog(seller.id, settings) == total - 5
    assert await backlog_bulk.draft_backlog(seller.id, settings) == 0
    assert await Draft.filter(interaction__seller_id=seller.id).count() == total

    found = await backlog_bulk.clusters(seller.id)
    assert [c.key for c in found] == [k for k in CLUSTERS if k in happy]
    assert {c.key: c.count for c in found} == {k: len(v) for k, v in happy.items()}
    quality = found[0]
    assert len(quality.samples) == 3 and len(set(quality.samples)) == 3
    # Whatever the batches, nothing that must stay per item is ever in one.
    for c in found:
        await backlog_bulk.approve_cluster(seller_id=seller.id, cluster=c.key, token=f"t-{c.key}")
    assert not await BulkItem.filter(interaction_id__in=never).exists()
    assert await backlog_bulk.clusters(seller.id) == []


async def test_double_confirm_pace_pause_resume_once(db, settings) -> None:
    seller = await _seller()
    happy, _ = await _backlog(seller)
    await backlog_bulk.draft_backlog(seller.id, settings)
    first = await backlog_bulk.approve_cluster(seller_id=seller.id, cluster="praise_quality", token="nonce-1")
    again = await backlog_bulk.approve_cluster(seller_id=seller.id, cluster="praise_quality", token="nonce-1")
    other = await backlog_bulk.approve_cluster(seller_id=seller.id, cluster="praise_quality", token="nonce-2")
    assert again.id == first.id and first.total == 3 and other.total == 0  # a double tap is one batch

    queue = Queue()
    await backlog_bulk.set_paused(first.id, seller.id, True)
    assert await backlog_bulk.pump(first.id, settings, queue) == 0 and queue.kicked == []
    assert (await backlog_bulk.progress(first.id, settings)).paused
    await backlog_bulk.set_paused(first.id, seller.id, False)
    assert await backlog_bulk.pump(first.id, settings, queue) == 3
    assert await backlog_bulk.pump(first.id, settings, queue) == 0  # each item once
    replies = await Reply.filter(interaction_id__in=happy["praise_quality"])
    assert len(replies) == 3 and sorted(queue.kicked) == sorted(r.id for r in replies)
    assert len({r.text for r in replies}) == 3
    # A pause also holds what is already queued (the outbox asks `held` before it sends); a resume releases it.
    await backlog_bulk.set_paused(first.id, seller.id, True)
    assert all([await backlog_bulk.held(r.id) for r in replies])
    await backlog_bulk.set_paused(first.id, seller.id, False)
    assert not any([await backlog_bulk.held(r.id) for r in replies])

    await Reply.filter(id__in=queue.kicked[:2]).update(status=ReplyStatus.SENT)
    shown = await backlog_bulk.progress(first.id, settings)
    assert (shown.sent, shown.total, shown.refused, shown.done) == (2, 3, 0, False)
    assert shown.minutes_left == 1
    assert await backlog_bulk.claim_progress_edit(first.id, NOW)
    assert not await backlog_bulk.claim_progress_edit(first.id, NOW + timedelta(seconds=1))
    assert await backlog_bulk.claim_progress_edit(first.id, NOW + timedelta(seconds=6))


async def test_pump_stays_ahead_of_the_pace_only(db, settings) -> None:
    seller = await _seller()
    for n in range(40):
        await _item(seller, n, Channel.REVIEW, 5, f"Спасибо! Заказ номер {n} — всё понравилось, беру ещё")
    await backlog_bulk.draft_backlog(seller.id, settings)
    batch = await backlog_bulk.approve_cluster(seller_id=seller.id, cluster="thanks", token="n")
    queue = Queue()
    ahead = round(backlog_bulk.send_rate(settings) * backlog_bulk.AHEAD_SECONDS)
    assert await backlog_bulk.pump(batch.id, settings, queue) == ahead
    assert await backlog_bulk.pump(batch.id, settings, queue) == 0  # the outbox has not sent any yet
    await Reply.filter(id__in=queue.kicked[:5]).update(status=ReplyStatus.SENT)
    assert await backlog_bulk.pump(batch.id, settings, queue) == 5


async def test_a_repeating_text_is_redrafted_or_left(db, settings) -> None:
    seller = await _seller()
    a = await _item(seller, 1, Channel.REVIEW, 5, "Отличное качество, ткань плотная")
    b = await _item(seller, 2, Channel.REVIEW, 5, "Качество супер, швы ровные")
    await backlog_bulk.draft_backlog(seller.id, settings)
    # b's draft is made to say exactly what a's says: the guard must not let both out.
    text = (await Draft.get(interaction_id=a.id)).text
    await Draft.filter(interaction_id=b.id).update(text=text)
    batch = await backlog_bulk.approve_cluster(seller_id=seller.id, cluster="praise_quality", token="n")
    await backlog_bulk.pump(batch.id, settings, Queue())
    sent = await Reply.filter(interaction_id__in=(a.id, b.id)).values_list("text", flat=True)
    assert len(sent) == len(set(sent))
    left = await BulkItem.filter(batch_id=batch.id, reply_id__isnull=True).values_list("refused", flat=True)
    assert len(sent) + len(left) == 2 and all(left)
