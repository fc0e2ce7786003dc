"""`read`: the one entry point that turns a buyer's text into a `Reading` (topics, situations, mood, reply language
and the product's kind). Pure (no I/O) and fast: the morphology is loaded once and cached per word form.
"""

from __future__ import annotations

from core.models.enums import Channel
from core.reading.kind import product_kind
from core.reading.language import reply_language
from core.reading.model import Mood, Reading, Situation
from core.reading.mood import mood_of
from core.reading.situations import situations_of
from core.reading.text import clauses, prepare
from core.reading.topics import detect, praises_item
from core.topics.model import Topic

# Topics a situation already says better: a refund already pending is not a request to return the item, a parcel
# that never came or a return the pickup point refused is not a delivery complaint.
_SAID_BY: dict[Situation, frozenset[Topic]] = {
    Situation.REFUND_PENDING: frozenset({Topic.RETURN}),
    Situation.NOT_RECEIVED: frozenset({Topic.DELIVERY, Topic.RETURN}),
    Situation.ORDER_STUCK: frozenset({Topic.DELIVERY}),
    Situation.RETURN_REFUSED_AT_PICKUP: frozenset({Topic.DELIVERY}),
    Situation.EMPTY_BOX: frozenset({Topic.DELIVERY, Topic.INCOMPLETE, Topic.PACKAGING}),
    Situation.USED_OR_EXPIRED: frozenset({Topic.DEFECT, Topic.PACKAGING}),
    Situation.CANCEL_OR_CHANGE: frozenset(
        {Topic.DELIVERY, Topic.WRONG_ITEM, Topic.RETURN, Topic.SIZE_ADVICE, Topic.USAGE}
    ),
    Situation.DISCOUNT_REQUEST: frozenset({Topic.AVAILABILITY}),
}

__all__ = ["product_kind", "read"]


def read(
    text: str,
    *,
    channel: Channel | str,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
    product_name: str | None = None,
    subject: str | None = None,
) -> Reading:
    """The reading of one buyer text (for chats: the buyer's recent messages joined by newlines)."""
    kind = product_kind(product_name, subject)
    # "unknown" when nothing names the product: the reader then does not guess that a size word is about a garment.
    hint = kind.value if product_name or subject else "unknown"
    found = detect(text, channel=channel, rating=rating, pros=pros, cons=cons, kind=hint)
    parts = [clause for section in (text, pros, cons) if section for clause in clauses(section)]
    whole = "\n".join(p for p in (text, pros, cons) if p)
    evidence = situations_of(parts, text or "")
    if Situation.NOT_RECEIVED in evidence:
        evidence.pop(Situation.REFUND_PENDING, None)  # "верните деньги" for a parcel that never came
    situations = set(evidence)
    said = {t for s in situations for t in _SAID_BY.get(s, ())}
    if Situation.CLAIM_REJECTED in situations and Situation.RETURN_REFUSED_AT_PICKUP not in situations:
        said.add(Topic.RETURN)
    topics = tuple(t for t in found.topics if t not in said)
    mood = mood_of(
        whole,
        prepare(whole),
        rating=rating,
        topics=topics,
        situations=situations,
        question=Channel(channel) == Channel.QUESTION,
        # Only asked when no praise topic already says it (the morphology walk costs ≈ 0.1 ms on a long text).
        praised=not any(t.praise for t in topics) and any(praises_item(section) for section in (text, pros) if section),
    )
    if mood == Mood.SARCASTIC:
        topics = tuple(t for t in topics if not t.praise)  # the praise words were the irony
    return Reading(
        topics=topics,
        situations=tuple(s for s in Situation if s in situations),
        mood=mood,
        language=reply_language(whole),
        kind=kind,
        unsure=found.unsure and not situations,
        evidence=tuple(f"{s.value}: {evidence[s]}" for s in Situation if s in evidence),
    )
