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
from core.reading.topics import topics_of
from core.topics.model import Topic, ordered

# Under sarcasm a compliment means its complaint («"отличное" качество» on 1★ is a quality complaint).
_SARCASM_FLIP = {Topic.PRAISE_QUALITY: Topic.QUALITY, Topic.PRAISE_VALUE: Topic.PRICE}

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
    found = topics_of(text, channel=channel, rating=rating, pros=pros, cons=cons, kind=kind.value)
    parts = [clause for section in (text, pros, cons) if section for clause in clauses(section)]
    whole = "\n".join(p for p in (text, pros, cons) if p)
    situations = situations_of(parts, prepare(text or ""))
    # A refund already pending is a situation, not a request to return the item.
    topics = found.topics
    mood = mood_of(whole, prepare(whole), rating=rating, topics=topics, situations=situations)
    if mood == Mood.SARCASTIC:
        topics = ordered({_SARCASM_FLIP.get(t, t) for t in topics})
    return Reading(
        topics=topics,
        situations=tuple(s for s in Situation if s in situations),
        mood=mood,
        language=reply_language(whole),
        kind=kind,
        unsure=found.unsure and not situations,
    )
