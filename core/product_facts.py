"""A product's facts as the seller wrote them (material, care, sizes, ...; Russian and English texts): read for
drafts and for the editing screens, written by any member or an admin after the public guardrails. Audited.
Which fact answers what a buyer asked is `core.drafting.facts`."""

from __future__ import annotations

import re

from core import audit
from core.access import NotAllowed, require_member
from core.guardrails import Verdict, check_text
from core.guardrails.verdict import Severity, Violation
from core.models import FACT_KINDS, ProductFacts, SellerMember
from core.models.enums import Channel
from core.models.product import FACT_MAX_CHARS

FACT_LANGUAGES = ("ru", "en")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


async def facts_for(seller_id: int, nm_id: int | None, language: str = "ru") -> dict[str, str]:
    """The seller's facts about the product, by kind, for a reply in `language` (an English reply gets a fact's
    English text where the seller gave one); empty when none."""
    if nm_id is None:
        return {}
    facts = await ProductFacts.get_or_none(seller_id=seller_id, nm_id=nm_id)
    return facts.as_dict(language) if facts else {}


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
