"""The reading of what a buyer wrote: topics, the buyer's situation, mood, reply language and the product's kind.

Values are stable (stored per interaction, counted by analytics, shown on cards): never renamed, only appended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from core.topics.model import Topic


class Situation(StrEnum):
    """Where the buyer already is, beyond what the product is about (a second vocabulary next to `Topic`)."""

    REFUND_PENDING = "refund_pending"
    CLAIM_REJECTED = "claim_rejected"
    RETURN_REFUSED_AT_PICKUP = "return_refused_at_pickup"
    NOT_RECEIVED = "not_received"  # including "marked delivered" but never came
    ORDER_STUCK = "order_stuck"
    CANCEL_OR_CHANGE = "cancel_or_change"
    DISCOUNT_REQUEST = "discount_request"
    OFF_PLATFORM_CONTACT = "off_platform_contact"
    ABUSE = "abuse"
    EMPTY_BOX = "empty_box"
    USED_OR_EXPIRED = "used_or_expired"
    WB_CHAT_OPENER = "wb_chat_opener"
    # Safety: an injury or a legal threat pages the owner (urgent, never auto-sent, never bulk).
    HARM = "harm"
    LEGAL = "legal"

    @property
    def safety(self) -> bool:
        """Harm or legal: the item pages the owner."""
        return self in SAFETY


SAFETY: frozenset[Situation] = frozenset({Situation.HARM, Situation.LEGAL})


class Mood(StrEnum):
    """How the buyer feels, from text and rating together (a 1★ with praise words is sarcastic or mixed)."""

    POSITIVE = "positive"
    MIXED = "mixed"
    NEGATIVE = "negative"
    SARCASTIC = "sarcastic"
    NEUTRAL = "neutral"  # a plain question or request with no feeling either way


class ProductKind(StrEnum):
    """What sort of product the item is about: it changes what a cue means and what advice fits."""

    CLOTHES = "clothes"
    SHOES = "shoes"
    ELECTRONICS = "electronics"
    COSMETICS = "cosmetics"
    HOME = "home"
    OTHER = "other"


@dataclass(frozen=True)
class Reading:
    """Everything read from one buyer text. `language` is the reply language: "ru" or "en" only."""

    topics: tuple[Topic, ...] = ()
    situations: tuple[Situation, ...] = ()
    mood: Mood = Mood.NEUTRAL
    language: str = "ru"
    kind: ProductKind = ProductKind.OTHER
    unsure: bool = False
    # Free-form evidence for debugging and the `agentiq draft` printout (which cue fired where); never stored.
    evidence: tuple[str, ...] = field(default=(), compare=False)

    @property
    def safety(self) -> tuple[Situation, ...]:
        """The harm/legal situations, if any."""
        return tuple(s for s in self.situations if s.safety)

    @property
    def complaint(self) -> bool:
        """The buyer raised a problem: a non-praise topic in a non-positive mood, or any situation but the opener."""
        if any(s != Situation.WB_CHAT_OPENER for s in self.situations):
            return True
        return self.mood in (Mood.NEGATIVE, Mood.MIXED, Mood.SARCASTIC) and any(not t.praise for t in self.topics)
