"""`detect`: the topics of one review, question or chat — the reader's topics (`core.reading`), for the callers
that need only topics. There is one topic detector: this module delegates to `core.reading.topics`.
"""

from __future__ import annotations

from core.models.enums import Channel
from core.reading.text import prepare
from core.topics.model import TopicResult

__all__ = ["detect", "prepare"]


def detect(
    text: str,
    *,
    channel: Channel | str = Channel.REVIEW,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
    kind: str = "other",
) -> TopicResult:
    """The topics the buyer raised, in reply order, and whether the rules are unsure (`core.reading.topics`)."""
    # Imported here: core.reading's vocabulary imports core.topics.model, so a module-level import would be circular.
    from core.reading.topics import topics_of

    return topics_of(text, channel=channel, rating=rating, pros=pros, cons=cons, kind=kind)
