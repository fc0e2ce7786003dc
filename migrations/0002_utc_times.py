"""Stored times in UTC: rewrite SQLite timestamps that were written with another offset (WB's `+03:00`).

PostgreSQL's timestamptz keeps an instant, so there is nothing to do there. SQLite keeps ISO text as written, and
the raw ingest wrote WB's review times with Moscow's offset, which made text comparisons (every period filter) and
day cuts wrong. Since core.db's adapter, every new value is written in UTC; this fixes the rows written before.
"""

from datetime import UTC, datetime
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops


def _utc(value: str) -> str | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None  # not a timestamp we wrote: leave it alone
    if moment.tzinfo is None or moment.utcoffset().total_seconds() == 0:
        return None
    return moment.astimezone(UTC).isoformat(" ")


async def normalise(apps: Any, schema_editor: Any) -> None:
    """Every TIMESTAMP column of every table: values with a non-UTC offset rewritten in UTC."""
    conn = schema_editor.client
    if conn.capabilities.dialect != "sqlite":
        return
    tables = await conn.execute_query_dict("SELECT name FROM sqlite_master WHERE type = 'table'")
    for table in (t["name"] for t in tables if not t["name"].startswith("sqlite_")):
        columns = await conn.execute_query_dict(f'PRAGMA table_info("{table}")')
        for column in (c["name"] for c in columns if c["type"].upper() in ("TIMESTAMP", "DATETIME")):
            rows = await conn.execute_query_dict(
                f'SELECT rowid AS rid, "{column}" AS v FROM "{table}" '
                f"WHERE \"{column}\" IS NOT NULL AND \"{column}\" NOT LIKE '%+00:00'"
            )
            for row in rows:
                fixed = _utc(row["v"]) if isinstance(row["v"], str) else None
                if fixed is not None:
                    sql = f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?'
                    await conn.execute_query(sql, [fixed, row["rid"]])


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    operations = [ops.RunPython(normalise, reverse_code=lambda apps, schema_editor: None)]
