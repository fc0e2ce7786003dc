"""WB reviews/questions → Interaction rows, in bulk: one SELECT of the page's known ids, one INSERT … ON CONFLICT
for the new ones, conditional UPDATEs only for rows whose WB state changed.

Returns what the engine must announce: interactions whose "new" event is still to be claimed, cards to refresh,
alerts to raise, new rows to link (linking runs as its own task once per sync run, off this hot path).
Re-ingesting a page (the watermark overlap, a redelivered task, two workers) changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core import transitions
from core.backlog import is_backlog
from core.models import AnswerState, Channel, Interaction, InteractionSource, InteractionStatus, WbSyncState
from core.priority import triage_new
from core.seller_settings import SellerSettings
from sync import bulk
from sync.wb.models import Feedback, Question

REVIEW_STATES = {
    "wbRu": AnswerState.PUBLISHED,
    "reviewRequired": AnswerState.MODERATION,
    "rejected": AnswerState.REJECTED,
}
# Columns refreshed when a known row is seen again (content the buyer or WB may edit).
CONTENT_FIELDS = ("text", "pros", "cons", "rating", "product_name", "supplier_article", "brand", "buyer_name")


@dataclass(frozen=True)
class Item:
    """One WB review or question, normalised."""

    external_id: str
    occurred_at: datetime
    fields: dict[str, Any]
    wb: transitions.WbAnswer
    order_status: str | None = None


@dataclass
class IngestResult:
    """What one upsert did and what the caller must announce."""

    fetched: int = 0
    new_ids: list[int] = field(default_factory=list)
    updated: int = 0
    notify_ids: list[int] = field(default_factory=list)
    refresh_ids: list[int] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    newest: datetime | None = None


def _product(details: Any) -> dict[str, Any]:
    return {
        "nm_id": details.nm_id,
        "product_name": (details.product_name or None) and details.product_name[:300],
        "supplier_article": (details.supplier_article or None) and details.supplier_article[:100],
        "brand": (details.brand_name or None) and details.brand_name[:200],
    }


def _raw_state(state: str | None) -> str | None:
    """WB's raw state as stored (answer_state_raw is varchar(50)): an unknown long one is cut, not fatal."""
    return state[:50] if state else state


def review_answer(fb: Feedback) -> transitions.WbAnswer:
    """WB's answer of a review; unknown moderation states are kept raw as UNKNOWN."""
    if fb.answer is None or not fb.answer.text:
        return transitions.WbAnswer(None)
    state = REVIEW_STATES.get(fb.answer.state or "", AnswerState.UNKNOWN)
    return transitions.WbAnswer(fb.answer.text, state, _raw_state(fb.answer.state), fb.answer.editable)


def question_answer(q: Question) -> transitions.WbAnswer:
    """WB's answer of a question (state wbRu = shown; none = the seller rejected the question)."""
    if q.answer is None or not q.answer.text:
        return transitions.WbAnswer(None)
    state = AnswerState.PUBLISHED if q.state == "wbRu" else AnswerState.UNKNOWN
    return transitions.WbAnswer(q.answer.text, state, _raw_state(q.state), q.answer.editable)


def from_feedback(fb: Feedback) -> Item:
    """A review as an Item."""
    fields = {
        **_product(fb.product_details),
        "text": fb.text,
        "pros": fb.pros or None,
        "cons": fb.cons or None,
        "rating": fb.product_valuation,
        "buyer_name": (fb.user_name or None) and fb.user_name[:200],
        "parent_external_id": fb.parent_feedback_id,
        # Stored as JSON text straight from pydantic's serializer (the raw INSERT takes it as is).
        "raw_payload": fb.model_dump_json(by_alias=True, exclude_none=True),
    }
    return Item(fb.id, fb.created_date, fields, review_answer(fb), fb.order_status)


def from_question(q: Question) -> Item:
    """A question as an Item."""
    fields = {**_product(q.product_details), "text": q.text, "raw_payload": q.model_dump_json(by_alias=True)}
    return Item(q.id, q.created_date, fields, question_answer(q))


# The INSERT's columns (name, PostgreSQL type); `new_row` yields its values in this order.
COLUMNS = (
    ("seller_id", "bigint"),
    ("channel", "varchar"),
    ("external_id", "varchar"),
    ("occurred_at", "timestamptz"),
    ("intent", "varchar"),
    ("priority", "varchar"),
    ("priority_rank", "smallint"),
    ("due_at", "timestamptz"),
    ("needs_response", "boolean"),
    ("status", "varchar"),
    ("answer", "text"),
    ("answer_state", "varchar"),
    ("answer_state_raw", "varchar"),
    ("answer_editable", "boolean"),
    ("wb_sync_state", "varchar"),
    ("source", "varchar"),
    ("created_at", "timestamptz"),
    ("updated_at", "timestamptz"),
    ("nm_id", "bigint"),
    ("product_name", "varchar"),
    ("supplier_article", "varchar"),
    ("brand", "varchar"),
    ("text", "text"),
    ("pros", "text"),
    ("cons", "text"),
    ("rating", "smallint"),
    ("buyer_name", "varchar"),
    ("parent_external_id", "varchar"),
    ("raw_payload", "jsonb"),
)
ITEM_COLUMNS = tuple(name for name, _ in COLUMNS[COLUMNS.index(("nm_id", "bigint")) :])


