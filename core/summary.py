"""The seller's summary on request (/digest): received, answered, SLA met and the top topics of today or the
last 7 days, in the seller's calendar days."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from core.analytics import Period, stats
from core.models import Interaction

TOP_TOPICS = 3


@dataclass(frozen=True)
class Summary:
    days: int
    received: int
    answered: int
    sla_met_pct: float | None
    top_topics: list[tuple[str, int]]


async def top_topics(*, seller_id: int, period: Period, limit: int = TOP_TOPICS) -> list[tuple[str, int]]:
    """The topics buyers raised most in `period`, with their counts."""
    rows = await Interaction.filter(
        seller_id=seller_id, occurred_at__gte=period.start, occurred_at__lt=period.end, topics__not_isnull=True
    ).values_list("topics", flat=True)
    return Counter(topic for topics in rows for topic in (topics or [])).most_common(limit)


async def summary(*, seller_id: int, weekly: bool, now: datetime, zone: str) -> Summary:
    """Today's (or the last 7 days') figures, as /stats counts them, plus the top topics."""
    days = 7 if weekly else 1
    row = next(
        r for r in await stats(seller_id=seller_id, now=now, zone=zone) if r.key == ("7d" if weekly else "today")
    )
    topics = await top_topics(seller_id=seller_id, period=Period.last_days(days, now, zone))
    return Summary(days, row.received, row.answered, row.sla_met_pct, topics)
