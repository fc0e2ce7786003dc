"""The seller's drafting preferences — voice (signature, brand, tone), own banned words, the LLM switch — and
per-product facts. Owners change the voice and the LLM switch; any member may write product facts. Audited."""

from __future__ import annotations

from core import audit
from core.access import NotAllowed, require_member, require_owner
from core.guardrails import Verdict, check_text
from core.models import FACT_KINDS, ProductFacts, Seller, SellerMember
from core.models.enums import Channel
from core.models.product import FACT_MAX_CHARS
from core.seller_settings import SellerSettings
from core.sellers import update_settings

VOICE_FIELDS = ("signature", "brand")
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
    """Set the signature or brand ("-" or empty clears it); validated by `SellerSettings`."""
    if field not in VOICE_FIELDS:
        raise NotAllowed("stale")
    limit = {"signature": 200, "brand": 100}[field]
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


async def product_facts(seller_id: int, nm_id: int) -> dict[str, str]:
    """The product's facts by kind, every kind present (empty when not written)."""
    row = await ProductFacts.get_or_none(seller_id=seller_id, nm_id=nm_id)
    return {kind: getattr(row, kind) if row else "" for kind in FACT_KINDS}


def check_fact(text: str) -> Verdict:
    """A fact goes into public replies as written: it must pass the public guardrails on its own."""
    return check_text(text, channel=Channel.REVIEW)


async def set_fact(
    seller_id: int,
    nm_id: int,
    kind: str,
    text: str,
    *,
    member_id: int | None = None,
    admin_id: int | None = None,
) -> Verdict:
    """Store one fact ("-" or empty clears it) unless the guardrails block it; returns the verdict either way."""
    if kind not in FACT_KINDS:
        raise NotAllowed("stale")
    value = "" if text.strip() in ("", "-") else " ".join(text.split())[:FACT_MAX_CHARS]
    verdict = check_fact(value) if value else Verdict(())
    if not verdict.ok:
        return verdict
    row, _ = await ProductFacts.get_or_create(seller_id=seller_id, nm_id=nm_id)
    before = getattr(row, kind)
    setattr(row, kind, value)
    await row.save(update_fields=[kind, "updated_at"])
    await audit.record(
        "product.facts",
        seller_id=seller_id,
        member_id=member_id,
        admin_id=admin_id,
        object_type="product",
        object_id=nm_id,
        before=before,
        after=value,
        meta={"kind": kind},
    )
    return verdict


async def set_fact_as_member(member: SellerMember | None, nm_id: int, kind: str, text: str) -> Verdict:
    """`set_fact` for a member of the seller (owners and operators)."""
    member = require_member(member)
    return await set_fact(member.seller_id, nm_id, kind, text, member_id=member.id)
