"""Auto-send: a seller who opted in gets clearly positive 4–5★ reviews answered without pressing Approve.

Auto-send publishes with no person in the loop, so it runs only when the answer cannot be wrong (`eligible`, the
first failing rule is the reason): the seller opted in (`SellerSettings.auto_send`) after seeing the replay of these
rules (`RULES_VERSION`); a 4–5★ review (never a question or chat) with no text or clearly positive text; no harm or
legal in the stored reading (`core.readings.is_safety`); the buyer's reading (`core.reading`) is positive, raises no
complaint topic and no situation and is not unsure; the draft is a template unless the seller pays for AI drafts on
arrival (`auto_draft_llm`); the draft itself holds no apology or complaint sentence (a size or defect sentence
picked up by mistake would go out publicly); the guardrails pass on the exact text sent; and the interaction is not
linked to another with confidence below 0.85 (DESIGN: automatic actions need a sure link). "Clearly positive" is
deliberately strict: any negation, contrast or complaint word sends the review to a person instead.

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

import openai
from tortoise.expressions import Q

from core import audit
from core.drafting.service import create_draft
from core.guardrails import GuardrailViolation, Verdict
from core.i18n import translator
from core.models import AuditEvent, Channel, DraftOrigin, Interaction, Link, Reply, ReplyVia, Seller
from core.reading import Mood, Reading
from core.readings import is_safety, read_interaction
from core.replies import ReplyNotAllowed
from core.seller_settings import SellerSettings
from core.sending import Enqueue, submit_reply
from core.settings import Settings

MIN_LINK_CONFIDENCE = 0.85
# The version of these rules. The seller confirms a version after seeing its 30-day replay (`core.autosend_replay`,
# `SellerSettings.auto_send_rules`); bump it when a rule (or the drafts it sends) changes what would go out, and
# auto-send holds until each seller has seen the new replay.
RULES_VERSION = 1
SENT = "reply.auto_sent"
SKIPPED = "reply.auto_send_skipped"


class AutoSendReason(StrEnum):
    OK = "ok"
    DISABLED = "disabled"
    CHANNEL = "channel"
    RATING = "rating"
    TEXT = "text"
    SAFETY = "safety"
    SITUATION = "situation"
    MOOD = "mood"
    COMPLAINT = "complaint"
    UNSURE = "unsure"
    ORIGIN = "origin"
    DRAFT_TEXT = "draft_text"
    GUARDRAILS = "guardrails"
    LINK = "link"
    RULES = "rules"


_NEGATIVE = re.compile(
    r"\bне\b|\bнет\b|\bно\b|однако|хотя|\bминус|плох|ужас|брак|дефект|возврат|верн|жаль|разочар|сожален|маломер|"
    r"большемер|порвал|слом|запах|долго|\bnot\b|n't|\bno\b|\bbut\b|\bbad\b|poor|broken|return|refund|disappoint|\?|"
    # "but" in the Central-Asian mixes WB buyers write (Uzbek, Kazakh, Kyrgyz; Latin and Cyrillic).
    r"\blekin\b|\bammo\b|\bbiroq\b|\bлекин\b|\bбирақ\b|\bбірақ\b|\bбирок\b|"
    # A reservation said softly: "too X" adjectives (высоковата, тесноват, дороговато), "only / a bit / sometimes".
    r"\w+[ое]ват(?:ый|ая|ое|ые|а|о|ы)?\b|\bтолько\b|\bнемного\b|\bчуть\b|\bслегка\b|\bиногда\b|\bкроме\b|"
    r"\bonly\b|\ba bit\b|\bslightly\b|\bsometimes\b|\bexcept\b|\bthough\b|\btho\b|\bhowever\b|\bcheap\b|\bwish\b"
)
_POSITIVE = re.compile(
    r"отлич|супер|класс|прекрас|рекоменд|довол|понрав|спасибо|хорош|идеальн|замечат|люблю|восторг|шикар|удобн|"
    r"качествен|красив|great|excellent|love|perfect|recommend|good|nice|amazing|thank|beautiful"
)
# WB asks for "Недостатки"; many buyers type "нет" there, which is not a complaint.
# A sentence of the draft that apologises or speaks of a problem: an answer to a complaint, never to praise.
_APOLOGY = re.compile(
    r"жаль|извин|сожале|прост(?:и|ите)\b|огорч|расстро|неприятн|разочар|брак|дефект|возврат|верн[её]м|вернуть|"
    r"маломер|большемер|великоват|маловат|не подош|не подой|проблем|задерж|"
    r"\bsorry\b|apolog|regret|unfortunately|disappoint|defect|refund|\breturn|runs? (?:small|large)|delay"
)
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
_NO_CONS = {"", "-", "нет", "нету", "нет минусов", "не обнаружено", "не нашла", "не нашел", "none", "no", "nothing"}


def clearly_positive(text: str, cons: str | None = None) -> bool:
    """Empty text, or text with a praise word and no negation, contrast, question or complaint word."""
    if " ".join((cons or "").lower().replace("ё", "е").split()).strip(".!") not in _NO_CONS:
        return False
    norm = " ".join(text.lower().replace("ё", "е").split())
    if not norm:
        return True
    return _POSITIVE.search(norm) is not None and _NEGATIVE.search(norm) is None


def apology_sentences(text: str) -> list[str]:
    """The sentences of a reply that apologise or speak of a problem («жаль», «извините», «сожалеем», sorry, a
    return, a size that did not fit…)."""
    return [m.group().strip() for m in _SENTENCE.finditer(text) if _APOLOGY.search(m.group().lower().replace("ё", "е"))]


def reading_of(interaction: Interaction) -> Reading:
    """The buyer's reading of a review now (`core.readings.read_interaction`; pure, fast)."""
    return read_interaction(interaction, "")


