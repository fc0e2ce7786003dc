"""CSV export of 1 000 000 interactions (all sellers) from PostgreSQL with flat memory.

Run: `.venv/bin/python bench/export.py [--sellers 1000] [--interactions 1000000] [--reuse NAME] [--keep]`.
Loads the same data set as `bench/analytics.py` (COPY into a throwaway database next to AGENTIQ_TEST_PG), then
walks `core.exports.csv_chunks` over every row — the generator behind the admin's streamed download — and counts
the bytes, printing rows/s and the process's RSS every 100 000 rows: flat RSS means no page is kept.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time

from analytics import bench_database

from core import exports
from core.analytics import ItemFilters


def rss_mb() -> float:
    """The current resident set size in MB (Linux /proc), not the peak."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


async def run_export() -> None:
    before = rss_mb()
    print(f"RSS before export: {before:.1f} MB")
    started = time.perf_counter()
    rows = size = 0
    next_mark = 100_000
    async for chunk in exports.csv_chunks(ItemFilters()):
        size += len(chunk.encode("utf-8"))
        rows += chunk.count("\r\n")
        if rows >= next_mark:
            print(f"{rows - 1:>9} rows  {time.perf_counter() - started:6.1f} s  RSS {rss_mb():6.1f} MB")
            next_mark += 100_000
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux
    rows -= 1  # the header line
    print(f"exported {rows} rows, {size / 1e6:.0f} MB of CSV in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s);")
    print(f"RSS {before:.1f} → {rss_mb():.1f} MB, peak {peak:.1f} MB")


async def main(sellers: int, total: int, keep: bool, reuse: str | None) -> None:
    async with bench_database(sellers, total, keep=keep, reuse=reuse):
        await run_export()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=1000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database for another run (--reuse NAME)")
    parser.add_argument("--reuse", metavar="NAME", help="export from a database kept earlier")
    args = parser.parse_args()
    asyncio.run(main(args.sellers, args.interactions, args.keep, args.reuse))
