"""Received and answered items per channel and UTC day."""

from __future__ import annotations

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


async def daily_volume(*, seller_id: int | None, period: Period) -> list[VolumeRow]:
    """Received/answered counts per (day, channel) in `period`, ordered by day then channel."""
    q = Sql()
    start, end = q.p(period.start), q.p(period.end)
    seller = q.seller(seller_id)
    sql = f"""
        SELECT day, channel, SUM(received) AS received, SUM(answered) AS answered FROM (
            SELECT {q.day("occurred_at")} AS day, channel, COUNT(*) AS received, 0 AS answered
              FROM interaction WHERE occurred_at >= {start} AND occurred_at < {end}{seller}
             GROUP BY 1, 2
            UNION ALL
            SELECT {q.day("first_response_at")} AS day, channel, 0 AS received, COUNT(*) AS answered
              FROM interaction WHERE first_response_at >= {start} AND first_response_at < {end}{seller}
             GROUP BY 1, 2
        ) t GROUP BY day, channel ORDER BY day, channel"""
    return [
        VolumeRow(as_date(r["day"]), Channel(r["channel"]), int(r["received"]), int(r["answered"]))
        for r in await q.rows(sql)
    ]
