"""Backlog in one evening: drafts for every backlog item, the happy reviews approved a cluster at a time.

A shop connects with thousands of unanswered items (core.backlog). `draft_backlog` gives each one a template draft
(batched by the worker, idempotent per item: an item with a draft is skipped). The positive 4–5★ reviews are grouped
by what they praise (`cluster_of`, from the stored reading, core.readings); the seller sees each cluster with three
sample drafts and approves it with one tap and a confirm (`approve_cluster`). Everything else — 1–3★, harm/legal, any
complaint topic or situation, a mixed or negative mood, questions — is never bulk (`cluster_of` is None) and stays
per item in /inbox.

Approving a cluster queues nothing at once: `pump` (the worker, every few seconds) hands the batch's items to the
outbox only a little ahead of the send pace, each through the same path as a person's Send (guardrails and the
repetition guard on its exact text; a repeating text is re-drafted once, else the item is left for the seller with
the reason). A pause stops the queueing and the outbox holds the batch's queued replies (`held`); a resume
continues, and the outbox's per-seller WB gate
(core.ratelimit) paces the sends. Exactly once: one `BulkItem` per interaction ever (unique), the batch is found by
its confirm nonce on a double tap, and `core.replies.approve` makes one reply per item and text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from limits import parse
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery

from core import backlog, repetition, sending
from core.drafting.service import create_draft
from core.guardrails import GuardrailViolation
from core.models import (
    BulkBatch,
    BulkItem,
    Channel,
    Draft,
    Interaction,
    Reply,
    ReplyStatus,
    ReplyVia,
)
from core.reading import Mood
from core.readings import is_safety, stored_reading
from core.repetition import RULE_ID as REPETITION
from core.replies import ReplyNotAllowed
from core.settings import Settings
from core.topics import Topic

# What a cluster praises, in the order an item with several praises is filed under; "thanks" praises nothing named.
CLUSTERS: tuple[str, ...] = (
    Topic.PRAISE_QUALITY.value,
    Topic.PRAISE_FIT.value,
    Topic.PRAISE_DELIVERY.value,
    Topic.PRAISE_VALUE.value,
    "thanks",
)
SAMPLES = 3
# How many seconds of sends `pump` keeps queued ahead of the outbox: enough that the WB gate never idles between
# pumps, little enough that a pause stops the batch within seconds.
AHEAD_SECONDS = 10
# Progress edits at most this often per batch (Telegram limits message edits).
PROGRESS_EVERY = timedelta(seconds=5)
_IN_FLIGHT = (ReplyStatus.QUEUED, ReplyStatus.SENDING, ReplyStatus.UNKNOWN)
_HAPPY = (Mood.POSITIVE, Mood.NEUTRAL)


def cluster_of(item: Interaction) -> str | None:
    """The cluster of a review that may be answered in bulk, None when it must stay per item: only a 4–5★ review
    with a stored reading whose mood is positive or neutral, no situation (harm, legal or any other), and no topic
    but praise."""
    if item.channel != Channel.REVIEW or item.rating is None or item.rating < 4:
        return None
    reading = stored_reading(item)
    if reading is None or is_safety(item) or reading.situations or reading.mood not in _HAPPY:
        return None
    if any(not t.praise for t in reading.topics):
        return None
    named = {t.value for t in reading.topics}
    return next((c for c in CLUSTERS if c in named), "thanks")


async def draft_backlog(seller_id: int, settings: Settings, *, limit: int = 200) -> int:
    """Template drafts for up to `limit` backlog items that have none (reviews and questions); returns how many were
    made. Idempotent per item: call it again until it returns 0."""
    query = await backlog.open_backlog(seller_id)
    drafted = Draft.filter(void=False, interaction__seller_id=seller_id).values_list("interaction_id", flat=True)
    ids = await (
        query.filter(channel__in=(Channel.REVIEW, Channel.QUESTION), id__not_in=Subquery(drafted))
        .order_by("id")
        .limit(limit)
        .values_list("id", flat=True)
    )
    # The backlog's drafts go out together: each must differ from the others as from the answers already sent.
    made = await Draft.filter(void=False, interaction_id__in=Subquery(query.values_list("id", flat=True))).values_list(
        "text", flat=True
    )
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    avoid = [repetition.signature(text) for text in made]  # type: ignore[arg-type]
    for interaction_id in ids:
        # tortoise types values_list(flat=True) as tuples; it gives the bare values
        draft = await create_draft(
            interaction_id=interaction_id,  # type: ignore[arg-type]
            arrival=True,
            settings=settings,
            avoid=avoid,
        )
        avoid.append(repetition.signature(draft.text))
    return len(ids)


@dataclass(frozen=True)
class Cluster:
    """One cluster of bulk-eligible backlog reviews: its key, how many, and up to three sample drafts."""

    key: str
    count: int
    samples: tuple[str, ...]


async def _eligible(seller_id: int) -> dict[str, list[Interaction]]:
    """The seller's drafted backlog reviews that may go in bulk and are in no batch yet, per cluster, oldest first."""
    query = await backlog.open_backlog(seller_id)
    taken = BulkItem.filter(batch__seller_id=seller_id).values_list("interaction_id", flat=True)
    drafted = Draft.filter(void=False, ok=True, interaction__seller_id=seller_id).values_list(
        "interaction_id", flat=True
    )
    items = await query.filter(
        channel=Channel.REVIEW, rating__gte=4, id__not_in=Subquery(taken), id__in=Subquery(drafted)
    ).order_by("occurred_at", "id")
    grouped: dict[str, list[Interaction]] = {}
    for item in items:
        if (key := cluster_of(item)) is not None:
            grouped.setdefault(key, []).append(item)
    return grouped


