"""Backlog: open items needing a response, by channel, priority and age bucket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.analytics.common import AGE_BUCKETS, Sql
from core.items.stage import OPEN_STATUSES
from core.models import Channel, Priority


@dataclass(frozen=True)
class BacklogRow:
    """Count of open items in one (channel, priority, age bucket) cell; `overdue` = past due_at."""

    channel: Channel
    priority: Priority
    age_bucket: str
    count: int
    overdue: int


def open_where(q: Sql, seller_id: int | None) -> str:
    """The WHERE clause of "in the backlog" (shared with readiness and alerts)."""
    return f"needs_response AND status IN {q.in_(OPEN_STATUSES)}{q.seller(seller_id)}"


async def backlog(*, seller_id: int | None, now: datetime) -> list[BacklogRow]:
    """Open items grouped by channel, priority and age (see `AGE_BUCKETS`), urgent first."""
    q = Sql()
    cases = []
    for key, low, _high in reversed(AGE_BUCKETS):
        cases.append(f"WHEN occurred_at <= {q.p(now - low)} THEN '{key}'")
    bucket = f"CASE {' '.join(cases)} ELSE '{AGE_BUCKETS[0][0]}' END"
    now_p = q.p(now)
    sql = f"""SELECT channel, priority, MIN(priority_rank) AS rank, {bucket} AS bucket, COUNT(*) AS n,
                     SUM(CASE WHEN due_at < {now_p} THEN 1 ELSE 0 END) AS overdue
                FROM interaction WHERE {open_where(q, seller_id)}
               GROUP BY channel, priority, bucket ORDER BY rank, channel, bucket"""
    return [
        BacklogRow(Channel(r["channel"]), Priority(r["priority"]), r["bucket"], int(r["n"]), int(r["overdue"] or 0))
        for r in await q.rows(sql)
    ]
