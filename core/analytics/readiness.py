"""Pilot readiness: an explicit GO/NO-GO checklist per seller and overall.

Each criterion carries its measured value and threshold so the admin shows why a seller is NO-GO. All numbers
come from grouped queries over every seller at once (no query per seller).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.analytics.backlog import open_where
from core.analytics.common import Sql, as_datetime
from core.i18n import translator
from core.models import AlertSeverity, Channel, ReplyStatus, Seller, SellerStatus
from core.settings import OpsSettings


@dataclass(frozen=True)
class Criterion:
    """One line of the checklist: `ok` when `value` is within `threshold` (`unit`: min | count | pct)."""

    key: str
    ok: bool
    value: float | None
    threshold: float
    unit: str

    def name(self, language: str | None) -> str:
        """The criterion's localised name."""
        return translator(language)(f"analytics-criterion-{self.key.replace('_', '-')}")


@dataclass(frozen=True)
class SellerReadiness:
    seller_id: int
    seller_name: str
    criteria: list[Criterion]

    @property
    def go(self) -> bool:
        return all(c.ok for c in self.criteria)


@dataclass(frozen=True)
class Readiness:
    """GO when there are sellers, every one of them is GO and no global critical alert is open."""

    sellers: list[SellerReadiness]
    criteria: list[Criterion]

    @property
    def go(self) -> bool:
        return bool(self.sellers) and all(c.ok for c in self.criteria) and all(s.go for s in self.sellers)


def covered_channels(token_scopes: list[str] | None) -> set[Channel]:
    """Channels the seller's token may read (an unknown scope list means all of them)."""
    known = {Channel(s) for s in token_scopes or [] if s in Channel._value2member_map_}
    return known or set(Channel)


def _queries(now: datetime, seller_id: int | None) -> dict[str, tuple[Sql, str]]:
    """The grouped-by-seller measurements behind the checklist."""
    cursors = Sql()
    alerts = Sql()
    backlog = Sql()
    replies = Sql()
    blocks = Sql()
    day_ago = blocks.p(now - timedelta(days=1))
    return {
        "cursors": (
            cursors,
            f"SELECT seller_id, channel, last_success_at FROM sync_cursor WHERE 1 = 1{cursors.seller(seller_id)}",
        ),
        "alerts": (
            alerts,
            f"""SELECT seller_id, COUNT(*) AS n FROM alert WHERE open_key IS NOT NULL
                 AND severity = {alerts.p(AlertSeverity.CRITICAL.value)} GROUP BY seller_id""",
        ),
        "backlog": (
            backlog,
            f"""SELECT seller_id, COUNT(*) AS n FROM interaction WHERE {open_where(backlog, seller_id)}
                 GROUP BY seller_id""",
        ),
        "replies": (
            replies,
            f"""SELECT i.seller_id, COUNT(*) AS n,
                       SUM(CASE WHEN r.status = {replies.p(ReplyStatus.FAILED.value)} THEN 1 ELSE 0 END) AS failed
                  FROM reply r JOIN interaction i ON i.id = r.interaction_id
                 WHERE r.created_at >= {replies.p(now - timedelta(days=1))}{replies.seller(seller_id, "i.seller_id")}
                 GROUP BY i.seller_id""",
        ),
        "blocks": (
            blocks,
            f"""SELECT i.seller_id, SUM(CASE WHEN d.created_at >= {day_ago} THEN 1 ELSE 0 END) AS recent,
                       SUM(CASE WHEN d.created_at < {day_ago} THEN 1 ELSE 0 END) AS before
                  FROM draft d JOIN interaction i ON i.id = d.interaction_id
                 WHERE NOT d.ok AND d.created_at >= {blocks.p(now - timedelta(days=8))}
                       {blocks.seller(seller_id, "i.seller_id")}
                 GROUP BY i.seller_id""",
        ),
    }


async def readiness(*, now: datetime, ops: OpsSettings, seller_id: int | None = None) -> Readiness:
    """The checklist for one seller or every seller not paused."""
    sellers = Seller.exclude(status=SellerStatus.PAUSED).order_by("id")
    if seller_id is not None:
        sellers = sellers.filter(id=seller_id)
    seller_rows = await sellers.values("id", "name", "token_scopes")

    queries = _queries(now, seller_id)
    # Independent grouped queries: run them side by side on the pool (one at a time on SQLite).
    results = dict(zip(queries, await asyncio.gather(*(q.rows(sql) for q, sql in queries.values())), strict=True))
    lags: dict[int, dict[Channel, float | None]] = defaultdict(dict)
    for r in results["cursors"]:
        last = as_datetime(r["last_success_at"])
        lags[r["seller_id"]][Channel(r["channel"])] = None if last is None else (now - last).total_seconds() / 60
    alerts, backlog, replies, blocks = (
        {r["seller_id"]: r for r in results[key]} for key in ("alerts", "backlog", "replies", "blocks")
    )

    out = []
    for s in seller_rows:
        sid = s["id"]
        channel_lags = [lags[sid].get(ch) for ch in covered_channels(s["token_scopes"])]
        worst = None if any(v is None for v in channel_lags) else max(v for v in channel_lags if v is not None)
        n_alerts = int(alerts.get(sid, {}).get("n", 0))
        n_backlog = int(backlog.get(sid, {}).get("n", 0))
        rep = replies.get(sid, {})
        fail_pct = 100.0 * int(rep.get("failed") or 0) / int(rep["n"]) if rep.get("n") else 0.0
        blk = blocks.get(sid, {})
        recent = int(blk.get("recent") or 0)
        allowed = max(float(ops.guardrail_rise_floor), int(blk.get("before") or 0) / 7 * ops.guardrail_rise_factor)
        criteria = [
            Criterion(
                "sync_fresh", worst is not None and worst <= ops.stale_sync_min, worst, ops.stale_sync_min, "min"
            ),
            Criterion("no_critical_alerts", n_alerts == 0, n_alerts, 0, "count"),
            Criterion("backlog", n_backlog <= ops.backlog_cap, n_backlog, ops.backlog_cap, "count"),
            Criterion(
                "reply_failures",
                fail_pct <= ops.reply_failure_rate_pct,
                round(fail_pct, 1),
                ops.reply_failure_rate_pct,
                "pct",
            ),
            Criterion("guardrail_blocks", recent <= allowed, recent, round(allowed, 1), "count"),
        ]
        out.append(SellerReadiness(sid, s["name"], criteria))
    global_alerts = int(alerts.get(None, {}).get("n", 0))
    no_go = sum(1 for s in out if not s.go)
    overall = [
        Criterion("no_critical_alerts", global_alerts == 0, global_alerts, 0, "count"),
        Criterion("sellers_go", no_go == 0 and bool(out), no_go, 0, "count"),
    ]
    return Readiness(out, overall)