async def _draft_of(interaction_id: int) -> Draft | None:
    return await Draft.filter(interaction_id=interaction_id, void=False).order_by("-variant").first()


async def _samples(items: list[Interaction]) -> tuple[str, ...]:
    """Up to three different drafts of the cluster (drafts of happy reviews often share a template's wording)."""
    seen: list[str] = []
    for item in items:
        draft = await _draft_of(item.id)
        if draft is not None and draft.text not in seen:
            seen.append(draft.text)
            if len(seen) == SAMPLES:
                break
    return tuple(seen)


async def clusters(seller_id: int) -> list[Cluster]:
    """The clusters the seller can approve now, in `CLUSTERS` order, each with three sample drafts."""
    grouped = await _eligible(seller_id)
    found = []
    for key in CLUSTERS:
        items = grouped.get(key)
        if not items:
            continue
        found.append(Cluster(key, len(items), await _samples(items)))
    return found


async def approve_cluster(*, seller_id: int, cluster: str, token: str, member_id: int | None = None) -> BulkBatch:
    """The seller confirmed `cluster`: one batch (found again by `token` on a double tap) holding every eligible
    review of the cluster not already in a batch. Nothing is queued here (`pump`)."""
    try:
        batch = await BulkBatch.create(seller_id=seller_id, cluster=cluster, token=token, created_by_id=member_id)
    except IntegrityError:
        return await BulkBatch.get(token=token)
    items = (await _eligible(seller_id)).get(cluster, [])
    await BulkItem.bulk_create(
        [BulkItem(batch_id=batch.id, interaction_id=i.id) for i in items], ignore_conflicts=True, batch_size=500
    )
    batch.total = await BulkItem.filter(batch_id=batch.id).count()
    # A batch that found nothing left (another confirm took it all) has nothing to pump or show.
    batch.finished_at = None if batch.total else datetime.now(UTC)
    await batch.save(update_fields=["total", "finished_at"])
    return batch


async def held(reply_id: int) -> bool:
    """Whether a queued reply belongs to a paused batch (the outbox does not send it until the resume)."""
    return await BulkItem.filter(reply_id=reply_id, batch__paused=True).exists()


async def set_paused(batch_id: int, seller_id: int, paused: bool) -> BulkBatch | None:
    """Pause (no more of the batch is queued) or resume it; None when the batch is not the seller's."""
    await BulkBatch.filter(id=batch_id, seller_id=seller_id).update(paused=paused)
    return await BulkBatch.get_or_none(id=batch_id, seller_id=seller_id)


def send_rate(settings: Settings) -> float:
    """WB's shared reviews+questions budget, answers per second (the outbox's gate paces sends at it)."""
    item = parse(settings.wb.feedbacks_rate)
    return item.amount / item.get_expiry()


async def _submit(item: BulkItem, batch: BulkBatch, settings: Settings, enqueue: sending.Enqueue) -> None:
    """Queue one item like a person's Send of its draft; a text the repetition guard refuses is re-drafted once
    (new wording), any other refusal leaves the item for the seller with the reason."""
    interaction = await Interaction.get(id=item.interaction_id)
    if cluster_of(interaction) is None:  # re-read since the cluster was shown (a new reading, a safety flag)
        item.refused = "not-bulk"
        return
    for attempt in range(2):
        draft = await _draft_of(interaction.id)
        if attempt and draft is not None:
            draft = await create_draft(interaction_id=interaction.id, regenerate=True, settings=settings)
        if draft is None:
            item.refused = "no-draft"
            return
        try:
            reply = await sending.submit_reply(
                interaction_id=interaction.id,
                text=draft.text,
                draft_id=draft.id,
                via=ReplyVia.TELEGRAM,
                settings=settings,
                enqueue=enqueue,
                member_id=batch.created_by_id,
            )
        except GuardrailViolation as exc:
            rules = [v.rule_id for v in exc.verdict.violations]
            if rules == [REPETITION] and not attempt:
                continue
            item.refused = rules[0][:60] if rules else "guardrails"
            return
        except ReplyNotAllowed as exc:
            item.refused = exc.reason[:60]
            return
        item.reply_id = reply.id
        return


