"""Retention of logs kept as rows: `sync_run` (one row per sync run, ~10 000 per seller a day at the default
intervals) and resolved alerts are deleted once older than `OpsSettings.retention_days` (30 by default).

Deleted in batches (`DELETE … WHERE id IN (SELECT id … LIMIT n)`, short statements that never hold a big lock)
and at most `max_batches` per round, so a first prune of a large backlog spreads over several rounds; the
scheduler kicks a round every `OpsSettings.retention_interval_s` ("sync.prune").
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise import connections

# Each table and the column that dates its rows (the condition that makes a row prunable).
PRUNABLE = {
    "sync_run": "started_at",
    "alert": "resolved_at",
}


async def _delete_batch(table: str, column: str, cutoff: datetime, batch: int) -> int:
    conn = connections.get("default")
    mark = "$1" if conn.capabilities.dialect == "postgres" else "?"
    sql = (
        f"DELETE FROM {table} WHERE id IN "
        f"(SELECT id FROM {table} WHERE {column} < {mark} ORDER BY id LIMIT {int(batch)})"
    )
    deleted, _ = await conn.execute_query(sql, [cutoff])
    return int(deleted)


async def prune(now: datetime, *, days: int, batch: int, max_batches: int) -> dict[str, int]:
    """Delete the rows older than `days` of every prunable table, `batch` rows a statement, at most `max_batches`
    statements per table; returns how many rows each table lost."""
    cutoff = now - timedelta(days=days)
    pruned: dict[str, int] = {}
    for table, column in PRUNABLE.items():
        total = 0
        for _ in range(max_batches):
            deleted = await _delete_batch(table, column, cutoff, batch)
            total += deleted
            if deleted < batch:
                break
        pruned[table] = total
    return pruned
