"""The template drafter: a reply composed the way a good seller writes it, from Fluent blocks, no network.

Composition (`compose`), from the reading of the buyer (`DraftRequest`: topics, situations, mood, product kind):
- a greeting by mood: warm for a happy buyer (the friendly voice may say «Привет»), calm for a complaint, a 1–3★
  review, abuse or a safety item;
- thanks that match what was said (for praise only when there was praise; never on abuse or harm; a question gets
  thanks for the question), or **one** early apology for the buyer's main problem when there is a complaint (a chat
  complaint opens with it; a mixed review gets plain thanks first);
- **one sentence per need**: each situation (`core.reading.Situation`) and each topic becomes a need; needs that
  share a WB route (a defect, a wrong item and a missing part all go to «Покупки») are said once; a situation
  supersedes the topics it explains (a pending refund is never answered with "you can file a return"); advice
  depends on the product's kind (shoes: foot length and insoles; clothes: measurements; gadgets: none);
- the seller's product fact **instead of** the generic sentence when the fact's content answers what was asked
  (`core.drafting.facts`); a question only a fact could answer and none does gets an honest holding line and the
  composition's `asked` is set: the seller must answer (the card shows «Нужен ваш ответ»);
- a closing only when the reply is short, and the seller's signature (an English one in an English reply).

Blocks live in `locales/<lang>/drafting.ftl` (frame) and `drafting_needs.ftl` (apologies, needs) as numbered
variants. Which variant each block takes is a pure function of (interaction id, variant number): consecutive
variants (Regenerate) always give a different combination. When the reading was unsure, odd variants answer
another reading (the least certain complaint topic left out), so Regenerate can fix a misread item.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from math import gcd, prod

from core.drafting import subjects
from core.drafting.facts import answering_kinds, relevant_fact
from core.drafting.request import DraftRequest, clean_name
from core.i18n import translator
from core.intent import Intent
from core.models.enums import Channel
from core.reading import Mood, ProductKind, Situation
from core.topics import Topic

Block = tuple[str, ...]  # message keys of one block's variants
# Formal Russian capitalises the polite «Вы» and its forms.
_POLITE_YOU = re.compile(r"\b(вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|ваших|вашими|вашу)\b")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_UNHAPPY = frozenset({Mood.NEGATIVE, Mood.SARCASTIC, Mood.MIXED})
# Topics a situation explains: the situation's sentence answers them (and better).
_SUPERSEDES: dict[Situation, frozenset[Topic]] = {
    Situation.REFUND_PENDING: frozenset({Topic.RETURN, Topic.DELIVERY}),
    Situation.CLAIM_REJECTED: frozenset({Topic.RETURN}),
    Situation.RETURN_REFUSED_AT_PICKUP: frozenset({Topic.RETURN, Topic.DELIVERY}),
    Situation.NOT_RECEIVED: frozenset({Topic.DELIVERY, Topic.PRAISE_DELIVERY, Topic.RETURN}),
    Situation.ORDER_STUCK: frozenset({Topic.DELIVERY, Topic.PRAISE_DELIVERY, Topic.RETURN}),
    Situation.CANCEL_OR_CHANGE: frozenset({Topic.DELIVERY, Topic.RETURN}),
    Situation.DISCOUNT_REQUEST: frozenset({Topic.PRICE, Topic.PRAISE_VALUE}),
    Situation.EMPTY_BOX: frozenset({Topic.INCOMPLETE, Topic.PACKAGING, Topic.WRONG_ITEM}),
    Situation.USED_OR_EXPIRED: frozenset({Topic.QUALITY, Topic.DEFECT, Topic.SMELL}),
}
_SITUATION_ORDER = (
    Situation.HARM,
    Situation.LEGAL,
    Situation.ABUSE,
    Situation.EMPTY_BOX,
    Situation.USED_OR_EXPIRED,
    Situation.CLAIM_REJECTED,
    Situation.RETURN_REFUSED_AT_PICKUP,
    Situation.REFUND_PENDING,
    Situation.NOT_RECEIVED,
    Situation.ORDER_STUCK,
    Situation.CANCEL_OR_CHANGE,
    Situation.DISCOUNT_REQUEST,
    Situation.OFF_PLATFORM_CONTACT,
    Situation.WB_CHAT_OPENER,
)
_MAX_NEEDS = 3


@dataclass(frozen=True)
class Need:
    """One thing the reply must say. `prefix` "" says nothing itself (only its apology or a matching fact)."""

    prefix: str
    route: str | None = None  # needs sharing a route are said once (the first wins)
    sorry: str | None = None  # the apology when this is the buyer's main problem
    facts: tuple[str, ...] = ()  # fact kinds whose matching fact replaces the sentence (or, known issues, follows)
    factual: bool = False  # only a fact answers it: without one the seller must
    praise: bool = False
    unknown: str = ""  # what the honest holding line names when no fact answers («уточним совместимость…»)
    hold: bool = False  # its sentence is said, and without a fact the holding line too (the seller must answer)


_SITUATION_NEEDS: dict[Situation, Need] = {
    Situation.HARM: Need("draft-need-harm", route="safety", sorry="harm"),
    Situation.LEGAL: Need("draft-need-legal", route="safety", sorry="harm"),
    Situation.ABUSE: Need("draft-need-abuse", route="abuse", sorry="generic"),
    Situation.EMPTY_BOX: Need("draft-need-claim-empty_box", route="purchases", sorry="empty_box"),
    Situation.USED_OR_EXPIRED: Need("draft-need-claim-used", route="purchases", sorry="used"),
    Situation.CLAIM_REJECTED: Need("draft-need-claim_rejected", route="purchases", sorry="claim"),
    Situation.RETURN_REFUSED_AT_PICKUP: Need("draft-need-return_refused_at_pickup", route="purchases", sorry="claim"),
    Situation.REFUND_PENDING: Need("draft-need-refund_pending", route="money", sorry="wait"),
    Situation.NOT_RECEIVED: Need("draft-need-not_received", route="deliveries", sorry="delivery"),
    Situation.ORDER_STUCK: Need("draft-need-order_stuck", route="deliveries", sorry="wait"),
    Situation.CANCEL_OR_CHANGE: Need("draft-need-cancel_or_change", route="cancel"),
    Situation.DISCOUNT_REQUEST: Need("draft-need-discount_request", route="price"),
    Situation.OFF_PLATFORM_CONTACT: Need("draft-need-off_platform_contact", route="contact"),
    Situation.WB_CHAT_OPENER: Need("draft-need-wb_chat_opener", route="opener"),
}
_CLAIM_NEEDS = {
    Topic.DEFECT: Need("draft-need-claim-defect", route="purchases", sorry="defect", facts=("known_issues",)),
    Topic.WRONG_ITEM: Need("draft-need-claim-wrong_item", route="purchases", sorry="wrong_item"),
    Topic.INCOMPLETE: Need("draft-need-claim-incomplete", route="purchases", sorry="incomplete", facts=("in_box",)),
    Topic.WARRANTY: Need("draft-need-claim-faulty", route="purchases", sorry="defect", facts=("warranty",)),
}
# A question only the seller's facts can answer, by topic: the kinds that may answer it, and what the honest
# holding line names when none does.
_FACTUAL_QUESTIONS: dict[Topic, tuple[tuple[str, ...], str]] = {
    Topic.QUALITY: (("composition", "known_issues"), "composition"),
    Topic.COMPATIBILITY: (("compatibility", "dimensions"), "compat"),
    Topic.WARRANTY: (("warranty",), "warranty"),
    Topic.INCOMPLETE: (("in_box",), "in_box"),
    Topic.PACKAGING: (("in_box", "dimensions"), "packaging"),
    Topic.COUNTERFEIT: (("origin",), "origin"),
    Topic.COLOUR_MISMATCH: (("known_issues",), "colour"),
    Topic.SMELL: (("composition", "care"), "smell"),
    Topic.USAGE: (("care",), "usage"),
}
# What the honest holding line names when a question asks about a kind of fact none answers.
_KIND_UNKNOWN = {
    "composition": "composition",
    "dimensions": "dimensions",
    "compatibility": "compat",
    "warranty": "warranty",
    "in_box": "in_box",
    "care": "usage",
    "sizing": "dimensions",
    "origin": "origin",
}
_BROKEN = frozenset({"draft-need-claim-defect", "draft-need-claim-faulty"})
_ORDER_PROBLEMS = frozenset({Topic.DEFECT, Topic.WRONG_ITEM, Topic.INCOMPLETE, Topic.DELIVERY, Topic.RETURN})
_SWAP = re.compile(r"помен|обмен|замен|swap|exchang", re.IGNORECASE)
# A compliment echoed next to a complaint about the same thing reads as not having read the review.
_CONTRADICTS: dict[Topic, frozenset[Topic]] = {
    Topic.PRAISE_QUALITY: frozenset({Topic.QUALITY, Topic.DEFECT, Topic.SMELL, Topic.COLOUR_MISMATCH}),
    Topic.PRAISE_FIT: frozenset({Topic.SIZE_SMALL, Topic.SIZE_LARGE, Topic.COMPATIBILITY}),
    Topic.PRAISE_DELIVERY: frozenset({Topic.DELIVERY, Topic.PACKAGING}),
    Topic.PRAISE_VALUE: frozenset({Topic.PRICE}),
}
_WASH = re.compile(r"стир|стирк|\bwash", re.IGNORECASE)
_SMELL = {
    ProductKind.CLOTHES: "clothes",
    ProductKind.SHOES: "clothes",
    ProductKind.COSMETICS: "cosmetics",
}
_SIZE_KINDS = {ProductKind.CLOTHES: "clothes", ProductKind.SHOES: "shoes", ProductKind.OTHER: "other"}


def asking(req: DraftRequest) -> bool:
    """The buyer asks rather than complains: a question, or a chat message with a question mark that raises no
    problem with the order (no defect, wrong or missing item, delivery or return, no situation, no sarcasm)."""
    if req.channel == Channel.QUESTION:
        return True
    if req.channel != Channel.CHAT or "?" not in req.text or req.feeling in (Mood.SARCASTIC, Mood.NEGATIVE):
        return False  # «Оттенки не те, это у всех так?» is a complaint with a question mark
    if any(s != Situation.WB_CHAT_OPENER for s in req.situations):
        return False
    return not any(t in _ORDER_PROBLEMS for t in req.topics)


def happy(req: DraftRequest) -> bool:
    """A review to thank, not to apologise to: positive, or 5★ and not negative or sarcastic (a 5★ with a small
    remark is praise; apologising there reads as if the seller did not read it)."""
    if req.channel != Channel.REVIEW or any(s.safety or s == Situation.ABUSE for s in req.situations):
        return False
    if any(_SITUATION_NEEDS[s].sorry for s in req.situations):
        return False  # a 5★ that says the money has not come back is still a complaint
    if req.feeling == Mood.POSITIVE:
        return True
    return req.rating == 5 and req.feeling not in (Mood.NEGATIVE, Mood.SARCASTIC)


def _size_need(topic: Topic, req: DraftRequest) -> Need:
    """Size advice by kind: clothes by measurements, shoes by foot length; a gadget's or a home item's size is
    a fact (dimensions) or nothing."""
    kind = _SIZE_KINDS.get(req.kind)
    if asking(req) or topic == Topic.SIZE_ADVICE:
        if kind is None:
            return Need("", route="size", facts=("sizing", "dimensions"), factual=True, unknown="dimensions")
        # A question that wants a number (insole length in cm) gets the advice and, without a fact, the seller.
        hold = asking(req) and subjects.wants_measure(req.text)
        facts = ("sizing", "dimensions") if hold else ("sizing",)
        return Need(f"draft-need-size-{kind}-advice", route="size", facts=facts, hold=hold, unknown="measure")
    if happy(req):
        return Need("draft-need-size-tip", route="size", facts=("sizing",))
    if kind is None:
        return Need("", route="size", sorry="size")
    direction = "small" if topic == Topic.SIZE_SMALL else "large"
    prefix = f"draft-need-size-{kind}-{direction}" if kind != "other" else "draft-need-size-other-advice"
    return Need(prefix, route="size", sorry="size", facts=("sizing",))


def _topic_need(topic: Topic, req: DraftRequest) -> Need | None:
    """What `topic` needs said in this channel for this product, or None (nothing a reply should say)."""
    question = asking(req)
    if topic.praise:
        if req.channel != Channel.REVIEW or req.feeling in (Mood.NEGATIVE, Mood.SARCASTIC):
            return None
        if not happy(req) and _CONTRADICTS[topic] & set(req.topics):
            return None
        return Need(f"draft-need-{topic}", route="praise", praise=True)
    if topic in (Topic.SIZE_SMALL, Topic.SIZE_LARGE, Topic.SIZE_ADVICE):
        return _size_need(topic, req)
    if topic == Topic.USAGE and req.kind == ProductKind.CLOTHES:
        return Need("draft-need-care-clothes", route="care", facts=("care",))
    if topic in _FACTUAL_QUESTIONS and (question or (topic == Topic.USAGE and req.channel == Channel.CHAT)):
        kinds, unknown = _FACTUAL_QUESTIONS[topic]
        if unknown == "usage" and req.kind == ProductKind.ELECTRONICS:
            unknown = "setup"  # a gadget is set up and connected, not cared for
        elif unknown == "usage" and _WASH.search(req.text):
            unknown = "wash"  # a washing question is answered by the care label
        return Need("", route=f"fact-{topic}", facts=kinds, factual=True, unknown=unknown)
    if topic == Topic.USAGE:
        return Need("", route="care", facts=("care",))
    if topic == Topic.RETURN:
        if _SWAP.search(req.text):
            return Need("draft-need-return-swap", route="purchases")
        return Need("draft-need-return-raised" if req.refund_raised else "draft-need-return", route="purchases")
    if topic == Topic.DELIVERY:
        if question:
            return Need("draft-need-delivery-question", route="deliveries")
        return Need("draft-need-delivery", route="deliveries", sorry="delivery")
    if topic == Topic.AVAILABILITY:
        return Need("draft-need-availability", route="stock", facts=("restock",))
    if topic == Topic.PRICE:
        # A remark on the price is taken into account; a question about it gets how WB prices work.
        return Need("draft-need-price-question" if question else "draft-need-price", route="price")
    if topic in _CLAIM_NEEDS:
        return _CLAIM_NEEDS[topic]
    if topic == Topic.SMELL:
        smell = _SMELL.get(req.kind, "tech")
        return Need(f"draft-need-smell-{smell}", route="smell", sorry="smell", facts=("known_issues",))
    others = {
        Topic.QUALITY: Need("draft-need-quality", route="quality", sorry="quality", facts=("known_issues",)),
        Topic.COLOUR_MISMATCH: Need("draft-need-colour", route="colour", sorry="colour", facts=("known_issues",)),
        Topic.PACKAGING: Need("draft-need-packaging", route="packaging", sorry="packaging"),
        Topic.COUNTERFEIT: Need("draft-need-counterfeit", route="origin", sorry="generic", facts=("origin",)),
        Topic.COMPATIBILITY: Need("draft-need-compatibility", route="fit", sorry="fit", facts=("compatibility",)),
    }
    return others.get(topic)


def reading_for(req: DraftRequest, variant: int) -> DraftRequest:
    """The reading variant `variant` answers: an unsure reading's odd variants leave out the least certain (last)
    complaint topic, so Regenerate offers another reading of a misread item."""
    if not req.unsure or variant % 2 == 0:
        return req
    complaints = [t for t in req.topics if not t.praise]
    if not complaints:
        return replace(req, topics=())
    drop = complaints[-1]
    return replace(req, topics=tuple(t for t in req.topics if t != drop))


def _safety_asked(req: DraftRequest) -> list[Need]:
    """What a harm or legal item asks about the product («что в составе??»): answered from a fact or honestly held,
    never guessed and never dropped."""
    if "?" not in req.text:
        return []
    kinds = answering_kinds(req.text)
    unknown = next((_KIND_UNKNOWN[k] for k in kinds if k in _KIND_UNKNOWN), "")
    return [Need("", route="fact-asked", facts=kinds, factual=True, unknown=unknown)] if kinds else []


def needs(req: DraftRequest) -> list[Need]:
    """The needs of a reply to `req`, in order, one per route (situations first: they say where the buyer is)."""
    situations = [s for s in _SITUATION_ORDER if s in req.situations]
    here = req.channel == Channel.CHAT  # in a chat the details are asked for here, not "in the chat"
    if len(situations) > 1 and Situation.WB_CHAT_OPENER in situations:
        situations.remove(Situation.WB_CHAT_OPENER)
    superseded: set[Topic] = set()
    for situation in situations:
        superseded |= _SUPERSEDES.get(situation, frozenset())
    safety = any(s.safety for s in situations)
    found = [_SITUATION_NEEDS[s] for s in situations]
    if here:
        found = [replace(n, prefix=f"{n.prefix}-chat") if n.route == "safety" else n for n in found]
    topics = [t for t in req.topics if t not in superseded]
    if Situation.WB_CHAT_OPENER in situations and topics:
        found = [n for n in found if n.route != "opener"]
    topical = [n for t in topics if (n := _topic_need(t, req)) is not None]
    if safety:
        # A harm or legal item: the careful sentence, then at most the claim route in neutral words (no admission
        # of a defect, no advice).
        topical = [replace(n, prefix="draft-need-claim-generic", sorry=None, facts=()) for n in topical]
        topical = [n for n in topical if n.route == "purchases"] + _safety_asked(req)
        if (
            Situation.HARM in situations
            and req.channel != Channel.QUESTION
            and not any(n.route == "purchases" for n in topical)
        ):
            # Whoever was hurt by an item must know how to hand it back: the claim route, in neutral words (not
            # under a product page's public question, asked mostly before buying).
            topical.insert(0, Need("draft-need-claim-generic", route="purchases"))
    elif happy(req):
        # A happy review raises no complaint to answer: praise is echoed, a size remark becomes a tip, a question
        # in it (will it be back in stock?) is answered.
        topical = [n for n in topical if n.sorry is None]
    elif (
        _WASH.search(req.text)
        and req.kind != ProductKind.ELECTRONICS
        and any(n.route in ("quality", "colour", "purchases") for n in topical)
    ):
        # The buyer says it happened in the wash: the care label's advice belongs to the answer.
        topical.append(Need("draft-need-care-clothes", route="care", facts=("care",)))
    if not topical and req.channel == Channel.QUESTION and (subject := subjects.answered(req.text)):
        # The reading named nothing, but the question's words name a subject WB's rules answer.
        topical.append(Need(subject[0], route=subject[1], sorry="incomplete" if subject[1] == "purchases" else None))
    if len(found) + len(topical) > 1:
        # An abusive buyer who also says what is wrong gets the answer to that after one calm line (not "tell us
        # what happened").
        found = [replace(n, prefix="draft-need-abuse-calm") if n.route == "abuse" else n for n in found]
    # A request that is no complaint (a discount, another messenger) comes after the buyer's problems.
    asides = [n for n in found if n.sorry is None and n.route in ("price", "contact")]
    found = [n for n in found if n not in asides] + topical + asides
    claims = {n.prefix for n in found if n.prefix.startswith("draft-need-claim-") and n.route == "purchases"}
    out: list[Need] = []
    routes: set[str | None] = set()
    for need in found:
        if need.route in routes and need.route is not None:
            continue
        routes.add(need.route)
        if need.prefix in claims and len(claims) > 1:
            # A broken item the buyer asks the warranty about: the faulty-item route names the warranty period.
            generic = "draft-need-claim-faulty" if claims == _BROKEN else "draft-need-claim-generic"
            need = replace(need, prefix=generic, facts=())
        out.append(need)
    return out[:_MAX_NEEDS]


@lru_cache(maxsize=1024)
def variants(language: str, prefix: str) -> Block:
    """The keys `prefix-1`, `prefix-2`, … that exist in `language`."""
    tr = translator(language)
    keys: list[str] = []
    while tr.has(f"{prefix}-{len(keys) + 1}"):
        keys.append(f"{prefix}-{len(keys) + 1}")
    return tuple(keys)


@dataclass(frozen=True)
class Part:
    """One block of the reply: its variant keys and the arguments they are formatted with."""

    keys: Block
    args: tuple[tuple[str, str], ...] = ()
    own: bool = False  # the seller's own words (facts, signature): kept exactly as written


@dataclass(frozen=True)
class Composition:
    """The blocks of one reply, and what the buyer asked that only the seller can answer (None: nothing)."""

    parts: list[Part]
    asked: str | None = None


def asked_of(text: str, limit: int = 200) -> str:
    """What the buyer asked, short: the first sentence with a question mark, else the text's start."""
    text = " ".join(text.split())
    found = re.search(r"[^.!?\n]*\?", text)
    asked = (found.group(0) if found else text).strip()
    return asked if len(asked) <= limit else asked[: limit - 1].rsplit(" ", 1)[0] + "…"


