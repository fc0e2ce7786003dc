"""An item's lifecycle stage, the open (backlog) set, and overdue.

The stage is computed from the rows (interaction, its current draft, its answer's reply), never stored: a card
re-rendered after any change shows what a fresh one would.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum

from core.models import AnswerState, Channel, Draft, Interaction, InteractionStatus, Reply, ReplyStatus, WbSyncState

# A reply in flight: queued, being sent, or its outcome unknown (read back before anything else happens to it).
ACTIVE = (ReplyStatus.QUEUED, ReplyStatus.SENDING, ReplyStatus.UNKNOWN)
# A reply that ended: sent, or refused by WB.
ENDED = (ReplyStatus.SENT, ReplyStatus.FAILED)
# The action of a reply that edits a published answer (core.answer_edits): sent with WB's edit call, and on success
# it changes the answer WB shows, not the item's answered state.
EDIT = "edit"
# How long an unknown outcome may stay unresolved before the seller is asked to check WB (the read-backs go on).
UNSURE_AFTER = timedelta(minutes=10)


def unsure(reply: Reply, now: datetime | None = None) -> bool:
    """Whether the reply's outcome has been unknown past `UNSURE_AFTER`: "not sure it was sent — check WB"."""
    now = now or datetime.now(UTC)
    return (
        reply.status == ReplyStatus.UNKNOWN
        and reply.unknown_since is not None
        and now - reply.unknown_since >= UNSURE_AFTER
    )


class ItemStage(StrEnum):
    """Where an item is in its reply lifecycle.

    new (overdue once its due time passed) → drafted → sending → sent (waiting for WB) → published (reviews,
    questions) or delivered (chats); or moderation / rejected (reason) / failed (reason) / expired (WB never
    showed it within the pending window); answered elsewhere and skipped end it without our reply.
    """

    NEW = "new"
    OVERDUE = "overdue"
    DRAFTED = "drafted"
    SENDING = "sending"
    SENT = "sent"
    PUBLISHED = "published"
    DELIVERED = "delivered"
    MODERATION = "moderation"
    REJECTED = "rejected"
    FAILED = "failed"
    EXPIRED = "expired"
    # Our reply's outcome has been unknown past the deadline: "not sure it was sent — check WB" + re-check.
    UNKNOWN = "unknown"
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    SKIPPED = "skipped"


# The backlog: statuses of an item that waits for the seller's answer (with `needs_response`). /inbox, analytics,
# the backlog summary and alerts count these; a skipped item is closed and in none of them.
OPEN_STATUSES: tuple[InteractionStatus, ...] = (
    InteractionStatus.NEW,
    InteractionStatus.NEEDS_RESPONSE,
    InteractionStatus.DRAFTED,
)
# Nobody answered it: open, or skipped by the seller. WB showing an answer we did not send closes either.
UNANSWERED_STATUSES: tuple[InteractionStatus, ...] = (*OPEN_STATUSES, InteractionStatus.SKIPPED)

# Stages in which nobody has answered yet and no draft waits: a new answer starts here (Draft / Reply / Skip).
UNDRAFTED_STAGES = (ItemStage.NEW, ItemStage.OVERDUE, ItemStage.FAILED, ItemStage.REJECTED, ItemStage.EXPIRED)
# The open stages: the seller may answer (draft, write, approve, skip, hide a question).
OPEN_STAGES = (*UNDRAFTED_STAGES, ItemStage.DRAFTED)

_ANSWER_STAGE = {
    AnswerState.PUBLISHED: ItemStage.PUBLISHED,
    AnswerState.MODERATION: ItemStage.MODERATION,
    AnswerState.REJECTED: ItemStage.REJECTED,
}
# A reply that ended in one of these left the item open again: a draft made after it is the item's new draft.
_REOPENED = (ItemStage.FAILED, ItemStage.REJECTED, ItemStage.EXPIRED)


def _sent_stage(interaction: Interaction) -> ItemStage:
    """After WB accepted our reply: a chat message is delivered once it shows in the chat's events; a review or
    question answer follows WB's answer state (a new answer after a rejection is "sent" until WB shows it);
    neither shown within the pending window → expired."""
    if interaction.wb_sync_state == WbSyncState.EXPIRED:
        return ItemStage.EXPIRED
    if interaction.channel == Channel.CHAT:
        return ItemStage.DELIVERED if interaction.wb_sync_state == WbSyncState.CONFIRMED else ItemStage.SENT
    if interaction.wb_sync_state == WbSyncState.PENDING:
        return ItemStage.SENT
    return _ANSWER_STAGE.get(interaction.answer_state, ItemStage.SENT)


def item_stage(
    interaction: Interaction, draft: Draft | None, reply: Reply | None, now: datetime | None = None
) -> ItemStage:
    """The lifecycle stage: our reply's progress first, else what WB or the seller did; an unanswered item past
    its due time is overdue."""
    if reply is not None:
        if reply.status == ReplyStatus.UNKNOWN:
            return ItemStage.UNKNOWN if unsure(reply, now) else ItemStage.SENDING
        if reply.status in (ReplyStatus.QUEUED, ReplyStatus.SENDING):
            return ItemStage.SENDING
        stage = ItemStage.FAILED if reply.status == ReplyStatus.FAILED else _sent_stage(interaction)
        # Answering again (Draft, Reply) after WB refused or rejected the answer: the new draft is the item's.
        if stage in _REOPENED and draft is not None and draft.created_at > reply.created_at:
            return ItemStage.DRAFTED
        return stage
    if interaction.answer_state == AnswerState.REJECTED and interaction.needs_response:
        # An answer given in the WB cabinet that moderation rejected: open again, as after our own.
        return ItemStage.DRAFTED if draft is not None else ItemStage.REJECTED
    # Closed: WB shows an answer or decision we did not send (a chat's carries no answer state).
    answered = (InteractionStatus.ANSWERED, InteractionStatus.CLOSED)
    if interaction.status in answered or interaction.answer_state != AnswerState.NONE:
        return ItemStage.ANSWERED_ELSEWHERE
    if interaction.status == InteractionStatus.SKIPPED:
        return ItemStage.SKIPPED
    if draft is not None:
        return ItemStage.DRAFTED
    return ItemStage.OVERDUE if is_overdue(interaction, now or datetime.now(UTC)) else ItemStage.NEW


def is_overdue(interaction: Interaction, now: datetime) -> bool:
    """Still waiting for a reply after its SLA due time."""
    return bool(interaction.needs_response and interaction.due_at is not None and interaction.due_at <= now)
