"""Dashboard and inbox queries on 1 000 sellers × 1 000 000 interactions in PostgreSQL.

Run: `.venv/bin/python bench/analytics.py [--sellers 1000] [--interactions 1000000] [--rounds 30]`.
Creates a throwaway database next to AGENTIQ_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres),
applies our migrations, loads the rows with COPY (asyncpg), ANALYZEs, then times every query `rounds` times
(a random seller per round for per-seller queries) and prints p50/p95 in ms. The database is dropped at the end
unless `--keep` (then `--reuse NAME` times the queries again without reloading; drop it by hand afterwards).
Data: 90 days; sellers sized by a Zipf-like law (the biggest has ~60 000 items); 85 % answered; replies, drafts,
cursors and sync runs in proportion.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import asyncpg
from tortoise import Tortoise

from core import alerts, analytics, exports
from core import db as core_db
from core.analytics import ItemFilters, Period
from core.models import Channel
from core.settings import load_settings

PG_ADMIN_URL = os.environ.get("AGENTIQ_TEST_PG", "postgres://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _sizes(sellers: int, total: int) -> list[int]:
    weights = [1 / (rank + 1) ** 0.8 for rank in range(sellers)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    sizes[-1] += total - sum(sizes)
    return sizes


# The interactions, generated inside PostgreSQL (10 M rows in minutes, not the hour a Python COPY takes): one
# generate_series per seller of its Zipf size, `setseed` for the same data set every load.
INTERACTIONS_SQL = """
INSERT INTO interaction (seller_id, channel, external_id, nm_id, buyer_name, text, rating, occurred_at, status,
                         needs_response, priority, priority_rank, due_at, answer_state, wb_sync_state, source,
                         first_response_at, answered_at, created_at, updated_at)
SELECT seller_id, channel, seller_id || '-' || n, 100000 + seller_id * 100 + floor(r_nm * 50)::int,
       (ARRAY['Анна','Мария','Иван','Ольга','Екатерина','Сергей','Наталья','Дмитрий',NULL])[1 + floor(r_name * 9)::int],
       'текст отзыва', CASE WHEN channel = 'review' THEN 1 + floor(r_rating * 5)::int END, occurred,
       CASE WHEN answered THEN 'answered' ELSE 'needs_response' END, NOT answered,
       (ARRAY['urgent','high','normal','normal','low'])[1 + prio], (ARRAY[0,1,2,2,3])[1 + prio],
       occurred + (ARRAY[1,2,4,8,16])[1 + floor(r_due * 5)::int] * interval '1 hour',
       CASE WHEN answered THEN 'published' ELSE 'none' END, 'none', 'wb_api',
       CASE WHEN answered THEN first END, CASE WHEN answered THEN first END, occurred, occurred
  FROM (
    SELECT seller_id, n, occurred, r_nm, r_name, r_rating, r_due, prio, channel,
           r_answered < 0.85 AND occurred < $1::timestamptz - interval '5 minutes' AS answered,
           occurred + least(-ln(1 - r_first) * 20000, extract(epoch FROM $1::timestamptz - occurred))
                      * interval '1 second' AS first
      FROM (
        SELECT s.seller_id, g.n, $1::timestamptz - floor(random() * 90 * 86400) * interval '1 second' AS occurred,
               random() AS r_nm, random() AS r_name, random() AS r_rating, random() AS r_due,
               floor(random() * 5)::int AS prio, random() AS r_answered, random() AS r_first,
               (ARRAY['review','question','chat'])[CASE WHEN c < 12 THEN 1 WHEN c < 17 THEN 2 ELSE 3 END] AS channel
          FROM unnest($2::bigint[], $3::int[]) AS s(seller_id, size)
          CROSS JOIN LATERAL generate_series(0, s.size - 1) AS g(n)
          CROSS JOIN LATERAL (SELECT floor(random() * 20)::int + 0 * g.n AS c) AS ch
      ) AS raw
  ) AS row