def _complaint(req: DraftRequest, found: list[Need]) -> str | None:
    """The apology problem of the buyer's main complaint, or None when an apology would be wrong."""
    if happy(req):
        return None
    for need in found:
        if need.sorry:
            return need.sorry
    if req.channel == Channel.REVIEW and req.feeling in (Mood.NEGATIVE, Mood.SARCASTIC):
        return "generic"
    return None


def _greeting(req: DraftRequest, calm: bool, named: bool) -> Block:
    prefix = "draft-greet-calm" if calm else "draft-greet-friendly" if req.voice.tone == "friendly" else "draft-greet"
    return variants(req.language, f"{prefix}-named" if named else prefix)


def _thanks(req: DraftRequest, sorry: str | None, found: list[Need]) -> Block:
    lang = req.language
    if req.channel == Channel.QUESTION:
        return () if sorry else variants(lang, "draft-thanks-question")
    if req.channel == Channel.CHAT:
        # A chat thanks only a happy buyer who also asks for something (a bare thanks gets the warm body instead;
        # a question is answered straight away).
        happy_ask = not sorry and req.feeling == Mood.POSITIVE and bool(found)
        return variants(lang, "draft-thanks-chat") if happy_ask else ()
    if req.channel != Channel.REVIEW:
        return ()
    if sorry:
        # A mixed review still thanks for the review (plainly); a complaint alone gets the apology alone.
        mixed = req.feeling == Mood.MIXED or any(n.praise for n in found)
        return variants(lang, "draft-thanks-review-neutral") if mixed else ()
    if happy(req):
        praised = any(n.praise for n in found) and (req.rating or 0) >= 4
        return variants(lang, "draft-thanks-review-praise" if praised else "draft-thanks-review-positive")
    return variants(lang, "draft-thanks-review-neutral")


