"""Sync health per seller and channel: last success, lag, failures and 429s (SyncCursor + SyncRun)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.analytics.common import Period, Sql, as_datetime
from core.models import Channel, SyncRunStatus


@dataclass(frozen=True)
class SyncHealthRow:
    """One seller × channel: cursor state now and run totals over the period."""

    seller_id: int
    channel: Channel
    last_success_at: datetime | None
    lag_s: float | None
    consecutive_failures: int
    consecutive_429: int
    last_error: str | None
    runs: int
    runs_failed: int
    rate_limited: int


async def sync_health(*, seller_id: int | None, period: Period, now: datetime) -> list[SyncHealthRow]:
    """Every cursor (seller × channel) with its lag at `now` and its runs in `period`."""
    q = Sql()
    failed = q.p(SyncRunStatus.FAILED.value)
    s, e = q.p(period.start), q.p(period.end)
    sql = f"""SELECT c.seller_id, c.channel, c.last_success_at, c.consecutive_failures, c.consecutive_429,
                     c.last_error, COALESCE(r.runs, 0) AS runs, COALESCE(r.failed, 0) AS failed,
                     COALESCE(r.limited, 0) AS limited
                FROM sync_cursor c
                LEFT JOIN (SELECT seller_id, channel, COUNT(*) AS runs,
                                  SUM(CASE WHEN status = {failed} THEN 1 ELSE 0 END) AS failed,
                                  SUM(rate_limited) AS limited
                             FROM sync_run WHERE started_at >= {s} AND started_at < {e}
                            GROUP BY seller_id, channel) r
                  ON r.seller_id = c.seller_id AND r.channel = c.channel
               WHERE 1 = 1{q.seller(seller_id, "c.seller_id")}
               ORDER BY c.seller_id, c.channel"""
    out = []
    for r in await q.rows(sql):
        last = as_datetime(r["last_success_at"])
        out.append(
            SyncHealthRow(
                seller_id=int(r["seller_id"]),
                channel=Channel(r["channel"]),
                last_success_at=last,
                lag_s=None if last is None else (now - last).total_seconds(),
                consecutive_failures=int(r["consecutive_failures"]),
                consecutive_429=int(r["consecutive_429"]),
                last_error=r["last_error"],
                runs=int(r["runs"]),
                runs_failed=int(r["failed"]),
                rate_limited=int(r["limited"]),
            )
        )
    return out
