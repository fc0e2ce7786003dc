"""`read`: the one entry point that turns a buyer's text into a `Reading`.

Interim implementation over the substring topic rules (`core.topics.detect`); the lemmatised reader replaces it.
"""

from __future__ import annotations

from core.drafting.language import buyer_language
from core.models.enums import Channel
from core.reading.model import Mood, ProductKind, Reading
from core.reading.safety import safety_situations
from core.topics import detect


def product_kind(product_name: str | None, subject: str | None = None) -> ProductKind:
    """The product's kind from WB's subject (preferred) or the product name; `OTHER` when neither tells."""
    return ProductKind.OTHER


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
    topics = detect(text, channel=channel, rating=rating, pros=pros, cons=cons)
    if rating is None:
        mood = Mood.NEUTRAL
    else:
        mood = Mood.POSITIVE if rating >= 4 else Mood.NEGATIVE if rating <= 2 else Mood.MIXED
    whole = "\n".join(p for p in (text, pros, cons) if p)
    return Reading(
        topics=topics.topics,
        situations=safety_situations(whole),
        mood=mood,
        language=buyer_language(whole),
        kind=product_kind(product_name, subject),
        unsure=topics.unsure,
    )