def _body(req: DraftRequest, sorry: str | None) -> Block:
    """What to say when no need was found."""
    lang = req.language
    if req.channel == Channel.REVIEW:
        if req.feeling == Mood.POSITIVE:
            # Praise in words gets a warm line; «Норм» or a bare rating only thanks.
            return variants(lang, "draft-body-review-positive") if len(req.text.split()) >= 3 else ()
        return variants(lang, "draft-body-review-negative" if sorry else "draft-body-review-neutral")
    if req.channel == Channel.QUESTION and req.intent in (Intent.DELIVERY, Intent.RETURN, Intent.AVAILABILITY):
        return variants(lang, f"draft-body-{req.intent}")
    return ()


def compose(req: DraftRequest, variant: int = 0, *, personal: bool = True) -> Composition:
    """The blocks of a reply to `req` for `variant`; `personal=False` leaves out the buyer's name, the
    seller's facts and signature (everything that comes from outside the templates)."""
    req = reading_for(req, variant)
    lang = req.language
    found = needs(req)
    facts = req.facts if personal else {}
    sorry = _complaint(req, found)
    safety = any(s.safety for s in req.situations)
    abuse = Situation.ABUSE in req.situations
    calm = bool(sorry) or abuse or safety or req.feeling in _UNHAPPY or (req.rating or 5) <= 3
    named = personal and clean_name(req.buyer_name) is not None
    out = [Part(_greeting(req, calm, named))]
    if sorry:
        thanks = _thanks(req, sorry, found) if not (abuse or safety) else ()
        if thanks:
            out.append(Part(thanks))
        out.append(Part(variants(lang, f"draft-sorry-{sorry}")))
    elif not abuse and (thanks := _thanks(req, None, found)):
        out.append(Part(thanks))
    asked: str | None = None
    unknown = ""
    said = 0
    for need in found:
        fact = relevant_fact(need.facts, req.text, facts, lang) if need.facts else None
        if fact and fact[0] != "known_issues":
            out.append(Part(variants(lang, "draft-fact"), (("fact", _sentence(fact[1])),), own=True))
            said += 1
            continue
        if need.factual or need.hold:
            asked = asked or asked_of(req.text)
            unknown = unknown or need.unknown
        if need.factual:
            continue
        if need.prefix:
            out.append(Part(variants(lang, need.prefix)))
            said += 1
        if fact:  # a known issue that the buyer's own words name follows the answer
            out.append(Part(variants(lang, "draft-fact"), (("fact", _sentence(fact[1])),), own=True))
    if not found and req.channel != Channel.REVIEW:
        # A question or message no need covers: a fact it asks about, an intent-level answer, or the seller.
        kinds = answering_kinds(req.text)
        fact = relevant_fact(kinds, req.text, facts, lang) if kinds else None
        if fact:
            out.append(Part(variants(lang, "draft-fact"), (("fact", _sentence(fact[1])),), own=True))
            said += 1
        elif body := _body(req, sorry):
            out.append(Part(body))
            said += 1
        elif req.channel == Channel.CHAT and "?" not in req.text and not sorry:
            key = "draft-body-chat-positive" if req.feeling == Mood.POSITIVE else "draft-body-chat"
            out.append(Part(variants(lang, key)))
            said += 1
        else:
            asked = asked_of(req.text) if req.text.strip() else None
            unknown = next((_KIND_UNKNOWN[k] for k in kinds if k in _KIND_UNKNOWN), "") or subjects.held(req.text) or ""
    elif not found and (body := _body(req, sorry)):
        out.append(Part(body))
    if asked is not None:
        out.append(_holding(req, unknown))
    if said <= 1 and asked is None and not (abuse or safety) and Situation.WB_CHAT_OPENER not in req.situations:
        out.append(Part(variants(lang, _closing(req, calm))))
    return Composition(out, asked)


