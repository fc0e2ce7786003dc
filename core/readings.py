"""The stored reading of an interaction (`core.reading`): topics, the buyer's situations, mood, reply language and
the product's kind, on the interaction's own columns.

One function reads and stores it (`store`) for every path that needs it: an item's arrival (before its cards and
auto-send, so analytics count every announced item), a draft, and a chat the buyer wrote to again (its new lines
are read at once, so a burn written into an open chat still pages). `reading_of` returns what is stored and reads
only what was not read yet. A harm or legal reading (`is_safety`) makes a waiting item urgent with the short safety
SLA (core.sla.SAFETY_BUDGET); core.quiet pages it at night, core.cards lets it past the switches, core.autosend
never sends it, and a bulk action must leave it out (`is_safety`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

from core.models import ChatDirection, ChatMessage, Interaction, Seller
from core.models.enums import Channel
from core.priority import triage
from core.reading import SAFETY, Mood, ProductKind, Reading, Situation, read
from core.seller_settings import SellerSettings
from core.topics import Topic

_CHAT_CONTEXT_MESSAGES = 5
# The columns a reading fills (`topics` too, but a stored topic list is kept: the LLM may have named it).
READING_COLUMNS = ("situations", "mood", "reply_language", "product_kind")


async def buyer_text(interaction: Interaction) -> str:
    """What the buyer wrote: a chat's recent buyer lines, else the item's text with its pros and cons."""
    if interaction.channel == Channel.CHAT:
        recent = await (
            ChatMessage.filter(interaction_id=interaction.id, direction=ChatDirection.IN)
            .order_by("-occurred_at")
            .limit(_CHAT_CONTEXT_MESSAGES)
            .values_list("text", flat=True)
        )
        if recent:
            return "\n".join(t for t in reversed(recent) if t)
    return "\n".join(p for p in (interaction.text, interaction.pros, interaction.cons) if p)


def is_safety(interaction: Interaction) -> bool:
    """The stored reading holds harm or legal: urgent, never auto-sent, never part of a bulk action, pages."""
    return any(s in SAFETY for s in interaction.situations or ())


def _subject(interaction: Interaction) -> str | None:
    """WB's subject of the product (a review's `subjectName`, kept in its raw payload); None when WB gave none."""
    payload: Any = interaction.raw_payload
    subject = payload.get("subjectName") if isinstance(payload, dict) else None
    return subject if isinstance(subject, str) and subject else None


def _values(enum: type[Enum], stored: Any) -> tuple:
    return tuple(enum(v) for v in stored or () if v in enum._value2member_map_)


def stored_reading(interaction: Interaction) -> Reading | None:
    """The reading on the row, None when it was not read yet (or read before situations and mood were stored)."""
    if interaction.topics is None or interaction.mood is None:
        return None
    return Reading(
        topics=_values(Topic, interaction.topics),
        situations=_values(Situation, interaction.situations),
        mood=Mood(interaction.mood) if interaction.mood in Mood._value2member_map_ else Mood.NEUTRAL,
        language=interaction.reply_language or "ru",
        kind=ProductKind(interaction.product_kind)
        if interaction.product_kind is not None and interaction.product_kind in ProductKind._value2member_map_
        else ProductKind.OTHER,
    )


def read_interaction(interaction: Interaction, text: str) -> Reading:
    """The reading of `interaction` now (`text`: `buyer_text`, which for a chat is its recent buyer lines)."""
    if interaction.channel == Channel.CHAT:
        return read(text, channel=Channel.CHAT, product_name=interaction.product_name)
    return read(
        interaction.text or "",
        channel=interaction.channel,
        rating=interaction.rating,
        pros=interaction.pros,
        cons=interaction.cons,
        product_name=interaction.product_name,
        subject=_subject(interaction),
    )


async def _escalate(interaction: Interaction) -> None:
    """A waiting harm/legal item: urgent, due within the safety SLA (never later than it already was)."""
    raw = await Seller.filter(id=interaction.seller_id).values_list("settings", flat=True)
    t = triage(
        channel=interaction.channel,
        rating=interaction.rating,
        intent=interaction.intent,
        text=interaction.text or "",
        occurred_at=interaction.occurred_at,
        # tortoise types values_list(flat=True) as tuples; it gives the bare values
        business_hours=SellerSettings.of(raw[0] if raw else None).business_hours,  # type: ignore[arg-type]
        safety=True,
    )
    due = t.due_at if interaction.due_at is None or t.due_at is None else min(t.due_at, interaction.due_at)
    changes = {"priority": t.priority, "priority_rank": t.priority_rank, "due_at": due}
    await Interaction.filter(id=interaction.id, needs_response=True).update(**changes)
    for name, value in changes.items():
        setattr(interaction, name, value)


async def store(interaction: Interaction, text: str | None = None, *, keep_topics: bool = True) -> Reading:
    """Read `interaction` now and store the reading on its row (and on the object); a harm/legal item that waits is
    escalated. `keep_topics`: a topic list already stored stays (the LLM may have named it)."""
    reading = read_interaction(interaction, text if text is not None else await buyer_text(interaction))
    values: dict[str, Any] = {
        "situations": [s.value for s in reading.situations],
        "mood": reading.mood.value,
        "reply_language": reading.language,
        "product_kind": reading.kind.value,
    }
    if interaction.topics is None or not keep_topics:
        values["topics"] = [t.value for t in reading.topics]
    await Interaction.filter(id=interaction.id).update(**values)
    for name, value in values.items():
        setattr(interaction, name, value)
    if reading.safety and interaction.needs_response:
        await _escalate(interaction)
    return stored_reading(interaction) or reading


async def reading_of(interaction: Interaction, text: str | None = None) -> Reading:
    """The interaction's reading: the stored one, else read now and stored (`store`)."""
    return stored_reading(interaction) or await store(interaction, text)


async def claim_page(interaction_id: int, now: datetime | None = None) -> bool:
    """Claim the owner's safety page of a harm/legal item, once (a conditional UPDATE, like `notified_at`); False
    when it was paged already (its first cards, or a redelivered or racing refresh)."""
    stamp = now or datetime.now(UTC)
    return bool(await Interaction.filter(id=interaction_id, paged_at__isnull=True).update(paged_at=stamp))
