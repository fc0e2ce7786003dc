"""What a drafter needs to know about one interaction, detached from the ORM."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from core.intent import Intent
from core.models.enums import Channel


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


# WB shows these instead of a name when the buyer hid it: greeting "Здравствуйте, Покупатель!" reads badly.
_PLACEHOLDER_NAMES = {"покупатель", "пользователь", "клиент", "аноним", "buyer", "customer", "user", "anonymous"}
_NAME = re.compile(r"^[^\W\d_][^\W\d_ '-]*(?:[ '-][^\W\d_]+)?$")
_MAX_NAME = 30
_MAX_PRODUCT = 80


def clean_name(name: str | None) -> str | None:
    """The buyer's name when it looks like a real first name (letters, at most two words), else None."""
    name = " ".join((name or "").split())
    if not name or len(name) > _MAX_NAME or name.lower() in _PLACEHOLDER_NAMES or not _NAME.match(name):
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

    @property
    def band(self) -> Band | None:
        return band_of(self.channel, self.rating)
