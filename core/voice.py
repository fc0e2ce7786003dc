"""The seller's drafting preferences — voice (signature, brand, tone), own banned words, the LLM switch. Owners
change the voice and the LLM switch. Audited. Product facts live in `core.product_facts`."""

from __future__ import annotations

from core import audit
from core.access import NotAllowed, require_owner
from core.models import Seller, SellerMember
from core.seller_settings import SellerSettings
from core.sellers import update_settings

# The signature and brand line, and their English versions for English replies (issue 25 item 5: an English reply
# never carries Russian; without an English version a Russian signature is left out of it).
VOICE_LIMITS = {"signature": 200, "brand": 100, "signature_en": 200, "brand_en": 100}
VOICE_FIELDS = tuple(VOICE_LIMITS)
MAX_BANNED = 50


async def set_llm(member: SellerMember | None, enabled: bool, *, admin_id: int | None = None) -> Seller:
    """Switch LLM drafts on or off for the member's seller (owners only; `admin_id` for the web admin)."""
    owner = require_owner(member)
    return await set_llm_for(owner.seller_id, enabled, member_id=owner.id, admin_id=admin_id)


async def set_llm_for(
    seller_id: int, enabled: bool, *, member_id: int | None = None, admin_id: int | None = None
) -> Seller:
    """Switch LLM drafts for `seller_id` (the caller checked the right to), audited with who did it."""
    seller = await Seller.get(id=seller_id)
    before = seller.llm_enabled
    seller.llm_enabled = enabled
    await seller.save(update_fields=["llm_enabled", "updated_at"])
    await audit.record(
        "settings.llm",
        seller_id=seller_id,
        member_id=member_id,
        admin_id=admin_id,
        object_type="seller",
        object_id=seller_id,
        before=str(before),
        after=str(enabled),
    )
    return seller


async def set_voice_text(member: SellerMember | None, field: str, text: str) -> SellerSettings:
    """Set the signature or brand, or their English versions ("-" or empty clears it); validated by
    `SellerSettings`."""
    if field not in VOICE_FIELDS:
        raise NotAllowed("stale")
    limit = VOICE_LIMITS[field]
    value = "" if text.strip() in ("", "-") else " ".join(text.split())[:limit]
    return await update_settings(member, {"voice": {field: value}})


async def toggle_tone(member: SellerMember | None, current: SellerSettings) -> SellerSettings:
    """Formal «Вы» ↔ friendly."""
    tone = "friendly" if current.voice.tone == "formal" else "formal"
    return await update_settings(member, {"voice": {"tone": tone}})


def parse_banned(text: str) -> list[str]:
    """The seller's own banned words, one per line or comma-separated ("-" clears the list)."""
    if text.strip() == "-":
        return []
    words = [w.strip() for chunk in text.splitlines() for w in chunk.split(",")]
    return list(dict.fromkeys(w for w in words if w))[:MAX_BANNED]


async def set_banned(member: SellerMember | None, text: str) -> SellerSettings:
    """Replace the seller's banned-in-own-replies words."""
    return await update_settings(member, {"banned_phrases": parse_banned(text)})
