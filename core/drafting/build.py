"""One `DraftRequest` from a buyer's text and its reading (`core.reading.read`): the bot's drafts, `agentiq draft`
and `bench/drafts.py` build it the same way, so the bench measures what the seller sees."""

from __future__ import annotations

from collections.abc import Sequence

from core.drafting.request import DraftRequest
from core.guardrails import buyer_raised_refund
from core.intent import Intent, classify
from core.models.enums import Channel
from core.reading import Reading, read
from core.seller_settings import Voice
from core.topics import Topic


def build_request(
    *,
    interaction_id: int,
    channel: Channel,
    text: str,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
    product_name: str | None = None,
    subject: str | None = None,
    buyer_name: str | None = None,
    history: Sequence[tuple[str, str]] = (),
    facts: dict[str, str] | None = None,
    voice: Voice | None = None,
    tone: str = "polite",
    topics: tuple[Topic, ...] | None = None,
    intent: Intent | None = None,
    reading: Reading | None = None,
) -> tuple[Reading, DraftRequest]:
    """The reading of the buyer's text and the drafters' request. `text` is the review's comment, the question,
    or a chat's recent buyer messages joined by newlines; `history` a chat's earlier messages as (direction, text)
    oldest first; `topics` the stored topics when the interaction has them (else the reading's); `reading` the
    stored reading of the interaction (`core.readings`), read now when not given."""
    if reading is None:
        reading = read(
            text, channel=channel, rating=rating, pros=pros, cons=cons, product_name=product_name, subject=subject
        )
    everything = "\n".join(p for p in (text, pros, cons) if p)
    if intent is None and channel != Channel.REVIEW:
        intent = classify(everything).intent
    req = DraftRequest(
        interaction_id=interaction_id,
        channel=channel,
        language=reading.language,
        rating=rating if channel == Channel.REVIEW else None,
        intent=intent if channel != Channel.REVIEW else None,
        buyer_name=buyer_name,
        product_name=product_name,
        text=everything,
        tone=tone,
        topics=reading.topics if topics is None else topics,
        facts=facts or {},
        voice=voice or Voice(),
        refund_raised=buyer_raised_refund(everything),
        situations=reading.situations,
        mood=reading.mood,
        kind=reading.kind,
        unsure=reading.unsure,
        pros=pros,
        cons=cons,
        history=tuple(history),
    )
    return reading, req
