"""What a drafter needs to know about one interaction, detached from the ORM."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from core.intent import Intent
from core.models.enums import Channel
from core.reading import Mood, ProductKind, Situation
from core.seller_settings import Voice
from core.topics import Topic


class Band(StrEnum):
    """Rating band of a review: the reply's mood follows it."""

    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


def band_of(channel: Channel, rating: int | None) -> Band | None:
    """1–2★ negative, 3★ (or unknown) neutral, 4–5★ positive; questions and chats have no band."""
    if channel != Channel.REVIEW:
        return None
    if rating is None or rating == 3:
        return Band.NEUTRAL
    return Band.NEGATIVE if rating <= 2 else Band.POSITIVE


# WB shows these instead of a name when the buyer hid it ("Покупатель Wildberries"): a greeting "Hi Покупатель
# Wildberries!" reads badly, so a name containing any of these words is no name.
_PLACEHOLDER_WORDS = {
    "покупатель",
    "покупательница",
    "пользователь",
    "клиент",
    "аноним",
    "анонимный",
    "гость",
    "wildberries",
    "вайлдберриз",
    "валдберис",
    "вб",
    "wb",
    "buyer",
    "customer",
    "user",
    "anonymous",
    "guest",
}
_NAME = re.compile(r"^[^\W\d_][^\W\d_ '-]*(?:[ '-][^\W\d_]+)?$")
_MAX_NAME = 30
_MAX_PRODUCT = 80


def clean_name(name: str | None) -> str | None:
    """The buyer's name when it looks like a real first name (letters, at most two words), else None."""
    name = " ".join((name or "").split())
    words = set(re.split(r"[ '-]", name.lower()))
    if not name or len(name) > _MAX_NAME or words & _PLACEHOLDER_WORDS or not _NAME.match(name):
        return None
    return name


def clean_product(product: str | None) -> str | None:
    """The product name without quotes and cut at a word boundary, or None."""
    product = " ".join((product or "").replace("«", "").replace("»", "").replace('"', "").split())
    if len(product) > _MAX_PRODUCT:
        product = product[:_MAX_PRODUCT].rsplit(" ", 1)[0]
    return product or None


@dataclass(frozen=True)
class DraftRequest:
    """One interaction as the drafters see it. `text` is everything the buyer wrote (review: text, pros, cons)."""

    interaction_id: int
    channel: Channel
    language: str = "ru"
    rating: int | None = None
    intent: Intent | None = None
    buyer_name: str | None = None
    product_name: str | None = None
    text: str = ""
    tone: str = "polite"
    topics: tuple[Topic, ...] = ()
    # The seller's facts about this product by kind (core.models.product.FACT_KINDS).
    facts: dict[str, str] = field(default_factory=dict)
    voice: Voice = field(default_factory=Voice)
    # The buyer raised a refund or return: the reply may name the return route in those words.
    refund_raised: bool = False
    # The rest of the reading (core.reading): where the buyer already is, how they feel, what the product is, and
    # whether the reader was unsure (Regenerate then also tries another reading). `mood` None: from the rating.
    situations: tuple[Situation, ...] = ()
    mood: Mood | None = None
    kind: ProductKind = ProductKind.OTHER
    unsure: bool = False
    # WB's «Достоинства» / «Недостатки» of a review, and a chat's earlier messages as ("in"|"out", text), oldest
    # first: the LLM sees them labelled.
    pros: str | None = None
    cons: str | None = None
    history: tuple[tuple[str, str], ...] = ()

    @property
    def band(self) -> Band | None:
        return band_of(self.channel, self.rating)

    @property
    def feeling(self) -> Mood:
        """The reading's mood, else one from the rating band (questions and chats: neutral)."""
        if self.mood is not None:
            return self.mood
        band = self.band
        if band == Band.POSITIVE:
            return Mood.POSITIVE
        if band == Band.NEGATIVE:
            return Mood.NEGATIVE
        return Mood.MIXED if band == Band.NEUTRAL and self.rating is not None else Mood.NEUTRAL