def _holding(req: DraftRequest, unknown: str) -> Part:
    """The honest line when only the seller can answer: it names what will be checked (the model a compatibility
    question named, the kind of fact), else a plain «уточним и ответим»."""
    lang = req.language
    if unknown == "compat" and (model := subjects.named_model(req.text, lang)):
        return Part(variants(lang, "draft-need-unknown-compat-model"), (("model", model),))
    if unknown:
        return Part(variants(lang, f"draft-need-unknown-{unknown}"))
    return Part(variants(lang, "draft-need-unknown-chat" if req.channel == Channel.CHAT else "draft-need-unknown"))


def _closing(req: DraftRequest, calm: bool) -> str:
    if req.channel == Channel.REVIEW:
        if calm:
            return "draft-close-review-negative" if req.feeling != Mood.MIXED else "draft-close-review-neutral"
        return "draft-close-friendly" if req.voice.tone == "friendly" else "draft-close-review-positive"
    if req.voice.tone == "friendly" and not calm:
        return "draft-close-friendly"
    return f"draft-close-{req.channel}"


def parts(req: DraftRequest, *, personal: bool = True, variant: int = 0) -> list[Part]:
    """The blocks of a reply to `req` (see `compose`)."""
    return compose(req, variant, personal=personal).parts


def blocks(req: DraftRequest, *, personal: bool = True, variant: int = 0) -> list[Block]:
    """The variant keys of each block (see `compose`)."""
    return [part.keys for part in parts(req, personal=personal, variant=variant)]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".!?…" else text + "."


