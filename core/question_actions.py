"""Question actions besides answering: hiding a question from buyers (WB's "reject", `state: none`).

Hiding goes through the reply outbox like an answer (a `Reply` with `action = "hide"`; WB requires a text, ours is
the seller's localised reason, never shown to buyers), so it is sent at most once and read back before any resend.
It is a person's decision with a confirm step; WB's `isWarned` flag only puts the button first. Nothing here marks a
question viewed: WB's `wasViewed` stays the seller's own.
"""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from core.i18n import translator
from core.items.actions import Action
from core.items.view import require
from core.models import Channel, Interaction, Reply, ReplyVia, Seller
from core.replies import ACTIVE, ENDED, ReplyNotAllowed, queue_action

HIDE = "hide"


def is_warned(interaction: Interaction) -> bool:
    """WB flagged the question (`isWarned`): hiding it is offered first."""
    payload: Any = interaction.raw_payload
    return interaction.channel == Channel.QUESTION and isinstance(payload, dict) and payload.get("isWarned") is True


async def hide(
    *, interaction_id: int, member_id: int | None = None, admin_id: int | None = None, via: ReplyVia
) -> tuple[Reply, bool]:
    """Put "hide this question" in the outbox; returns (reply, created). ReplyNotAllowed when it is not a question,
    it is answered already, or another reply is in flight. `via=auto` is refused."""
    if via == ReplyVia.AUTO:
        raise ReplyNotAllowed("hide-manual")
    async with in_transaction():
        item = await Interaction.filter(id=interaction_id).select_for_update().get()
        if item.channel != Channel.QUESTION:
            raise ReplyNotAllowed("hide-question")
        replies = await Reply.filter(interaction_id=interaction_id).order_by("-id")
        busy = next((r for r in replies if r.status in ACTIVE), None)
        if busy is not None:
            if busy.action == HIDE:
                return busy, False
            raise ReplyNotAllowed("in-flight")
        await require(item, Action.HIDE)
        seller = await Seller.get(id=item.seller_id)
        text = translator(seller.language)("question-hide-reason")
        return await queue_action(
            item=item,
            key=f"{interaction_id}:hide:{sum(1 for r in replies if r.status in ENDED)}",
            action=HIDE,
            text=text,
            via=via,
            member_id=member_id,
            admin_id=admin_id,
            event="question.hidden",
        )
