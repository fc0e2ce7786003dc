"""Buyer returns (WB claims): what a claim shows, which actions WB allows, the seller's decision into the outbox.

A claim is an Interaction with `channel = return`; WB's claim JSON is its `raw_payload` (status, `status_ex`,
`actions`, photos, price, order). Nothing about a claim is automatic: a decision is one of the claim's current
`actions`, chosen by a person, and goes through the reply outbox like an answer (a `Reply` with `action` set and
the comment as its text), so it is sent at most once and read back from WB before any retry.
"""

from __future__ import annotations

import hashlib

from tortoise.transactions import in_transaction

from core.guardrails import enforce
from core.items.actions import Action
from core.items.claim import UNDER_REVIEW, ClaimView
from core.items.view import require
from core.models import (
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    Reply,
    ReplyStatus,
    ReplyVia,
    Seller,
    WbSyncState,
)
from core.replies import ACTIVE, ENDED, ReplyNotAllowed, queue_action

COMMENT_MIN, COMMENT_MAX = 10, 1000
REJECTIONS = frozenset({"reject1", "reject2", "reject3", "rejectcustom"})
# The actions WB documents; an unknown one WB starts offering is shown by its code and still allowed.
KNOWN_ACTIONS = (
    "approve1",
    "approve2",
    "autorefund1",
    "approvecc1",
    "confirmreturngoodcc1",
    "reject1",
    "reject2",
    "reject3",
    "rejectcustom",
)
COMMENT_REQUIRED = frozenset({"rejectcustom"})
COMMENT_ALLOWED = frozenset({"rejectcustom", "approvecc1"})


def expected_status(action: str) -> int:
    """The claim `status` WB shows once `action` is applied (1 refusal, 2 approved)."""
    return 1 if action in REJECTIONS else 2


def decision_landed(action: str, comment: str, claim: ClaimView) -> bool | None:
    """Whether WB's view of a claim shows our decision: True yes, False decided otherwise, None not decided yet.

    The read-back before any resend: a decision WB applied leaves the claim with the action's status and without
    that action offered (a comment we sent with `rejectcustom` is WB's comment to the buyer).
    """
    if action in claim.actions:
        return None
    if claim.status == UNDER_REVIEW:
        return None if claim.actions else False
    if action == "confirmreturngoodcc1":
        return claim.status == 2 and claim.status_ex == 10
    if claim.status != expected_status(action):
        return False
    if action == "rejectcustom" and claim.wb_comment is not None:
        return claim.wb_comment.strip() == comment.strip()
    return True


def check_comment(action: str, comment: str | None, item: Interaction, seller: Seller, extra: tuple[str, ...]) -> str:
    """The comment to send with `action` ("" for none); raises ReplyNotAllowed / GuardrailViolation."""
    text = (comment or "").strip()
    if not text:
        if action in COMMENT_REQUIRED:
            raise ReplyNotAllowed("claim-comment")
        return ""
    if action not in COMMENT_ALLOWED:
        raise ReplyNotAllowed("claim-comment")
    enforce(text, item, seller.settings, extra)  # a claim's own channel: callers checked it is a return
    return text


async def prepare_comment(
    *, interaction_id: int, action: str, comment: str, member_id: int | None, extra_phrases: tuple[str, ...] = ()
) -> Draft:
    """Check a person's claim comment (length, guardrails) and keep it as their draft until they confirm.

    Raises GuardrailViolation with every reason, or ReplyNotAllowed when the claim does not offer `action` now.
    """
    item = await Interaction.get(id=interaction_id)
    if item.channel != Channel.RETURN or action not in ClaimView.of(item.raw_payload).actions:
        raise ReplyNotAllowed("claim-action")
    seller = await Seller.get(id=item.seller_id)
    text = check_comment(action, comment, item, seller, extra_phrases)
    await Draft.filter(interaction_id=interaction_id, void=False).update(void=True)
    return await Draft.create(
        interaction_id=interaction_id, text=text, origin=DraftOrigin.SELLER, created_by_id=member_id
    )


def decision_key(interaction_id: int, action: str, comment: str, attempt: int) -> str:
    """interaction + action + comment hash + attempt: the same decision twice maps to one outbox row."""
    digest = hashlib.sha256(f"{action}\n{comment}".encode()).hexdigest()[:32]
    return f"{interaction_id}:claim:{digest}:{attempt}"


async def decide(
    *,
    interaction_id: int,
    action: str,
    comment: str | None = None,
    member_id: int | None = None,
    admin_id: int | None = None,
    via: ReplyVia = ReplyVia.TELEGRAM,
    extra_phrases: tuple[str, ...] = (),
) -> tuple[Reply, bool]:
    """Put a person's decision on a claim in the outbox; returns (reply, created).

    Refused (ReplyNotAllowed) when the claim does not offer `action` now, when the comment is missing or not
    allowed for it, or when another decision is in flight; a comment the guardrails block raises GuardrailViolation.
    `via=auto` is refused: nothing about a claim is automatic.
    """
    if via == ReplyVia.AUTO:
        raise ReplyNotAllowed("claim-manual")
    async with in_transaction():
        item = await Interaction.filter(id=interaction_id).select_for_update().get()
        if item.channel != Channel.RETURN:
            raise ReplyNotAllowed("claim-action")
        seller = await Seller.get(id=item.seller_id)
        text = check_comment(action, comment, item, seller, extra_phrases)
        replies = await Reply.filter(interaction_id=interaction_id).order_by("-id")
        busy = next((r for r in replies if r.status in ACTIVE), None)
        if busy is None and item.wb_sync_state == WbSyncState.PENDING:
            busy = next((r for r in replies if r.status == ReplyStatus.SENT), None)
        if busy is not None:
            if busy.action == action and busy.text.strip() == text:
                return busy, False
            raise ReplyNotAllowed("in-flight")
        view = await require(item, Action.DECIDE)
        if action not in view.claim_actions:
            raise ReplyNotAllowed("claim-action")
        key = decision_key(interaction_id, action, text, sum(1 for r in replies if r.status in ENDED))
        return await queue_action(
            item=item,
            key=key,
            action=action,
            text=text,
            via=via,
            member_id=member_id,
            admin_id=admin_id,
            event="claim.decided",
            after=f"{action}: {text}" if text else action,
        )
