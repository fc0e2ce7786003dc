"""Triage of a new interaction: priority, SLA due-at and whether it needs a response at all.

Order of the inbox (DESIGN: "negatives and pre-purchase questions at the top"):
URGENT — 1–2★ reviews, reviews with text from a buyer who returned the item (WB's `orderStatus`), pre-purchase
questions/chats (size, availability, delivery), complaints (defect, return), and a buyer reporting harm or a legal
step (core.reading.SAFETY), whose SLA is the short `core.sla.SAFETY_BUDGET`;
HIGH — 3★ reviews, other questions and chats;
NORMAL — 4–5★ reviews with text;
LOW — bare 4–5★ ratings without text: they need no response and carry no SLA.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.intent import Intent, classify
from core.models import PRIORITY_RANK, Channel, Priority
from core.review_meta import OrderStatus
from core.seller_settings import BusinessHours
from core.sla import due_at as sla_due_at

# StrEnum members hash like their values: triage accepts the enum or the stored string.
PRE_PURCHASE_INTENTS = frozenset({Intent.SIZE, Intent.AVAILABILITY, Intent.DELIVERY})
COMPLAINT_INTENTS = frozenset({Intent.DEFECT, Intent.RETURN})


@dataclass(frozen=True)
class Triage:
    """What the inbox needs to order and time an item."""

    priority: Priority
    priority_rank: int
    due_at: datetime | None
    needs_response: bool


def _priority(
    channel: Channel, rating: int | None, intent: str | None, text: str, order_status: str | None
) -> tuple[Priority, bool]:
    if channel == Channel.REVIEW:
        if rating is not None and rating <= 2:
            return Priority.URGENT, True
        # A buyer who sent the item back is unhappy whatever the stars say; a bare rating still asks nothing.
        if order_status == OrderStatus.RETURNED and text.strip():
            return Priority.URGENT, True
        if rating == 3:
            return Priority.HIGH, True
        if not text.strip():
            return Priority.LOW, False
        return Priority.NORMAL, True
    if intent in PRE_PURCHASE_INTENTS or intent in COMPLAINT_INTENTS:
        return Priority.URGENT, True
    return Priority.HIGH, True


def triage(
    *,
    channel: Channel,
    rating: int | None,
    intent: str | None,
    text: str,
    occurred_at: datetime,
    business_hours: BusinessHours,
    order_status: str | None = None,
    safety: bool = False,
) -> Triage:
    """Priority, rank, SLA due-at (in the seller's business hours) and needs-response of one interaction.

    `text` is everything the buyer wrote (for reviews: text + pros + cons joined), `intent` the value from
    `core.intent.classify` (None when unknown), `order_status` a review's WB `orderStatus`, `safety` whether the
    buyer's reading holds harm or legal (core.readings.is_safety): urgent with the short safety SLA.
    """
    if safety:
        priority, needs_response = Priority.URGENT, True
    else:
        priority, needs_response = _priority(channel, rating, str(intent) if intent else None, text or "", order_status)
    due = (
        sla_due_at(
            channel=channel, priority=priority, occurred_at=occurred_at, business_hours=business_hours, safety=safety
        )
        if needs_response
        else None
    )
    return Triage(priority=priority, priority_rank=PRIORITY_RANK[priority], due_at=due, needs_response=needs_response)


def triage_new(
    *,
    channel: Channel,
    text: str,
    rating: int | None,
    occurred_at: datetime,
    business_hours: BusinessHours,
    order_status: str | None = None,
) -> tuple[str | None, Triage]:
    """The triage of what a buyer just wrote (a new item, or a chat the buyer wrote to again): the intent of a
    question or chat message (`core.intent.classify`; reviews have none) and `triage` with it."""
    intent = classify(text).intent.value if channel != Channel.REVIEW and text else None
    return intent, triage(
        channel=channel,
        rating=rating,
        intent=intent,
        text=text,
        occurred_at=occurred_at,
        business_hours=business_hours,
        order_status=order_status,
    )