def _stride(count: int) -> int:
    # Near count/φ and coprime with count: successive variants visit far-apart combinations, all before repeating.
    stride = max(1, round(count * 0.618))
    while gcd(stride, count) != 1:
        stride += 1
    return stride


def choose(block_keys: list[Block], interaction_id: int, variant: int) -> list[str]:
    """One key per block for this (interaction, variant)."""
    count = prod(len(block) for block in block_keys)
    start = int.from_bytes(hashlib.sha256(str(interaction_id).encode()).digest()[:8], "big")
    index = (start + variant * _stride(count)) % count
    chosen: list[str] = []
    for block in block_keys:
        index, pick = divmod(index, len(block))
        chosen.append(block[pick])
    return chosen


def _polite(text: str, language: str, formal: bool) -> str:
    if language != "ru" or not formal:
        return text
    return _POLITE_YOU.sub(lambda m: m.group(1).capitalize(), text)


def voice_in_language(req: DraftRequest) -> tuple[str, str]:
    """The seller's (signature, brand) for a reply in the request's language: an English reply takes the English
    versions, else the main ones; whichever carries Russian letters is left out of it (never Russian in English)."""
    voice = req.voice
    if req.language != "en":
        return voice.signature, voice.brand
    sign = next((s for s in (voice.signature_en, voice.signature) if s and not _CYRILLIC.search(s)), "")
    brand = next((b for b in (voice.brand_en, voice.brand) if b and not _CYRILLIC.search(b)), "")
    return sign, brand


