"""Bulk INSERT … ON CONFLICT DO NOTHING … RETURNING from plain tuples, without building ORM instances.

Building one tortoise model per row and converting it field by field cost more than the database work on the
ingest path (bench/README.md). The caller gives column names, their PostgreSQL types and tuples of values already
in database form (enum values, JSON as text). PostgreSQL gets one statement with one array per column through
`unnest`, whose text never changes (asyncpg prepares it once per connection); SQLite (≥ 3.35 for RETURNING) gets
multi-row VALUES in chunks under its parameter limit. Rows that hit the conflict target are not returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

# SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32 766 since 3.32.
SQLITE_MAX_PARAMS = 32_000


async def insert_ignore(
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[tuple[Any, ...]],
    *,
    conflict: Sequence[str],
    returning: Sequence[str],
    replayable: bool = False,
) -> list[dict[str, Any]]:
    """Insert `rows` (one value per column of `columns`, given as (name, postgres type)); skip conflicting rows.

    Returns the `returning` columns of the rows this call inserted. `replayable` (called outside a transaction):
    rows the caller would insert again if a crash lost them, because what records them as done (a sync cursor,
    a notification claim) commits after them. PostgreSQL then commits them without waiting for the WAL flush
    (`synchronous_commit = off` for this transaction only): the next durable commit flushes them anyway, since the
    WAL is written in order, and the flush per page was a third of the ingest's database time (bench/README.md).
    """
    if not rows:
        return []
    conn = connections.get("default")
    names = ", ".join(name for name, _ in columns)
    tail = f"ON CONFLICT ({', '.join(conflict)}) DO NOTHING RETURNING {', '.join(returning)}"
    if conn.capabilities.dialect == "postgres":
        arrays = ", ".join(f"${n}::{kind}[]" for n, (_, kind) in enumerate(columns, start=1))
        sql = f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) {tail}"
        params = [list(column) for column in zip(*rows, strict=True)]
        if not replayable:
            return await conn.execute_query_dict(sql, params)
        async with in_transaction() as tx:
            await tx.execute_script("SET LOCAL synchronous_commit = off")
            return await tx.execute_query_dict(sql, params)
    inserted: list[dict[str, Any]] = []
    chunk = max(1, SQLITE_MAX_PARAMS // len(columns))
    one = f"({', '.join('?' * len(columns))})"
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(part))} {tail}"
        inserted += await conn.execute_query_dict(sql, [value for row in part for value in row])
    return inserted


async def existing(table: str, column: str, values: Sequence[Any], **equal: Any) -> set[Any]:
    """Which of `values` are present in `table.column` among rows whose columns equal `equal` (one query)."""
    if not values:
        return set()
    conn = connections.get("default")
    postgres = conn.capabilities.dialect == "postgres"
    names = list(equal)
    marks = [f"${n}" if postgres else "?" for n in range(1, len(names) + 2)]
    where = " AND ".join(f"{name} = {mark}" for name, mark in zip(names, marks, strict=False))
    params = list(equal.values())
    if postgres:
        # One array parameter keeps the statement text fixed, so asyncpg prepares it once per connection.
        where += f" AND {column} = ANY({marks[-1]})"
        params.append(list(values))
    else:
        where += f" AND {column} IN ({', '.join('?' * len(values))})"
        params += list(values)
    rows = await conn.execute_query_dict(f"SELECT {column} FROM {table} WHERE {where}", params)
    return {row[column] for row in rows}
