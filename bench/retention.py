"""Growth of the logs kept as rows and the cost of pruning them (core.retention).

Creates a throwaway database next to AGENTIQ_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres), loads
one day of sync runs for N sellers at the default intervals (reviews and questions every 30 s, chats every 20 s,
returns every 60 s: 11 520 runs per seller a day), measures the table's size per row and per seller a day, then
ages them past the retention period and times the pruning rounds the scheduler runs. Dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
from tortoise import Tortoise

from core import db as core_db
from core.retention import prune
from core.settings import OpsSettings, SyncSettings, load_settings

PG_ADMIN_URL = os.environ.get("AGENTIQ_TEST_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def runs_per_seller_day(sync: SyncSettings) -> dict[str, int]:
    """How many sync runs one seller makes a day per channel at these intervals."""
    day = 86_400
    return {
        "review": day // sync.review_interval_s,
        "question": day // sync.question_interval_s,
        "chat": day // sync.chat_interval_s,
        "return": day // sync.return_interval_s,
    }


async def main(sellers: int) -> None:
    name = f"agentiq_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    per_day = runs_per_seller_day(SyncSettings())
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        await core_db.upgrade(load_settings(database_url=url))
        conn = await asyncpg.connect(url)
        try:
            await conn.executemany(
                "INSERT INTO seller (id, name, status, language, settings, token_scopes, created_at, updated_at) "
                "VALUES ($1, $2, 'active', 'ru', '{}', '[]', now(), now())",
                [(s, f"Shop {s}") for s in range(1, sellers + 1)],
            )
            now = datetime.now(UTC)
            rows = [
                # A typical idle incremental run: one page, one WB call, nothing new.
                (s, channel, "ok", False, now - timedelta(seconds=i * 86_400 / n), now, 1, 0, 0, 0, 0, 1, 0, 40)
                for s in range(1, sellers + 1)
                for channel, n in per_day.items()
                for i in range(n)
            ]
            started = time.perf_counter()
            await conn.copy_records_to_table(
                "sync_run",
                records=rows,
                columns=["seller_id", "channel", "status", "backfill", "started_at", "finished_at", "pages",
                         "fetched", "new", "updated", "skipped_malformed", "http_calls", "rate_limited",
                         "duration_ms"],
            )  # fmt: skip
            loaded = time.perf_counter() - started
            await conn.execute("VACUUM ANALYZE sync_run")
            size = await conn.fetchval("SELECT pg_total_relation_size('sync_run')")
            count = await conn.fetchval("SELECT count(*) FROM sync_run")
            per_seller_rows = sum(per_day.values())
            print(f"sync_run: {count:,} rows for {sellers} sellers x 1 day (loaded in {loaded:.1f} s)")
            print(f"  {size / count:.0f} bytes per row with indexes; per seller a day: {per_seller_rows:,} rows, "
                  f"{per_seller_rows * size / count / 2**20:.2f} MiB; 30 days x {sellers} sellers: "
                  f"{30 * count * size / count / 2**30:.2f} GiB")  # fmt: skip
            await conn.execute("UPDATE sync_run SET started_at = started_at - interval '31 days'")
        finally:
            await conn.close()
        await Tortoise.init(config=core_db.tortoise_config(url))
        try:
            ops = OpsSettings()
            rounds, total, started = 0, 0, time.perf_counter()
            longest = 0.0
            while True:
                t0 = time.perf_counter()
                pruned = await prune(
                    datetime.now(UTC), days=ops.retention_days, batch=ops.retention_batch,
                    max_batches=ops.retention_max_batches,
                )  # fmt: skip
                longest = max(longest, time.perf_counter() - t0)
                rounds += 1
                total += pruned["sync_run"]
                if pruned["sync_run"] < ops.retention_batch * ops.retention_max_batches:
                    break
            print(f"pruned {total:,} rows in {rounds} rounds of <= {ops.retention_batch * ops.retention_max_batches:,}"
                  f" ({time.perf_counter() - started:.1f} s, longest round {longest:.1f} s, "
                  f"{total / (time.perf_counter() - started):,.0f} rows/s)")  # fmt: skip
        finally:
            await Tortoise.close_connections()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=24)
    asyncio.run(main(parser.parse_args().sellers))