async def pump(batch_id: int, settings: Settings, enqueue: sending.Enqueue) -> int:
    """Queue the batch's next items so that about `AHEAD_SECONDS` of sends wait in the outbox; nothing while it
    is paused. Returns how many items were handled (queued or left for the seller)."""
    batch = await BulkBatch.get(id=batch_id)
    if batch.paused:
        return 0
    in_flight = await Reply.filter(
        id__in=Subquery(
            BulkItem.filter(batch_id=batch_id, reply_id__not_isnull=True).values_list("reply_id", flat=True)
        ),
        status__in=_IN_FLIGHT,
    ).count()
    # Replies the outbox held while the batch was paused are still queued: hand them on again.
    held = await Reply.filter(
        id__in=Subquery(
            BulkItem.filter(batch_id=batch_id, reply_id__not_isnull=True).values_list("reply_id", flat=True)
        ),
        status=ReplyStatus.QUEUED,
        created_at__lt=datetime.now(UTC) - timedelta(seconds=AHEAD_SECONDS),
    ).values_list("id", flat=True)
    for reply_id in held:
        # tortoise types values_list(flat=True) as tuples; it gives the bare values
        await enqueue(reply_id)  # type: ignore[arg-type]
    room = max(0, round(send_rate(settings) * AHEAD_SECONDS) - in_flight)
    todo = (
        await BulkItem.filter(batch_id=batch_id, reply_id__isnull=True, refused__isnull=True).order_by("id").limit(room)
    )
    for item in todo:
        await _submit(item, batch, settings, enqueue)
        await item.save(update_fields=["reply_id", "refused"])
    return len(todo)


async def active_batches() -> list[BulkBatch]:
    """Batches whose progress message does not show them done yet (what the worker pumps and reports on)."""
    return await BulkBatch.filter(finished_at__isnull=True).order_by("id")


async def finish(batch_id: int, now: datetime | None = None) -> None:
    """The progress message showed the batch done: no more pumping or edits."""
    await BulkBatch.filter(id=batch_id).update(finished_at=now or datetime.now(UTC))


async def show_progress_in(batch_id: int, chat_id: int, message_id: int) -> None:
    """The message that shows the batch's progress (the first confirm's message; a double tap keeps it)."""
    await BulkBatch.filter(id=batch_id, message_id__isnull=True).update(chat_id=chat_id, message_id=message_id)


async def pending(seller_id: int, cluster: str) -> int:
    """How many reviews of `cluster` an approval would take now."""
    return len((await _eligible(seller_id)).get(cluster, []))


@dataclass(frozen=True)
class Progress:
    """Where a batch stands: sent of total, left for the seller, and the minutes still to go at WB's pace."""

    sent: int
    total: int
    refused: int
    paused: bool
    minutes_left: int

    @property
    def done(self) -> bool:
        return self.sent + self.refused >= self.total


async def progress(batch_id: int, settings: Settings) -> Progress:
    """The batch's progress (sent = WB took the answer)."""
    batch = await BulkBatch.get(id=batch_id)
    sent = await Reply.filter(
        id__in=Subquery(BulkItem.filter(batch_id=batch_id).values_list("reply_id", flat=True)), status=ReplyStatus.SENT
    ).count()
    refused = await BulkItem.filter(batch_id=batch_id, refused__isnull=False).count()
    left = max(0, batch.total - sent - refused)
    minutes = -(-left // max(1, round(send_rate(settings) * 60))) if left else 0
    return Progress(sent, batch.total, refused, batch.paused, minutes)


async def claim_progress_edit(batch_id: int, now: datetime | None = None) -> bool:
    """Whether the batch's progress message may be edited now (at most once per `PROGRESS_EVERY`; one caller
    wins a conditional update, so racing workers do not both edit)."""
    now = now or datetime.now(UTC)
    claimed = await BulkBatch.filter(id=batch_id, progress_at__isnull=True).update(progress_at=now)
    return bool(
        claimed or await BulkBatch.filter(id=batch_id, progress_at__lt=now - PROGRESS_EVERY).update(progress_at=now)
    )