def signature(req: DraftRequest) -> str:
    """The seller's sign-off in the reply's language (`voice_in_language`): their own signature, else "the <brand>
    team", else nothing."""
    sign, brand = voice_in_language(req)
    if sign:
        return sign
    if brand:
        return translator(req.language)("draft-signature-brand", brand=brand)
    return ""


@dataclass(frozen=True)
class Rendered:
    """A template reply and, when the facts could not answer what the buyer asked, what that was."""

    text: str
    asked: str | None = None


def rendered(req: DraftRequest, variant: int = 0, *, personal: bool = True) -> Rendered:
    """The template reply to `req`, variant `variant` (Regenerate passes the next number), with its `asked`."""
    tr = translator(req.language)
    base = {"name": clean_name(req.buyer_name) or ""}
    composition = compose(req, variant, personal=personal)
    composed = [part for part in composition.parts if part.keys]
    keys = choose([part.keys for part in composed], req.interaction_id, variant)
    formal = req.voice.tone != "friendly"
    pieces: list[str] = []
    for part, key in zip(composed, keys, strict=True):
        if part.own:
            # The template around a fact is ours (polite form applies), the fact is the seller's as written.
            args = dict(part.args)
            frame = _polite(tr(key, fact="\x00"), req.language, formal)
            pieces.append(frame.replace("\x00", args["fact"]))
        else:
            pieces.append(_polite(tr(key, **base, **dict(part.args)), req.language, formal))
    if personal and (sign := signature(req)):
        pieces.append(sign)
    return Rendered(" ".join(pieces), composition.asked)


def render(req: DraftRequest, variant: int = 0, *, personal: bool = True) -> str:
    """The template reply's text (see `rendered`)."""
    return rendered(req, variant, personal=personal).text
