"""Product spike evaluation over 1 000 sellers × 1 000 000 interactions in PostgreSQL (target: under 10 s).

Run: `.venv/bin/python bench/spikes.py [--sellers 1000] [--interactions 1000000] [--rounds 3] [--keep | --reuse NAME]`.
Loads the `bench/analytics.py` data set (90 days, ~50 products per seller), gives every interaction 0–2 topics
(one UPDATE; a few products get a recent jump), ANALYZEs, then times `core.spikes.evaluate` (the grouped count over
the 35-day window, raising/bumping/resolving the spikes) `rounds` times and prints each run and the spikes found.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import asyncpg
from analytics import NOW, bench_database

from core import spikes
from core.models import ProductSpike
from core.settings import SpikeSettings

TOPICS_SQL = """
UPDATE interaction SET topics = CASE
    WHEN nm_id % 50 = 7 AND occurred_at >= $1::timestamptz - interval '7 days' THEN '["packaging", "defect"]'::jsonb
    WHEN id % 10 < 3 THEN '["quality"]'::jsonb
    WHEN id % 10 < 5 THEN '["size_small", "delivery"]'::jsonb
    WHEN id % 10 < 6 THEN '["packaging"]'::jsonb
    ELSE NULL END
"""


async def add_topics(conn: asyncpg.Connection) -> None:
    """Topics for the loaded interactions, and fresh statistics."""
    await conn.execute(TOPICS_SQL, NOW)
    await conn.execute("VACUUM ANALYZE interaction")


async def main(sellers: int, total: int, rounds: int, keep: bool, reuse: str | None) -> None:
    async with bench_database(sellers, total, keep=keep, reuse=reuse, prepare=add_topics):
        cfg = SpikeSettings()
        for n in range(rounds):
            started = time.perf_counter()
            open_spikes = await spikes.evaluate(NOW, cfg)
            print(f"evaluate #{n + 1}: {time.perf_counter() - started:.2f} s, {len(open_spikes)} open spikes")
        print(f"spike rows: {await ProductSpike.all().count()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=1000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database for another run (--reuse NAME)")
    parser.add_argument("--reuse", metavar="NAME", help="evaluate on a database kept earlier")
    args = parser.parse_args()
    asyncio.run(main(args.sellers, args.interactions, args.rounds, args.keep, args.reuse))
