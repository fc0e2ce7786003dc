"""The bot's /stats: today / 7 days / 30 days of received, answered, median first response and SLA met %."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.analytics.common import Period, Sql
from core.analytics.response import first_response
from core.analytics.sla import sla_summary

PERIODS: tuple[tuple[str, int], ...] = (("today", 1), ("7d", 7), ("30d", 30))


@dataclass(frozen=True)
class PeriodStats:
    """One line of /stats; `key` is today | 7d | 30d."""

    key: str
    received: int
    answered: int
    median_first_response_s: float | None
    sla_met_pct: float | None


async def _counts(seller_id: int | None, period: Period) -> tuple[int, int]:
    q = Sql()
    s, e = q.p(period.start), q.p(period.end)
    sql = f"""SELECT SUM(CASE WHEN occurred_at >= {s} AND occurred_at < {e} THEN 1 ELSE 0 END) AS received,
                     SUM(CASE WHEN first_response_at >= {s} AND first_response_at < {e} THEN 1 ELSE 0 END) AS answered
                FROM interaction WHERE (occurred_at >= {s} OR first_response_at >= {s}){q.seller(seller_id)}"""
    row = (await q.rows(sql))[0]
    return int(row["received"] or 0), int(row["answered"] or 0)


async def stats(*, seller_id: int | None, now: datetime, zone: str = "UTC") -> list[PeriodStats]:
    """Today, the last 7 and the last 30 days (calendar days in `zone`, the seller's) for one seller (or all)."""
    out = []
    for key, days in PERIODS:
        period = Period.last_days(days, now, zone)
        received, answered = await _counts(seller_id, period)
        times = await first_response(seller_id=seller_id, period=period)
        sla = (await sla_summary(seller_id=seller_id, period=period, now=now))[-1]
        out.append(PeriodStats(key, received, answered, times.p50_s, sla.met_pct))
    return out
