"""Auto-send eligibility: when a generated draft may go to WB without a person approving it.

Only when the seller opted in (`SellerSettings.auto_send`), only for 4–5★ reviews that have no text or clearly
positive text, only when the guardrails pass, never for questions or chats, and never while the interaction is
linked to another with confidence below 0.85 (DESIGN: automatic actions need a sure link). "Clearly positive" is
deliberately strict: any negation, contrast or complaint word sends the review to a person instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from tortoise.expressions import Q

from core.guardrails import Verdict
from core.i18n import translator
from core.models import Channel, Interaction, Link
from core.seller_settings import SellerSettings

MIN_LINK_CONFIDENCE = 0.85


class AutoSendReason(StrEnum):
    OK = "ok"
    DISABLED = "disabled"
    CHANNEL = "channel"
    RATING = "rating"
    TEXT = "text"
    GUARDRAILS = "guardrails"
    LINK = "link"


_NEGATIVE = re.compile(
    r"\bне\b|\bнет\b|\bно\b|однако|хотя|\bминус|плох|ужас|брак|дефект|возврат|верн|жаль|разочар|сожален|маломер|"
    r"большемер|порвал|слом|запах|долго|\bnot\b|n't|\bno\b|\bbut\b|\bbad\b|poor|broken|return|refund|disappoint|\?"
)
_POSITIVE = re.compile(
    r"отлич|супер|класс|прекрас|рекоменд|довол|понрав|спасибо|хорош|идеальн|замечат|люблю|восторг|шикар|удобн|"
    r"качествен|красив|great|excellent|love|perfect|recommend|good|nice|amazing|thank|beautiful"
)
# WB asks for "Недостатки"; many buyers type "нет" there, which is not a complaint.
_NO_CONS = {"", "-", "нет", "нету", "нет минусов", "не обнаружено", "не нашла", "не нашел", "none", "no", "nothing"}


def clearly_positive(text: str, cons: str | None = None) -> bool:
    """Empty text, or text with a praise word and no negation, contrast, question or complaint word."""
    if " ".join((cons or "").lower().replace("ё", "е").split()).strip(".!") not in _NO_CONS:
        return False
    norm = " ".join(text.lower().replace("ё", "е").split())
    if not norm:
        return True
    return _POSITIVE.search(norm) is not None and _NEGATIVE.search(norm) is None


def eligible(
    interaction: Interaction,
    seller_settings: SellerSettings,
    verdict: Verdict,
    *,
    link_confidences: Iterable[float] = (),
) -> tuple[bool, AutoSendReason]:
    """Whether the draft judged by `verdict` may be auto-sent, and why not (first failing rule)."""
    if not seller_settings.auto_send:
        return False, AutoSendReason.DISABLED
    if interaction.channel != Channel.REVIEW:
        return False, AutoSendReason.CHANNEL
    if interaction.rating is None or interaction.rating < 4:
        return False, AutoSendReason.RATING
    text = "\n".join(p for p in (interaction.text, interaction.pros) if p)
    if not clearly_positive(text, interaction.cons):
        return False, AutoSendReason.TEXT
    if not verdict.ok:
        return False, AutoSendReason.GUARDRAILS
    if any(confidence < MIN_LINK_CONFIDENCE for confidence in link_confidences):
        return False, AutoSendReason.LINK
    return True, AutoSendReason.OK


async def check(
    interaction: Interaction, seller_settings: SellerSettings, verdict: Verdict
) -> tuple[bool, AutoSendReason]:
    """`eligible` with the interaction's links loaded from the database."""
    confidences = await Link.filter(Q(a_id=interaction.id) | Q(b_id=interaction.id)).values_list(
        "confidence", flat=True
    )
    return eligible(interaction, seller_settings, verdict, link_confidences=confidences)


def reason_text(reason: AutoSendReason, language: str) -> str:
    """The reason as shown to the seller."""
    return translator(language)(f"draft-autosend-{reason}")