def _reading_reason(reading: Reading) -> AutoSendReason | None:
    if reading.safety:
        return AutoSendReason.SAFETY
    if reading.situations:
        return AutoSendReason.SITUATION
    if reading.mood != Mood.POSITIVE:
        return AutoSendReason.MOOD
    if reading.complaint or any(not topic.praise for topic in reading.topics):
        return AutoSendReason.COMPLAINT
    if reading.unsure:
        return AutoSendReason.UNSURE
    return None


def _origins(seller_settings: SellerSettings) -> frozenset[DraftOrigin]:
    # AI drafts on arrival cost money per item: without that opt-in an automatic answer is a template.
    if seller_settings.auto_draft_llm:
        return frozenset({DraftOrigin.TEMPLATE, DraftOrigin.LLM, DraftOrigin.FALLBACK})
    return frozenset({DraftOrigin.TEMPLATE})


def eligible(
    interaction: Interaction,
    seller_settings: SellerSettings,
    verdict: Verdict,
    *,
    link_confidences: Iterable[float] = (),
    reading: Reading | None = None,
    draft_text: str = "",
    draft_origin: DraftOrigin = DraftOrigin.TEMPLATE,
) -> tuple[bool, AutoSendReason]:
    """Whether the draft (`draft_text` from `draft_origin`, judged by `verdict`) may be auto-sent, and why not (the
    first failing rule). `reading` defaults to the interaction's own (`reading_of`)."""
    if not seller_settings.auto_send:
        return False, AutoSendReason.DISABLED
    if seller_settings.auto_send_rules != RULES_VERSION:
        return False, AutoSendReason.RULES
    if interaction.channel != Channel.REVIEW:
        return False, AutoSendReason.CHANNEL
    if is_safety(interaction):  # harm or legal: a person answers, whatever the stars and words
        return False, AutoSendReason.SAFETY
    if interaction.rating is None or interaction.rating < 4:
        return False, AutoSendReason.RATING
    text = "\n".join(p for p in (interaction.text, interaction.pros) if p)
    if not clearly_positive(text, interaction.cons):
        return False, AutoSendReason.TEXT
    if (reason := _reading_reason(reading or reading_of(interaction))) is not None:
        return False, reason
    if draft_origin not in _origins(seller_settings):
        return False, AutoSendReason.ORIGIN
    if apology_sentences(draft_text):
        return False, AutoSendReason.DRAFT_TEXT
    if not verdict.ok:
        return False, AutoSendReason.GUARDRAILS
    if any(confidence < MIN_LINK_CONFIDENCE for confidence in link_confidences):
        return False, AutoSendReason.LINK
    return True, AutoSendReason.OK


async def check(
    interaction: Interaction,
    seller_settings: SellerSettings,
    verdict: Verdict,
    *,
    draft_text: str = "",
    draft_origin: DraftOrigin = DraftOrigin.TEMPLATE,
) -> tuple[bool, AutoSendReason]:
    """`eligible` with the interaction's links loaded from the database."""
    confidences = await Link.filter(Q(a_id=interaction.id) | Q(b_id=interaction.id)).values_list(
        "confidence", flat=True
    )
    return eligible(
        interaction,
        seller_settings,
        verdict,
        # tortoise types values_list(flat=True) as tuples; it gives the bare values
        link_confidences=confidences,  # type: ignore[arg-type]
        draft_text=draft_text,
        draft_origin=draft_origin,
    )


def reason_text(reason: AutoSendReason, language: str) -> str:
    """The reason as shown to the seller."""
    return translator(language)(f"draft-autosend-{reason}")


async def _record_once(action: str, item: Interaction, **fields) -> None:
    if not await AuditEvent.filter(action=action, interaction_id=item.id).exists():
        await audit.record(action, seller_id=item.seller_id, interaction_id=item.id, **fields)


async def _skip(item: Interaction, reason: AutoSendReason) -> None:
    await _record_once(SKIPPED, item, meta={"reason": str(reason)})


async def autosend(
    *, interaction_id: int, settings: Settings, enqueue: Enqueue, llm_client: openai.AsyncOpenAI | None = None
) -> Reply | None:
    """Auto-answer a new review when the seller opted in and it qualifies; returns its reply, else None
    (`llm_client`: the process's LLM client for the draft).

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
    # Drafted as on arrival: the LLM only when the seller opted in to AI drafts on arrival.
    draft = await create_draft(interaction_id=interaction_id, settings=settings, arrival=True, llm_client=llm_client)
    verdict = Verdict.from_dict(draft.verdict)
    ok, reason = await check(item, seller_settings, verdict, draft_text=draft.text, draft_origin=draft.origin)
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