"""


async def load(url: str, sellers: int, total: int) -> None:
    """Fill the database with COPY: sellers, interactions, drafts, replies, cursors, sync runs."""
    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table(
            "seller",
            columns=["id", "name", "token_scopes", "status", "language", "settings", "created_at", "updated_at"],
            records=[
                (i, f"seller {i}", '["review", "question", "chat"]', "active", "ru", "{}", NOW, NOW)
                for i in range(1, sellers + 1)
            ],
        )
        # The secondary indexes are built after the rows (one sort each instead of 10 M random inserts each).
        indexes = await conn.fetch(
            """SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'interaction'
                 AND indexname NOT IN (SELECT conname FROM pg_constraint)"""
        )
        for row in indexes:
            await conn.execute(f'DROP INDEX "{row["indexname"]}"')
        await conn.execute("SELECT setseed(0.7)")
        await conn.execute(INTERACTIONS_SQL, NOW, list(range(1, sellers + 1)), _sizes(sellers, total))
        await conn.execute("SET maintenance_work_mem = '256MB'")
        for row in indexes:
            await conn.execute(row["indexdef"])
        # One draft per answered item in five, one sent reply per answered item in four.
        await conn.execute(
            """INSERT INTO draft (interaction_id, text, origin, verdict, ok, prompt_tokens, completion_tokens,
                                  created_at, variant, void)
               SELECT id, 'd', (ARRAY['template','llm','fallback','llm'])[1 + id % 4], '{}', id % 37 <> 0,
                      300, 80, occurred_at + interval '1 minute', 0, false
                 FROM interaction WHERE id % 5 = 0"""
        )
        await conn.execute(
            """INSERT INTO reply (interaction_id, text, idempotency_key, status, quality, via, attempts, created_at,
                                  sent_at)
               SELECT id, 'r', 'k' || id, CASE WHEN id % 53 = 0 THEN 'failed' ELSE 'sent' END,
                      (ARRAY['as_is','edited','manual','auto'])[1 + id % 4], 'telegram', 1, first_response_at,
                      first_response_at
                 FROM interaction WHERE first_response_at IS NOT NULL AND id % 4 = 0"""
        )
        await conn.execute(
            """INSERT INTO sync_cursor (seller_id, channel, backfill_state, last_success_at, consecutive_failures,
                                        consecutive_429, backfill_done, updated_at)
               SELECT s.id, c.ch, '{}', $1::timestamptz - (s.id % 20) * interval '1 minute', 0, s.id % 7, true, $1
                 FROM seller s CROSS JOIN (VALUES ('review'), ('question'), ('chat')) c(ch)""",
            NOW,
        )
        await conn.execute(
            """INSERT INTO sync_run (seller_id, channel, status, backfill, started_at, rate_limited)
               SELECT 1 + g % $2, 'review', CASE WHEN g % 17 = 0 THEN 'failed' ELSE 'ok' END, false,
                      $1::timestamptz - g * interval '20 seconds', g % 3
                 FROM generate_series(1, 200000) g""",
            NOW,
            sellers,
        )
        # Index-only scans need the visibility map that autovacuum keeps in production.
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


async def measure(name: str, rounds: int, make: Callable[[], Awaitable[object]]) -> tuple[str, float, float]:
    """p50/p95 wall time in ms of `rounds` calls (after one warm-up)."""
    await make()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        await make()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return name, statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


async def export_start(filters: ItemFilters) -> None:
    """What an export waits for before its first bytes: the first page of rows with their replies."""
    pages = exports.export_pages(filters)
    try:
        await anext(pages)
    finally:
        await pages.aclose()


async def run_queries(sellers: int, rounds: int) -> list[tuple[str, float, float]]:
    rng = random.Random(11)
    month = Period.last_days(30, NOW)
    day = Period(NOW - timedelta(days=1), NOW)
    ops = load_settings().ops

    def seller() -> int:
        return rng.randint(1, sellers)

    def big() -> int:
        return rng.randint(1, 5)  # the five biggest sellers

    cases: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("volume 30d, one seller", lambda: analytics.daily_volume(seller_id=seller(), period=month)),
        ("volume 30d, biggest sellers", lambda: analytics.daily_volume(seller_id=big(), period=month)),
        ("volume 30d, all sellers", lambda: analytics.daily_volume(seller_id=None, period=month)),
        ("first response p50/p90 30d, one seller", lambda: analytics.first_response(seller_id=seller(), period=month)),
        ("first response p50/p90 30d, all sellers", lambda: analytics.first_response(seller_id=None, period=month)),
        ("SLA met 30d, one seller", lambda: analytics.sla_summary(seller_id=seller(), period=month, now=NOW)),
        ("SLA met 30d, all sellers", lambda: analytics.sla_summary(seller_id=None, period=month, now=NOW)),
        ("backlog, one seller", lambda: analytics.backlog(seller_id=seller(), now=NOW)),
        ("backlog, all sellers", lambda: analytics.backlog(seller_id=None, now=NOW)),
        ("quality 30d, one seller", lambda: analytics.reply_quality(seller_id=seller(), period=month)),
        ("quality 30d, all sellers", lambda: analytics.reply_quality(seller_id=None, period=month)),
        ("LLM tokens 30d, all sellers", lambda: analytics.llm_usage(seller_id=None, period=month)),
        ("sync health 24h, all sellers", lambda: analytics.sync_health(seller_id=None, period=day, now=NOW)),
        ("readiness, all sellers", lambda: analytics.readiness(now=NOW, ops=ops)),
        ("/stats (3 periods), one seller", lambda: analytics.stats(seller_id=seller(), now=NOW)),
        (
            "inbox page 1 (open, urgent first), one seller",
            lambda: analytics.interactions_query(ItemFilters(seller_id=seller(), status="open", now=NOW)),
        ),
        (
            "inbox page 1, biggest sellers",
            lambda: analytics.interactions_query(ItemFilters(seller_id=big(), status="open", now=NOW)),
        ),
        (
            "drill-down: channel × day bar, all sellers",
            lambda: analytics.interactions_query(
                ItemFilters(channel=Channel.REVIEW, day=(NOW - timedelta(days=3)).date(), now=NOW)
            ),
        ),
        (
            "drill-down: backlog age bucket gt3d, all sellers, page 5",
            lambda: analytics.interactions_query(ItemFilters(age_bucket="gt3d", page=5, now=NOW)),
        ),
        ("export start (first page), one seller", lambda: export_start(ItemFilters(seller_id=seller()))),
        ("export start (first page), biggest sellers", lambda: export_start(ItemFilters(seller_id=big()))),
        ("export start (first page), all sellers", lambda: export_start(ItemFilters())),
        (
            "export start, open items of 30 d, one seller",
            lambda: export_start(ItemFilters(seller_id=seller(), status="open", period=month, now=NOW)),
        ),
    ]
    return [await measure(name, rounds, make) for name, make in cases] + [
        await measure(
            "alerts.evaluate, all sellers", max(3, rounds // 5), lambda: alerts.evaluate(NOW, load_settings())
        )
    ]


@asynccontextmanager
async def bench_database(
    sellers: int,
    total: int,
    *,
    keep: bool,
    reuse: str | None,
    prepare: Callable[[asyncpg.Connection], Awaitable[None]] | None = None,
) -> AsyncIterator[str]:
    """A throwaway database with our migrations and this data set loaded (then `prepare`d), as a URL; dropped after
    unless `keep`. `reuse` names one kept earlier (nothing is loaded). Shared by the other benchmarks."""
    name = reuse or f"agentiq_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    try:
        if reuse is None:
            await admin.execute(f'CREATE DATABASE "{name}"')
            print(f"database: {name}", flush=True)
            await core_db.upgrade(load_settings(database_url=url))
            started = time.perf_counter()
            await load(url, sellers, total)
            if prepare is not None:
                conn = await asyncpg.connect(url)
                try:
                    await prepare(conn)
                finally:
                    await conn.close()
            print(f"loaded {sellers} sellers, {total} interactions in {time.perf_counter() - started:.1f} s")
        await Tortoise.init(config=core_db.tortoise_config(url))
        try:
            yield url
        finally:
            await Tortoise.close_connections()
    finally:
        if keep or reuse:
            print(f"database kept: {name}")
        else:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def main(sellers: int, total: int, rounds: int, keep: bool, reuse: str | None) -> None:
    async with bench_database(sellers, total, keep=keep, reuse=reuse):
        results = await run_queries(sellers, rounds)
    print(f"{'query':58} {'p50 ms':>8} {'p95 ms':>8}")
    for label, p50, p95 in results:
        print(f"{label:58} {p50:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=1000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database for another run (--reuse NAME)")
    parser.add_argument("--reuse", metavar="NAME", help="time the queries on a database kept earlier")
    args = parser.parse_args()
    asyncio.run(main(args.sellers, args.interactions, args.rounds, args.keep, args.reuse))
