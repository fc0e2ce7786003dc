"""Items that just became overdue: claimed once each, so their open cards are re-rendered as overdue exactly once.

A card shows "overdue" from the moment its due time passes, but Telegram only shows what we last sent: without a
re-render a card due days ago would still say "needs a reply". The claim is a conditional UPDATE … RETURNING
(PostgreSQL and SQLite ≥ 3.35), so two schedulers or a redelivered task never refresh the same item twice.
"""

from __future__ import annotations

from datetime import datetime

from tortoise import connections

from core.models import InteractionStatus

BATCH = 500
_WAITING = (InteractionStatus.NEW.value, InteractionStatus.NEEDS_RESPONSE.value)


async def claim_overdue(now: datetime) -> list[int]:
    """Ids of announced items still waiting for a reply whose due time has passed, each returned once."""
    conn = connections.get("default")
    postgres = conn.capabilities.dialect == "postgres"
    marks = [f"${n}" if postgres else f"?{n}" for n in range(1, 5)]
    # Only items that got their cards (notified) and have no draft yet: a drafted card keeps its draft's buttons.
    sql = f"""UPDATE interaction SET overdue_noticed_at = {marks[0]}
               WHERE id IN (SELECT id FROM interaction
                             WHERE due_at <= {marks[0]} AND overdue_noticed_at IS NULL AND needs_response
                               AND notified_at IS NOT NULL AND status IN ({marks[1]}, {marks[2]})
                             ORDER BY due_at LIMIT {marks[3]})
                 AND overdue_noticed_at IS NULL
           RETURNING id"""
    rows = await conn.execute_query_dict(sql, [now, *_WAITING, BATCH])
    return sorted(int(r["id"]) for r in rows)
