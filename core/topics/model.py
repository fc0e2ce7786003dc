"""The topic vocabulary: what a buyer's review, question or chat is about. Values are stable (stored, counted)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Topic(StrEnum):
    """One thing the buyer raised. Stored per interaction (`Interaction.topics`) and counted by analytics, so a
    value is never renamed; new topics are appended."""

    SIZE_SMALL = "size_small"
    SIZE_LARGE = "size_large"
    SIZE_ADVICE = "size_advice"
    DEFECT = "defect"
    WRONG_ITEM = "wrong_item"
    INCOMPLETE = "incomplete"
    DELIVERY = "delivery"
    PACKAGING = "packaging"
    SMELL = "smell"
    QUALITY = "quality"
    COLOUR_MISMATCH = "colour_mismatch"
    PRICE = "price"
    COUNTERFEIT = "counterfeit"
    USAGE = "usage"
    COMPATIBILITY = "compatibility"
    AVAILABILITY = "availability"
    RETURN = "return"
    WARRANTY = "warranty"
    PRAISE_QUALITY = "praise_quality"
    PRAISE_FIT = "praise_fit"
    PRAISE_DELIVERY = "praise_delivery"
    PRAISE_VALUE = "praise_value"

    @property
    def praise(self) -> bool:
        """A compliment (thanks in the reply) rather than a complaint or a question."""
        return self.value.startswith("praise_")


# The order a reply addresses topics in: the buyer's biggest problem first, compliments last.
REPLY_ORDER: tuple[Topic, ...] = (
    Topic.DEFECT,
    Topic.WRONG_ITEM,
    Topic.INCOMPLETE,
    Topic.COUNTERFEIT,
    Topic.RETURN,
    Topic.SIZE_SMALL,
    Topic.SIZE_LARGE,
    Topic.SIZE_ADVICE,
    Topic.QUALITY,
    Topic.SMELL,
    Topic.COLOUR_MISMATCH,
    Topic.PACKAGING,
    Topic.DELIVERY,
    Topic.PRICE,
    Topic.WARRANTY,
    Topic.USAGE,
    Topic.COMPATIBILITY,
    Topic.AVAILABILITY,
    Topic.PRAISE_QUALITY,
    Topic.PRAISE_FIT,
    Topic.PRAISE_DELIVERY,
    Topic.PRAISE_VALUE,
)
assert set(REPLY_ORDER) == set(Topic)


class TopicSource(StrEnum):
    RULES = "rules"
    LLM = "llm"


@dataclass(frozen=True)
class TopicResult:
    """The detected topics in reply order; `unsure` marks texts the rules could not read with confidence."""

    topics: tuple[Topic, ...]
    unsure: bool = False
    source: TopicSource = TopicSource.RULES

    @property
    def values(self) -> list[str]:
        """The topics as their stored strings."""
        return [t.value for t in self.topics]


def ordered(topics: set[Topic] | frozenset[Topic]) -> tuple[Topic, ...]:
    """`topics` in reply order."""
    return tuple(t for t in REPLY_ORDER if t in topics)
