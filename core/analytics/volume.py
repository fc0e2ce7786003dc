"""Received and answered items per channel and calendar day (UTC, or a named zone)."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import date

from core.analytics.common import Period, Sql, as_date
from core.models import Channel


@dataclass(frozen=True)
class VolumeRow:
    """One bar of the volume chart: received = arrived that day, answered = first response sent that day."""

    day: date
    channel: Channel
    received: int
    answered: int


async def _per_day(column: str, seller_id: int | None, period: Period, zone: str) -> Counter[tuple[date, Channel]]:
    q = Sql()
    sql = f"""SELECT {q.day(column, zone, period.end)} AS day, channel, COUNT(*) AS n FROM interaction
               WHERE {column} >= {q.p(period.start)} AND {column} < {q.p(period.end)}{q.seller(seller_id)}
               GROUP BY 1, 2"""
    return Counter({(as_date(r["day"]), Channel(r["channel"])): int(r["n"]) for r in await q.rows(sql)})


async def daily_volume(*, seller_id: int | None, period: Period, zone: str = "UTC") -> list[VolumeRow]:
    """Received/answered counts per (day in `zone`, channel) in `period`, ordered by day then channel."""
    # Two index-only scans (ix_received_cover, ix_answered_cover), run side by side on the pool.
    received, answered = await asyncio.gather(
        _per_day("occurred_at", seller_id, period, zone), _per_day("first_response_at", seller_id, period, zone)
    )
    return [
        VolumeRow(day, channel, received[(day, channel)], answered[(day, channel)])
        for day, channel in sorted(received | answered)
    ]
