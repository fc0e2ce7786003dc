"""Auto-send: a seller who opted in gets clearly positive 4–5★ reviews answered without pressing Approve.

The rules (`eligible`): only when the seller opted in (`SellerSettings.auto_send`), never for a harm or legal item
(`core.readings.is_safety`), only for 4–5★ reviews that have no text or clearly positive text, only when the
guardrails pass, never for questions or chats, and never while the interaction is linked to another with confidence
below 0.85 (DESIGN: automatic actions need a sure link). "Clearly positive" is deliberately strict: any negation,
contrast or complaint word sends the review to a person instead.

The run (`autosend`) for one new interaction: a cheap pre-check on the interaction alone (so an ineligible item
costs no draft), then a draft, then the full check on the draft's verdict, then the outbox (`core.sending`). Every
outcome is audited once per interaction: `reply.auto_sent` (with the reply) or `reply.auto_send_skipped` (with the
reason, so a seller can see why an item waited for a person). Redelivery is a no-op: an item that already has a
reply returns it, the draft comes from `create_draft`'s double-tap guard and the reply from the outbox's
idempotency key. Two fully concurrent runs could at worst write a duplicate audit row, never a second answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from tortoise.expressions import Q

from core import audit
from core.drafting.service import create_draft
from core.guardrails import GuardrailViolation, Verdict
from core.i18n import translator
from core.models import AuditEvent, Channel, Interaction, Link, Reply, ReplyVia, Seller
from core.readings import is_safety
from core.replies import ReplyNotAllowed
from core.seller_settings import SellerSettings
from core.sending import Enqueue, submit_reply
from core.settings import Settings

MIN_LINK_CONFIDENCE = 0.85
SENT = "reply.auto_sent"
SKIPPED = "reply.auto_send_skipped"


class AutoSendReason(StrEnum):
    OK = "ok"
    DISABLED = "disabled"
    CHANNEL = "channel"
    RATING = "rating"
    TEXT = "text"
    GUARDRAILS = "guardrails"
    LINK = "link"
    SAFETY = "safety"


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
    if is_safety(interaction):  # harm or legal: a person answers, whatever the stars and words
        return False, AutoSendReason.SAFETY
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


async def _record_once(action: str, item: Interaction, **fields) -> None:
    if not await AuditEvent.filter(action=action, interaction_id=item.id).exists():
        await audit.record(action, seller_id=item.seller_id, interaction_id=item.id, **fields)


async def _skip(item: Interaction, reason: AutoSendReason) -> None:
    await _record_once(SKIPPED, item, meta={"reason": str(reason)})


async def autosend(*, interaction_id: int, settings: Settings, enqueue: Enqueue) -> Reply | None:
    """Auto-answer a new review when the seller opted in and it qualifies; returns its reply, else None.

    Questions and chats are never auto-sent. Raises nothing on a refusal: the item simply stays for a person.
    """
    item = await Interaction.get(id=interaction_id)
    seller = await Seller.get(id=item.seller_id)
    seller_settings = SellerSettings.of(seller.settings)
    if not seller_settings.auto_send or item.channel != Channel.REVIEW:
        return None
    existing = await Reply.filter(interaction_id=interaction_id).order_by("-id").first()
    if existing is not None:
        return existing if existing.via == ReplyVia.AUTO else None
    if not item.needs_response:
        return None
    # Judged as if the draft passed: rating, text and links decide before any draft is generated.
    ok, reason = await check(item, seller_settings, Verdict())
    if not ok:
        await _skip(item, reason)
        return None
    draft = await create_draft(interaction_id=interaction_id, settings=settings)
    ok, reason = await check(item, seller_settings, Verdict.from_dict(draft.verdict))
    if not ok:
        await _skip(item, reason)
        return None
    try:
        reply = await submit_reply(
            interaction_id=interaction_id,
            text=draft.text,
            draft_id=draft.id,
            via=ReplyVia.AUTO,
            settings=settings,
            enqueue=enqueue,
        )
    except GuardrailViolation:  # the approval re-checks with the seller's current phrases
        await _skip(item, AutoSendReason.GUARDRAILS)
        return None
    except ReplyNotAllowed:  # answered meanwhile (in the WB cabinet or by a person)
        return None
    await _record_once(SENT, item, object_type="reply", object_id=reply.id, after=reply.text)
    return reply
