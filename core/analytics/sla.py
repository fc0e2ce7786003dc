"""SLA met %: first response at or before due_at (due_at is already in the seller's business hours)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.analytics.common import Period, Sql, pct
from core.models import Channel


@dataclass(frozen=True)
class SlaRow:
    """Items with an SLA received in the period whose outcome is known (answered, or unanswered past due)."""

    channel: Channel | None
    decided: int
    met: int
    breached: int
    met_pct: float | None


async def sla_summary(*, seller_id: int | None, period: Period, now: datetime) -> list[SlaRow]:
    """SLA outcome per channel, plus a total row (channel None) last."""
    q = Sql()
    now_p = q.p(now)
    met = "first_response_at IS NOT NULL AND first_response_at <= due_at"
    decided = f"(first_response_at IS NOT NULL OR due_at < {now_p})"
    sql = f"""SELECT channel, COUNT(*) AS decided, SUM(CASE WHEN {met} THEN 1 ELSE 0 END) AS met
                FROM interaction
               WHERE occurred_at >= {q.p(period.start)} AND occurred_at < {q.p(period.end)}
                 AND due_at IS NOT NULL AND {decided}{q.seller(seller_id)}
               GROUP BY channel ORDER BY channel"""
    rows = [(Channel(r["channel"]), int(r["decided"]), int(r["met"] or 0)) for r in await q.rows(sql)]
    total_decided, total_met = sum(r[1] for r in rows), sum(r[2] for r in rows)
    out = [SlaRow(ch, d, m, d - m, pct(m, d)) for ch, d, m in rows]
    out.append(SlaRow(None, total_decided, total_met, total_decided - total_met, pct(total_met, total_decided)))
    return out
