"""Linking one buyer's interactions across channels into a thread.

Deterministic links: review supplements (parent/child feedback ids), the same chat buyer (buyer_id), the same
order (order_ref), the exact buyer name on the same product. Probabilistic links: same product within the
thread window, scored by buyer-name and text similarity and closeness in time. Incremental: candidates come from
indexed lookups for the new rows only (parent id, buyer_id, order, seller × nm_id × time window) — never all pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from core.models import Channel, InteractionStatus, LinkKind

LINK_MIN_CONFIDENCE = 0.55
# Any automatic action (auto-send) requires every link of the item to be at least this sure.
AUTO_ACTION_MIN_CONFIDENCE = 0.85
THREAD_WINDOW = timedelta(days=45)


@dataclass(frozen=True)
class TimelineItem:
    """One interaction of a thread; `confidence`/`reason`/`kind` describe the link that brought it in
    (1.0 / "self" / None for the interaction asked about)."""

    interaction_id: int
    channel: Channel
    occurred_at: datetime
    status: InteractionStatus
    buyer_name: str | None
    nm_id: int | None
    product_name: str | None
    rating: int | None
    text: str
    answer: str | None
    confidence: float
    reason: str
    kind: LinkKind | None


async def link_new(interaction_ids: list[int]) -> int:
    """Find and store links for freshly ingested interactions; returns the number of linked pairs found."""
    raise NotImplementedError


async def timeline(interaction_id: int) -> list[TimelineItem]:
    """The thread of `interaction_id` (itself and everything linked to it, transitively) in time order."""
    raise NotImplementedError


async def auto_action_allowed(interaction_id: int) -> bool:
    """False when the item has a link below AUTO_ACTION_MIN_CONFIDENCE (DESIGN: no auto-action on unsure links)."""
    raise NotImplementedError
