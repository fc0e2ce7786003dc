"""WB state transitions of an interaction: answered elsewhere, pending window, moderation, chat lines, notification.

`apply_wb_answer` is pure: it maps what we hold and what WB shows to the changes to make. The async helpers apply
changes with conditional UPDATEs (the WHERE clause repeats the state the decision was made on), so two workers
racing on one item change it once and emit one event.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tortoise import connections

from core.items.stage import UNANSWERED_STATUSES
from core.models import AnswerState, Draft, Interaction, InteractionStatus, WbSyncState


@dataclass(frozen=True)
class WbAnswer:
    """The seller's answer as WB shows it; `text` None means WB shows no answer."""

    text: str | None
    state: AnswerState = AnswerState.NONE
    state_raw: str | None = None
    editable: bool | None = None


@dataclass
class Transition:
    """What to change on one interaction; `refresh` asks the bot to redraw the card, `alert` names an alert kind."""

    changes: dict[str, Any] = field(default_factory=dict)
    void_drafts: bool = False
    refresh: bool = False
    alert: str | None = None

    def __bool__(self) -> bool:
        return bool(self.changes)


def _answer_fields(wb: WbAnswer) -> dict[str, Any]:
    return {
        "answer": wb.text,
        "answer_state": wb.state,
        "answer_state_raw": wb.state_raw,
        "answer_editable": wb.editable,
    }


def _reopen(reason: str | None) -> dict[str, Any]:
    return {"status": InteractionStatus.NEEDS_RESPONSE, "needs_response": True, "rejection_reason": reason}


def apply_wb_answer(row: Interaction, wb: WbAnswer, now: datetime) -> Transition:
    """The transition of a review/question when the latest WB view of its answer is `wb`.

    - pending (our reply sent, not yet visible): WB shows an answer → confirmed; nothing yet → unchanged until
      `pending_until`, then expired (back to the queue, alert). A sync inside the window never reopens it.
    - open and WB shows an answer we did not send → answered elsewhere: closed, drafts voided.
    - WB's moderation state changed → tracked; a rejection reopens the item with the reason.
    """
    pending = row.wb_sync_state == WbSyncState.PENDING
    if wb.text is None:
        if pending and row.pending_until is not None and now >= row.pending_until:
            changes = {"wb_sync_state": WbSyncState.EXPIRED, **_reopen(None)}
            return Transition(changes, refresh=True, alert="pending_expired")
        return Transition()
    ours = pending or (row.wb_sync_state == WbSyncState.EXPIRED and row.answer == wb.text)
    if ours:
        changes = {"wb_sync_state": WbSyncState.CONFIRMED, "status": InteractionStatus.ANSWERED, **_answer_fields(wb)}
        changes["needs_response"] = False
        if wb.state == AnswerState.REJECTED:
            changes.update(_reopen(wb.state_raw))
        return Transition(changes, refresh=True)
    if row.status in UNANSWERED_STATUSES and row.answer_state != AnswerState.REJECTED:
        changes = {"status": InteractionStatus.CLOSED, "needs_response": False, **_answer_fields(wb)}
        changes["answered_at"] = row.answered_at or now
        return Transition(changes, void_drafts=True, refresh=True)
    if (wb.state, wb.text) != (row.answer_state, row.answer):
        changes = _answer_fields(wb)
        if wb.state == AnswerState.REJECTED and row.answer_state != AnswerState.REJECTED:
            changes.update(_reopen(wb.state_raw))
        return Transition(changes, refresh=True)
    return Transition()


@dataclass(frozen=True)
class ChatLine:
    """One chat message as the rules need it: direction (True = from the buyer), text, time."""

    from_buyer: bool
    text: str
    at: datetime


def same_text(a: str, b: str) -> bool:
    """Texts equal after normalising whitespace (WB trims and may fold spaces)."""
    return " ".join(a.split()) == " ".join(b.split())


