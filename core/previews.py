"""The seller's own text (Edit of a draft, or Reply) as a previewed draft: checked, stored, shown back with
Send / Edit again / Cancel, and sent only when the seller presses Send.

The text becomes the interaction's newest draft (origin `seller`), so the card, its Approve button and the outbox
treat it like any other draft: a double tap sends once, a superseded preview is stale. A blocked text is never
stored; the seller reads every reason and types again.
"""

from __future__ import annotations

from core import audit
from core.guardrails import enforce
from core.items.actions import Action
from core.items.view import require
from core.models import Draft, DraftOrigin, Interaction, Seller


async def save_seller_text(*, interaction_id: int, text: str, member_id: int) -> Draft:
    """Check the seller's text and store it as the newest draft. Raises GuardrailViolation, ReplyNotAllowed
    (the item offers no reply now)."""
    text = text.strip()
    item = await Interaction.get(id=interaction_id)
    await require(item, Action.REPLY)
    seller = await Seller.get(id=item.seller_id)
    verdict = enforce(text, item, seller.settings)
    # An earlier preview is superseded (Edit again): Cancel then goes back to the generated draft, if any.
    await Draft.filter(interaction_id=interaction_id, origin=DraftOrigin.SELLER, void=False).update(void=True)
    draft = await Draft.create(
        interaction_id=interaction_id,
        text=text,
        origin=DraftOrigin.SELLER,
        verdict=verdict.to_dict(),
        ok=True,
        created_by_id=member_id,
    )
    await audit.record(
        "draft.written",
        seller_id=item.seller_id,
        interaction_id=interaction_id,
        member_id=member_id,
        object_type="draft",
        object_id=draft.id,
        after=text,
    )
    return draft


async def discard(*, interaction_id: int, draft_id: int, member_id: int) -> None:
    """Cancel a preview: only the seller's own text is dropped; a generated draft before it is current again."""
    await Draft.filter(id=draft_id, interaction_id=interaction_id, origin=DraftOrigin.SELLER).update(void=True)
    item = await Interaction.get(id=interaction_id)
    await audit.record("draft.discarded", seller_id=item.seller_id, interaction_id=interaction_id, member_id=member_id)