def new_row(
    seller_id: int, channel: Channel, item: Item, settings: SellerSettings, now: datetime, *, history: bool = False
) -> tuple[Any, ...]:
    """The INSERT values of an item seen for the first time: triaged; an item WB shows answered needs nothing, nor
    does one from WB's archive (`history`: answered, or closed unanswered)."""
    fields = item.fields
    buyer_text = " ".join(p for p in (fields.get("text"), fields.get("pros"), fields.get("cons")) if p)
    intent, t = triage_new(
        channel=channel,
        text=buyer_text,
        rating=fields.get("rating"),
        occurred_at=item.occurred_at,
        business_hours=settings.business_hours,
        order_status=item.order_status,
    )
    answered = item.wb.text is not None
    needs = t.needs_response and not answered and not history
    if answered:
        status = InteractionStatus.ANSWERED
    elif history:
        status = InteractionStatus.CLOSED
    else:
        status = InteractionStatus.NEEDS_RESPONSE if needs else InteractionStatus.NEW
    return (
        seller_id,
        channel.value,
        item.external_id,
        item.occurred_at,
        intent,
        t.priority.value,
        t.priority_rank,
        None if history else t.due_at,
        needs,
        status.value,
        item.wb.text,
        item.wb.state.value,
        item.wb.state_raw,
        item.wb.editable,
        WbSyncState.NONE.value,
        InteractionSource.WB_API.value,
        now,
        now,
        *(fields.get(name) for name in ITEM_COLUMNS),
    )


async def _order_status_moved(row: Interaction, item: Item, settings: SellerSettings) -> bool:
    """WB's `orderStatus` of a known review changed (a buyer returns the item after writing): stored for the card,
    and an open review is triaged again (a return makes it urgent). True when it changed."""
    payload: Any = row.raw_payload
    if row.channel != Channel.REVIEW or not isinstance(payload, dict) or item.order_status is None:
        return False
    if payload.get("orderStatus") == item.order_status:
        return False
    update: dict[str, Any] = {"raw_payload": {**payload, "orderStatus": item.order_status}}
    if row.needs_response:
        text = " ".join(p for p in (row.text, row.pros, row.cons) if p)
        _, t = triage_new(
            channel=Channel.REVIEW,
            text=text,
            rating=row.rating,
            occurred_at=row.occurred_at,
            business_hours=settings.business_hours,
            order_status=item.order_status,
        )
        update.update(priority=t.priority, priority_rank=t.priority_rank, due_at=t.due_at)
    # A racing worker writes the same values: applying it twice changes nothing.
    await Interaction.filter(id=row.id).update(**update)
    return True


async def upsert_items(
    seller_id: int,
    channel: Channel,
    items: list[Item],
    settings: SellerSettings,
    now: datetime,
    *,
    connected_at: datetime | None = None,
    backfill: bool = False,
    history: bool = False,
) -> IngestResult:
    """Insert new items in bulk, apply WB state changes to known ones; idempotent.

    Items older than the seller's connection (`connected_at`) that the first sync (`backfill`) finds are backlog:
    stored, not announced one by one (core.backlog sums them up once). `history`: items of WB's archive, stored and
    linked but never announced."""

    def backlog(occurred_at: datetime) -> bool:
        return connected_at is not None and is_backlog(occurred_at=occurred_at, connected_at=connected_at)

    result = IngestResult(fetched=len(items))
    if not items:
        return result
    by_id = {i.external_id: i for i in items}
    result.newest = max(i.occurred_at for i in items)
    # A bare key lookup first: on a backfill nothing is known, and building the ORM query cost more than running it.
    known_ids = await bulk.existing("interaction", "external_id", list(by_id), seller_id=seller_id, channel=channel)
    known = (
        await Interaction.filter(seller_id=seller_id, channel=channel, external_id__in=list(known_ids))
        if known_ids
        else []
    )
    fresh = [
        new_row(seller_id, channel, i, settings, now, history=history)
        for ext, i in by_id.items()
        if ext not in known_ids
    ]
    if fresh:
        # A racing worker may insert the same rows: ON CONFLICT keeps theirs (and their state) untouched, and they
        # are not returned here (that worker announces and links them).
        rows = await bulk.insert_ignore(
            "interaction",
            COLUMNS,
            fresh,
            conflict=("seller_id", "channel", "external_id"),
            returning=("id", "needs_response", "external_id"),
            # Lost in a crash, they are fetched and inserted again: the cursor and the claim commit after them.
            replayable=True,
        )
        result.new_ids = [r["id"] for r in rows]
        result.notify_ids = [
            r["id"]
            for r in rows
            if r["needs_response"] and not (backfill and backlog(by_id[r["external_id"]].occurred_at))
        ]
    # Rows of a run that died before its claim committed are "known" now and still wait for their event (backlog
    # rows never had one: they are not a lost event).
    result.notify_ids += [
        row.id for row in known if row.needs_response and row.notified_at is None and not backlog(row.occurred_at)
    ]
    if history:
        result.notify_ids = []
    for row in known:
        item = by_id[row.external_id]
        transition = transitions.apply_wb_answer(row, item.wb, now)
        content = {k: item.fields[k] for k in CONTENT_FIELDS if k in item.fields and getattr(row, k) != item.fields[k]}
        if content:
            await Interaction.filter(id=row.id).update(**content)
        applied = await transitions.apply(row, transition)
        returned = await _order_status_moved(row, item, settings)
        if applied or content or returned:
            result.updated += 1
        if (applied and transition.refresh) or returned:
            result.refresh_ids.append(row.id)
        if applied and transition.alert:
            result.alerts.append(transition.alert)
    return result
