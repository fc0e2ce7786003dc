"""What may be done with an item now: `allowed(view)`, THE rule.

The bot's keyboards and the admin page draw `view.actions` (one button or form per action); core's commands
(approve, draft, regenerate, cancel, skip, unskip, hide, answer edit, claim decision, re-check) lock the row, build
the view from it (`core.items.view.require`) and refuse an action outside this set with `refusal`'s reason. So what
a card offers and what core accepts cannot drift apart (`tests/core/test_item_actions.py` walks every stage ×
channel × role).

The skipped-item rule: a skipped item is closed — not in /inbox nor the backlog, nothing can be sent for it — until
the seller presses «Вернуть» (Unskip), offered on the card and in the admin at any time; the item is then open again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from core.items.stage import ACTIVE, EDIT, OPEN_STAGES, OPEN_STATUSES, UNDRAFTED_STAGES, ItemStage, unsure
from core.models import AnswerState, Channel, Interaction, InteractionStatus, Reply, ReplyStatus, WbSyncState

if TYPE_CHECKING:
    from core.items.view import ItemView

# WB: an answer can be edited once, within 60 days (2 months) of being given.
EDIT_WINDOW = timedelta(days=60)


class ReplyNotAllowed(Exception):
    """The item refuses the action now; `reason` is the tail of a locale key (`bot-reply-…`, `admin-reply-…`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Action(StrEnum):
    """Something a person may do with an item (the bot and the admin map each to a button or a form)."""

    DRAFT = "draft"  # generate a first draft
    REGENERATE = "regenerate"  # another variant of the current draft
    APPROVE = "approve"  # send the current draft as it is
    REPLY = "reply"  # send the seller's own text (a new answer, or the draft edited)
    CANCEL = "cancel"  # drop the current draft
    SKIP = "skip"  # decide not to answer: the item is closed
    UNSKIP = "unskip"  # «Вернуть»: a skipped item is open again
    HIDE = "hide"  # hide a question from buyers
    EDIT_ANSWER = "edit_answer"  # edit the published answer (WB: once, within 60 days)
    RECHECK = "recheck"  # read WB back now for a reply whose outcome stayed unknown
    DECIDE = "decide"  # one of WB's actions on a claim (`view.claim_actions`)


def latest_edit(replies: list[Reply]) -> Reply | None:
    """The newest edit among an item's replies (any order), or None."""
    edits = [r for r in replies if r.action == EDIT]
    return max(edits, key=lambda r: r.id) if edits else None


def edit_refusal(item: Interaction, edit: Reply | None, now: datetime | None = None) -> str | None:
    """Why the item's answer cannot be edited now (the tail of a `bot-reply-…` locale key), or None if it can.

    `edit` is the item's latest edit reply. A refused edit (failed) does not count: WB did not apply it.
    """
    now = now or datetime.now(UTC)
    if item.channel not in (Channel.REVIEW, Channel.QUESTION):
        return "edit-channel"
    # Our answer, sent and confirmed published (an answer given in the WB cabinet is edited there).
    confirmed = item.wb_sync_state == WbSyncState.CONFIRMED
    if not item.answer or item.answer_state != AnswerState.PUBLISHED or not confirmed:
        return "edit-unpublished"
    if edit is not None and edit.status in ACTIVE:
        return "in-flight"
    if edit is not None and edit.status == ReplyStatus.SENT:
        return "edit-used"
    answered = item.answered_at or item.first_response_at
    if answered is not None and now - answered >= EDIT_WINDOW:
        return "edit-expired"
    if item.answer_editable is False:  # WB says no: edited already (in the WB cabinet)
        return "edit-used"
    return None


def allowed(view: ItemView) -> frozenset[Action]:
    """The actions the item offers now, from its stage, channel and rows (the one rule)."""
    item, stage = view.interaction, view.stage
    actions: set[Action] = set()
    if item.channel == Channel.RETURN:
        # A claim is decided with WB's actions, never answered with a text.
        if view.claim_actions:
            actions.add(Action.DECIDE)
        if stage == ItemStage.DRAFTED:
            actions.add(Action.CANCEL)  # the comment of a decision waiting for its confirmation
    elif stage in OPEN_STAGES and item.status in OPEN_STATUSES:
        actions |= {Action.REPLY, Action.SKIP}
        if stage in UNDRAFTED_STAGES:
            actions.add(Action.DRAFT)
        elif view.draft is not None:
            actions |= {Action.REGENERATE, Action.CANCEL}
            if view.draft.ok:
                actions.add(Action.APPROVE)
        if item.channel == Channel.QUESTION:
            actions.add(Action.HIDE)
    if stage == ItemStage.SKIPPED and item.status == InteractionStatus.SKIPPED:
        actions.add(Action.UNSKIP)
    if stage == ItemStage.UNKNOWN or (view.edit is not None and unsure(view.edit)):
        actions.add(Action.RECHECK)
    if edit_refusal(item, view.edit) is None:
        actions.add(Action.EDIT_ANSWER)
    return frozenset(actions)


def refusal(view: ItemView, action: Action) -> str | None:
    """Why `action` is refused on the item now (the tail of a `bot-reply-…` / `admin-reply-…` key), None if allowed."""
    if action in view.actions:
        return None
    item, stage = view.interaction, view.stage
    if action == Action.EDIT_ANSWER:
        return edit_refusal(item, view.edit) or "answered"
    if action == Action.DECIDE or (item.channel == Channel.RETURN and action != Action.CANCEL):
        return "claim-action"
    if action == Action.HIDE and item.channel != Channel.QUESTION:
        return "hide-question"
    if stage in (ItemStage.SENDING, ItemStage.UNKNOWN):
        return "in-flight"
    if stage == ItemStage.SKIPPED and item.status == InteractionStatus.SKIPPED:
        return "skipped"
    if action in (Action.APPROVE, Action.REGENERATE, Action.CANCEL) and stage in OPEN_STAGES:
        return "stale"  # the draft it was pressed on is gone or blocked
    return "answered"
