"""First response time: p50/p90 of (first_response_at - occurred_at), wall-clock seconds."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from core.analytics.common import Period, Sql
from core.models import Channel


@dataclass(frozen=True)
class ResponseTimes:
    """Percentiles of first response time over the items received in a period and answered."""

    channel: Channel | None
    answered: int
    p50_s: float | None
    p90_s: float | None


def _percentiles(sorted_values: list[float]) -> tuple[float | None, float | None]:
    # Linear interpolation, the same definition as PostgreSQL's percentile_cont.
    if not sorted_values:
        return None, None
    if len(sorted_values) == 1:
        return sorted_values[0], sorted_values[0]
    cuts = statistics.quantiles(sorted_values, n=10, method="inclusive")
    return statistics.median(sorted_values), cuts[8]


async def first_response(*, seller_id: int | None, period: Period, channel: Channel | None = None) -> ResponseTimes:
    """p50/p90 first response time of items received in `period` (optionally one channel)."""
    q = Sql()
    secs = q.seconds("first_response_at", "occurred_at")
    where = (
        f"occurred_at >= {q.p(period.start)} AND occurred_at < {q.p(period.end)}"
        f" AND first_response_at IS NOT NULL{q.seller(seller_id)}"
    )
    if channel is not None:
        where += f" AND channel = {q.p(channel.value)}"
    if q.postgres:
        sql = f"""SELECT COUNT(*) AS n,
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY {secs}) AS p50,
                         percentile_cont(0.9) WITHIN GROUP (ORDER BY {secs}) AS p90
                    FROM interaction WHERE {where}"""
        row = (await q.rows(sql))[0]
        p50, p90 = row["p50"], row["p90"]
        return ResponseTimes(
            channel, int(row["n"]), None if p50 is None else float(p50), None if p90 is None else float(p90)
        )
    # Portable fallback: only the sorted durations column travels, never whole rows.
    values = [float(r["s"]) for r in await q.rows(f"SELECT {secs} AS s FROM interaction WHERE {where} ORDER BY 1")]
    p50, p90 = _percentiles(values)
    return ResponseTimes(channel, len(values), p50, p90)
