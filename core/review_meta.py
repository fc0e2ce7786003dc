"""What WB tells about a review's buyer besides the text: the order's fate (`orderStatus`) and WB's buyer tags
(`bables`), read from the review's stored payload (WB's own field names)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from core.models import Channel, Interaction

TAGS_SHOWN = 10


class OrderStatus(StrEnum):
    """WB's `orderStatus` values a card speaks of (`notSpecified` and anything new say nothing)."""

    BUYOUT = "buyout"
    REJECTED = "rejected"
    RETURNED = "returned"


def _payload(interaction: Interaction) -> dict[str, Any]:
    payload: Any = interaction.raw_payload
    return payload if interaction.channel == Channel.REVIEW and isinstance(payload, dict) else {}


def order_status(interaction: Interaction) -> OrderStatus | None:
    """The review's order status when WB sent a known one."""
    value = _payload(interaction).get("orderStatus")
    # Compared, not hashed: a hostile payload may hold a list there.
    return OrderStatus(value) if isinstance(value, str) and value in tuple(OrderStatus) else None


def buyer_tags(interaction: Interaction) -> list[str]:
    """WB's tags of the buyer's review (non-empty strings only, at most `TAGS_SHOWN`)."""
    tags = _payload(interaction).get("bables")
    if not isinstance(tags, list):
        return []
    return [tag for tag in tags if isinstance(tag, str) and tag.strip()][:TAGS_SHOWN]