def apply_chat_messages(
    row: Interaction, lines: list[ChatLine], now: datetime, ours: Collection[str] = ()
) -> Transition:
    """The transition of a chat after new messages (time order): the chat needs a response when the buyer wrote
    last; our reply is confirmed when it shows up; a seller message we did not send answers it elsewhere.

    `ours` are the texts of our replies in flight or sent: the feed may show one before the outbox has recorded
    the send on the row, and it is still ours (confirmed, never "answered elsewhere").
    """
    if not lines:
        return Transition()
    t = Transition(refresh=True)
    mine = list(ours)
    if row.answer is not None and row.wb_sync_state in (WbSyncState.PENDING, WbSyncState.EXPIRED):
        mine.append(row.answer)

    def our_text(line: ChatLine) -> str | None:
        if line.from_buyer:
            return None
        return next((text for text in mine if same_text(line.text, text)), None)

    seen = [text for m in lines if (text := our_text(m)) is not None]
    if seen:
        t.changes.update(wb_sync_state=WbSyncState.CONFIRMED, answer=seen[-1])
    last = lines[-1]
    if last.from_buyer:
        if row.wb_sync_state == WbSyncState.PENDING and row.answered_at and last.at <= row.answered_at:
            return t  # written before our reply: the pending window holds
        t.changes.update(text=last.text, occurred_at=last.at, needs_response=True)
        if row.status not in (InteractionStatus.NEEDS_RESPONSE, InteractionStatus.DRAFTED):
            t.changes["status"] = InteractionStatus.NEEDS_RESPONSE
    elif our_text(last) is not None or (row.answer is not None and same_text(last.text, row.answer)):
        t.changes.update(status=InteractionStatus.ANSWERED, needs_response=False)
    elif row.needs_response or row.status in UNANSWERED_STATUSES:
        t.changes.update(status=InteractionStatus.CLOSED, needs_response=False, answer=last.text, answered_at=now)
        t.void_drafts = True
    return t


async def apply(row: Interaction, transition: Transition) -> bool:
    """Apply `transition` unless the row changed since it was read (then the next sync decides again)."""
    if not transition:
        return False
    updated = await Interaction.filter(
        id=row.id, status=row.status, wb_sync_state=row.wb_sync_state, answer_state=row.answer_state
    ).update(**transition.changes)
    if updated and transition.void_drafts:
        await void_drafts([row.id])
    return bool(updated)


async def void_drafts(interaction_ids: list[int]) -> None:
    """Drafts of answered-elsewhere interactions can no longer be sent."""
    if interaction_ids:
        await Draft.filter(interaction_id__in=interaction_ids, void=False).update(void=True)


async def claim_notifications(interaction_ids: list[int], now: datetime) -> list[int]:
    """Mark items as notified and return the ones this caller marked: the guard of "exactly one new event"."""
    ids = sorted({int(i) for i in interaction_ids})
    if not ids:
        return []
    conn = connections.get("default")
    # One conditional UPDATE … RETURNING (PostgreSQL and SQLite ≥ 3.35): a row already notified is not returned.
    # PostgreSQL takes the ids as one array, so the statement text is fixed and asyncpg prepares it once.
    if conn.capabilities.dialect == "postgres":
        at, where, params = "$1", "id = ANY($2::bigint[])", [now, ids]
    else:
        at, where, params = "?", f"id IN ({', '.join(str(i) for i in ids)})", [now]
    sql = f"UPDATE interaction SET notified_at = {at} WHERE {where} AND notified_at IS NULL AND needs_response"
    sql += " RETURNING id"
    rows = await conn.execute_query_dict(sql, params)
    return sorted(int(r["id"]) for r in rows)


def pending_fields(*, text: str, now: datetime, window_min: int, first_response_at: datetime | None) -> dict[str, Any]:
    """The interaction's fields right after our reply was accepted by WB: pending until WB shows it."""
    return {
        "status": InteractionStatus.ANSWERED,
        "needs_response": False,
        "answer": text,
        "wb_sync_state": WbSyncState.PENDING,
        "pending_until": now + timedelta(minutes=window_min),
        "answered_at": now,
        "first_response_at": first_response_at or now,
        "rejection_reason": None,
    }
