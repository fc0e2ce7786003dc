"""Editing a published answer to a review or question, within WB's rule: once, within 60 days of the answer.

The seller's new text is checked by the guardrails and kept as their draft until they confirm; the confirmed edit is
a `Reply` with `action = "edit"` in the outbox, so it is sent like an answer: at most once, and read back (WB's item by
id) before any retry. The read-back tells an applied edit (WB shows our new text) from one WB never got (the old
answer, still `editable`); anything else is someone else's change. Once sent, WB allows no second edit: the item
keeps that edit reply, and WB's own `editable` flag (synced into `answer_editable`) says the same for edits made in
the WB cabinet.
"""

from __future__ import annotations

import hashlib

from tortoise.transactions import in_transaction

from core import repetition
from core.guardrails import enforce
from core.items.actions import ReplyNotAllowed, edit_refusal, latest_edit
from core.models import (
    Draft,
    DraftOrigin,
    Interaction,
    Reply,
    ReplyStatus,
    ReplyVia,
    Seller,
)
from core.replies import ACTIVE, EDIT, queue_action


async def check(interaction_id: int) -> Interaction:
    """The item, if its answer can be edited now; raises ReplyNotAllowed with the reason otherwise."""
    item = await Interaction.get(id=interaction_id)
    edit = latest_edit(await Reply.filter(interaction_id=interaction_id, action=EDIT))
    if reason := edit_refusal(item, edit):
        raise ReplyNotAllowed(reason)
    return item


def _checked(text: str, item: Interaction, seller: Seller, extra_phrases: tuple[str, ...]) -> str:
    text = text.strip()
    enforce(text, item, seller.settings, extra_phrases)
    return text


async def prepare(
    *, interaction_id: int, text: str, member_id: int | None, extra_phrases: tuple[str, ...] = ()
) -> Draft:
    """Check the new answer (WB's rule, guardrails) and keep it as the person's draft until they confirm.

    Raises ReplyNotAllowed when the answer cannot be edited, GuardrailViolation with every reason for a blocked text.
    """
    item = await check(interaction_id)
    seller = await Seller.get(id=item.seller_id)
    checked = _checked(text, item, seller, extra_phrases)
    await repetition.enforce(checked, seller_id=item.seller_id, interaction_id=item.id, channel=item.channel)
    await Draft.filter(interaction_id=interaction_id, void=False).update(void=True)
    return await Draft.create(
        interaction_id=interaction_id, text=checked, origin=DraftOrigin.SELLER, created_by_id=member_id
    )


async def discard(*, interaction_id: int, draft_id: int) -> None:
    """Drop the unconfirmed new text (Cancel)."""
    await Draft.filter(id=draft_id, interaction_id=interaction_id).update(void=True)


def edit_key(interaction_id: int, text: str, attempt: int) -> str:
    """interaction + "edit" + text hash + attempt: a double confirm maps to one outbox row."""
    digest = hashlib.sha256(text.strip().encode()).hexdigest()[:32]
    return f"{interaction_id}:edit:{digest}:{attempt}"


async def request(
    *,
    interaction_id: int,
    draft_id: int,
    member_id: int | None = None,
    admin_id: int | None = None,
    via: ReplyVia,
    extra_phrases: tuple[str, ...] = (),
) -> tuple[Reply, bool]:
    """Put the confirmed edit (the draft `draft_id`) in the outbox; returns (reply, created).

    Refused (ReplyNotAllowed) when WB's rule does not allow an edit now, the draft is gone ("stale"), or another
    reply is in flight; a double confirm returns the edit already queued. `via=auto` is refused: a person edits.
    """
    if via == ReplyVia.AUTO:
        raise ReplyNotAllowed("edit-manual")
    async with in_transaction():
        item = await Interaction.filter(id=interaction_id).select_for_update().get()
        replies = await Reply.filter(interaction_id=interaction_id).order_by("-id")
        draft = await Draft.get_or_none(id=draft_id, interaction_id=interaction_id)
        busy = next((r for r in replies if r.status in ACTIVE), None)
        if busy is not None and busy.action == EDIT and draft is not None and busy.text == draft.text.strip():
            return busy, False
        if busy is not None:
            raise ReplyNotAllowed("in-flight")
        if reason := edit_refusal(item, latest_edit(replies)):
            raise ReplyNotAllowed(reason)
        if draft is None or draft.void:
            raise ReplyNotAllowed("edit-stale")
        seller = await Seller.get(id=item.seller_id)
        text = _checked(draft.text, item, seller, extra_phrases)  # the rules may have changed since the preview
        await repetition.enforce(text, seller_id=item.seller_id, interaction_id=item.id, channel=item.channel)
        attempt = sum(1 for r in replies if r.action == EDIT and r.status == ReplyStatus.FAILED)
        reply, created = await queue_action(
            item=item,
            key=edit_key(interaction_id, text, attempt),
            action=EDIT,
            text=text,
            via=via,
            member_id=member_id,
            admin_id=admin_id,
            event="answer.edited",
            after=text,
        )
        if created:  # the edited answer is public too: later answers must not repeat it
            await repetition.remember(
                text, seller_id=item.seller_id, interaction_id=item.id, channel=item.channel, reply_id=reply.id
            )
        await Draft.filter(id=draft.id).update(void=True)
        return reply, created
