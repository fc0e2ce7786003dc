"""The template drafter: a reply composed from Fluent blocks, no network.

Blocks, in order: greeting (the buyer's name when WB gives a real one; tone formal or friendly), an opener (thanks
matched to the rating, or an apology when a review raises a complaint), **one sentence per topic the buyer raised**
(`core.topics`, in reply order; each followed by the seller's product fact for that topic when there is one), a
generic body only when no topic was found, a closing, and the seller's signature or brand.

Blocks live in `locales/<lang>/drafting.ftl` and `drafting_topics.ftl` as numbered variants. Which variant each
block takes is a pure function of (interaction id, variant number): the interaction id fixes a starting combination
and every variant steps through the combinations by a stride coprime with their count, so consecutive variants
(Regenerate) always give a different combination, and the first drafts of different interactions differ too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from math import gcd, prod

from core.drafting.request import Band, DraftRequest, clean_name, clean_product
from core.i18n import translator
from core.intent import Intent
from core.models.enums import Channel
from core.topics import Topic

Block = tuple[str, ...]  # message keys of one block's variants
_REVIEW_INTENT_BODIES = (Intent.SIZE, Intent.DEFECT, Intent.DELIVERY)
# Which of the seller's product facts answers which topic.
FACT_FOR_TOPIC: dict[Topic, str] = {
    Topic.SIZE_SMALL: "sizing",
    Topic.SIZE_LARGE: "sizing",
    Topic.SIZE_ADVICE: "sizing",
    Topic.USAGE: "care",
    Topic.SMELL: "care",
    Topic.DEFECT: "known_issues",
    Topic.QUALITY: "known_issues",
    Topic.COLOUR_MISMATCH: "known_issues",
    Topic.INCOMPLETE: "in_box",
}
# Formal Russian capitalises the polite «Вы» and its forms.
_POLITE_YOU = re.compile(r"\b(вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|ваших|вашими|вашу)\b")


@lru_cache(maxsize=1024)
def variants(language: str, prefix: str) -> Block:
    """The keys `prefix-1`, `prefix-2`, … that exist in `language`."""
    tr = translator(language)
    keys: list[str] = []
    while tr.has(f"{prefix}-{len(keys) + 1}"):
        keys.append(f"{prefix}-{len(keys) + 1}")
    return tuple(keys)


def _generic_body(req: DraftRequest, with_product: bool) -> Block:
    lang = req.language
    if req.channel == Channel.REVIEW:
        band = req.band or Band.NEUTRAL
        prefix = f"draft-body-review-{band}"
        if band == Band.NEGATIVE and req.intent in _REVIEW_INTENT_BODIES:
            prefix = f"draft-body-review-negative-{req.intent}"
    else:
        prefix = f"draft-body-{req.intent or Intent.OTHER}"
    if with_product and (product_body := variants(lang, prefix + "-product")):
        return product_body
    return variants(lang, prefix)


def topic_prefix(topic: Topic, channel: Channel, language: str, *, refund_raised: bool = False) -> str:
    """The message prefix of `topic`'s sentence: a question's own phrasing when there is one; the return route in
    refund words only when the buyer raised a refund (the guardrails allow it then)."""
    if topic == Topic.RETURN and refund_raised:
        return "draft-topic-return-raised"
    if channel == Channel.QUESTION and variants(language, f"draft-topic-{topic}-question"):
        return f"draft-topic-{topic}-question"
    return f"draft-topic-{topic}"


@dataclass(frozen=True)
class Part:
    """One block of the reply: its variant keys and the arguments they are formatted with."""

    keys: Block
    args: tuple[tuple[str, str], ...] = ()
    own: bool = False  # the seller's own words (facts, signature): kept exactly as written


def parts(req: DraftRequest, *, personal: bool = True) -> list[Part]:
    """The blocks of a reply to `req`; `personal=False` leaves out the buyer's name, the product, the seller's facts
    and signature (everything that comes from outside the templates)."""
    lang = req.language
    friendly = req.voice.tone == "friendly"
    named = personal and clean_name(req.buyer_name) is not None
    with_product = personal and clean_product(req.product_name) is not None
    kind = f"review-{req.band or Band.NEUTRAL}" if req.channel == Channel.REVIEW else str(req.channel)
    greet = "draft-greet-friendly" if friendly else "draft-greet"
    out = [Part(variants(lang, f"{greet}-named" if named else greet))]
    complaints = [t for t in req.topics if not t.praise]
    if req.channel == Channel.REVIEW and complaints and req.band != Band.POSITIVE:
        out.append(Part(variants(lang, "draft-sorry-review")))
    else:
        out.append(Part(variants(lang, f"draft-thanks-{kind}")))
    quoted: set[str] = set()
    for topic in req.topics:
        out.append(Part(variants(lang, topic_prefix(topic, req.channel, lang, refund_raised=req.refund_raised))))
        fact_kind = FACT_FOR_TOPIC.get(topic)
        fact = req.facts.get(fact_kind, "").strip() if fact_kind and personal else ""
        if fact and fact_kind not in quoted:
            quoted.add(fact_kind)
            out.append(Part(variants(lang, "draft-fact"), (("fact", _sentence(fact)),), own=True))
    if not req.topics:
        out.append(Part(_generic_body(req, with_product)))
    out.append(Part(variants(lang, "draft-close-friendly" if friendly else f"draft-close-{kind}")))
    return out


def blocks(req: DraftRequest, *, personal: bool = True) -> list[Block]:
    """The variant keys of each block (see `parts`)."""
    return [part.keys for part in parts(req, personal=personal)]


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


def signature(req: DraftRequest) -> str:
    """The seller's sign-off: their own signature, else "the <brand> team", else nothing."""
    if req.voice.signature:
        return req.voice.signature
    if req.voice.brand:
        return translator(req.language)("draft-signature-brand", brand=req.voice.brand)
    return ""


def render(req: DraftRequest, variant: int = 0, *, personal: bool = True) -> str:
    """The template reply to `req`, variant `variant` (Regenerate passes the next number)."""
    tr = translator(req.language)
    base = {"name": clean_name(req.buyer_name) or "", "product": clean_product(req.product_name) or ""}
    composed = parts(req, personal=personal)
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
            pieces.append(_polite(tr(key, **base), req.language, formal))
    if personal and (sign := signature(req)):
        pieces.append(sign)
    return " ".join(pieces)
