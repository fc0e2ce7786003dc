"""The seller's drafting preferences — voice (signature, brand, tone), own banned words, the LLM switch — and
per-product facts. Owners change the voice and the LLM switch; any member may write product facts. Audited."""

from __future__ import annotations

import re

from core import audit
from core.access import NotAllowed, require_member, require_owner
from core.guardrails import Verdict, check_text
from core.guardrails.verdict import Severity, Violation
from core.models import FACT_KINDS, ProductFacts, Seller, SellerMember
from core.models.enums import Channel
from core.models.product import FACT_MAX_CHARS
from core.seller_settings import SellerSettings
from core.sellers import update_settings

# The signature and brand line, and their English versions for English replies (issue 25 item 5: an English reply
# never carries Russian; without an English version a Russian signature is left out of it).
VOICE_LIMITS = {"signature": 200, "brand": 100, "signature_en": 200, "brand_en": 100}
VOICE_FIELDS = tuple(VOICE_LIMITS)
FACT_LANGUAGES = ("ru", "en")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
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


async def product_facts(seller_id: int, nm_id: int, language: str = "ru") -> dict[str, str]:
    """The product's facts by kind as the seller wrote them in `language` ("ru": the main text, "en": the English
    text), every kind present (empty when not written)."""
    row = await ProductFacts.get_or_none(seller_id=seller_id, nm_id=nm_id)
    if row is None:
        return dict.fromkeys(FACT_KINDS, "")
    if language == "en":
        return {kind: (row.english or {}).get(kind, "") for kind in FACT_KINDS}
    return {kind: getattr(row, kind) for kind in FACT_KINDS}


def check_fact(text: str, language: str = "ru") -> Verdict:
    """A fact goes into public replies as written: it must pass the public guardrails on its own, and an English
    text must not carry Russian (it is quoted inside English replies)."""
    verdict = check_text(text, channel=Channel.REVIEW)
    found = _CYRILLIC.search(text) if language == "en" else None
    if found:
        russian = Violation(
            "fact.language", found.group(0), found.start(), found.end(), Severity.BLOCK, "voice-en-fact-russian"
        )
        return Verdict((*verdict.violations, russian))
    return verdict


async def set_fact(
    seller_id: int,
    nm_id: int,
    kind: str,
    text: str,
    *,
    member_id: int | None = None,
    admin_id: int | None = None,
    language: str = "ru",
) -> Verdict:
    """Store one fact ("-" or empty clears it) unless the guardrails block it; returns the verdict either way.
    `language` "en" stores the fact's English text (quoted in English replies), which must have no Russian."""
    if kind not in FACT_KINDS or language not in FACT_LANGUAGES:
        raise NotAllowed("stale")
    value = "" if text.strip() in ("", "-") else " ".join(text.split())[:FACT_MAX_CHARS]
    verdict = check_fact(value, language) if value else Verdict(())
    if not verdict.ok:
        return verdict
    row, _ = await ProductFacts.get_or_create(seller_id=seller_id, nm_id=nm_id)
    if language == "en":
        english = dict(row.english or {})
        before = english.get(kind, "")
        english = {k: v for k, v in {**english, kind: value}.items() if v}
        row.english = english or None
        await row.save(update_fields=["english", "updated_at"])
    else:
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
        meta={"kind": kind, "language": language},
    )
    return verdict


async def set_fact_as_member(
    member: SellerMember | None, nm_id: int, kind: str, text: str, language: str = "ru"
) -> Verdict:
    """`set_fact` for a member of the seller (owners and operators)."""
    member = require_member(member)
    return await set_fact(member.seller_id, nm_id, kind, text, member_id=member.id, language=language)
