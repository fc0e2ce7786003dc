"""Ingest rate: the sync engine's backfill of N sellers × M reviews from the WB sandbox (limits off) into
PostgreSQL, next to the raw fetch rate of the same sandbox in the same run (bench/wb_sandbox.py's fetch loop).

    .venv/bin/python bench/ingest.py [--sellers 1000] [--reviews 200] [--concurrency 32]

Uses a throwaway database on the local PostgreSQL (dropped afterwards). Prints interactions/s, the ratio to the
raw fetch rate and the process RSS. Linking ("sync.link", a task of its own kicked once per sync run) is measured
after the ingest the way the workers run it: one `link_new` per seller over that seller's new rows.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import time
import uuid

import asyncpg
from taskiq import InMemoryBroker
from wb_sandbox import _fetch_all, _serve, _wait_up  # bench/ is on sys.path when run as a script

from cli.serving import free_port
from core import db as core_db
from core.linking import link_new
from core.logs import setup_logging
from core.models import Channel, Interaction, Seller, SellerStatus, SyncCursor
from core.secrets import secret_box
from core.settings import WBSettings, load_settings
from core.tasks import TaskName
from sync.context import open_context
from sync.engine import sync_channel
from sync.wb import WBAuth, WBClient

PG = "postgres://postgres@127.0.0.1:5432"


async def _raw(url: str, sellers: list[dict], take: int, concurrency: int) -> float:
    client = WBClient(WBSettings(feedbacks_base_url=url, chat_base_url=url, timeout=60))
    gate = asyncio.Semaphore(concurrency)

    async def one(s: dict) -> int:
        async with gate:
            return (await _fetch_all(client, WBAuth(str(s["token"]), str(s["seller_id"])), take))[0]

    started = time.perf_counter()
    items = sum(await asyncio.gather(*(one(s) for s in sellers)))
    await client.aclose()
    return items / (time.perf_counter() - started)


async def _ignore(*_: object) -> None:
    return None


async def _ingest(url: str, db_url: str, sellers: list[dict], take: int, concurrency: int) -> tuple[int, float, float]:
    settings = load_settings(database_url=db_url, encryption_keys=None, data_dir="/tmp/agentiq-bench")
    settings.sync.page_size = take
    settings.wb.feedbacks_base_url = settings.wb.chat_base_url = settings.wb.returns_base_url = url
    await core_db.upgrade(settings)
    await core_db.open_database(settings)  # closed with the process
    # Only the ingest is measured: what a run kicks (events, linking) is a no-op here.
    broker = InMemoryBroker()
    for name in TaskName:
        broker.register_task(_ignore, task_name=name)
    ctx = await open_context(settings, broker, limits=False)
    box = secret_box(settings)
    rows = [
        Seller(name=f"s{s['seller_id']}", status=SellerStatus.ACTIVE, wb_token_enc=box.encrypt(str(s["token"])))
        for s in sellers
    ]
    await Seller.bulk_create(rows, batch_size=1000)
    ids = await Seller.all().order_by("id").values_list("id", flat=True)
    gate = asyncio.Semaphore(concurrency)

    async def one(seller_id: int) -> None:
        async with gate:
            # The backfill (its runs resume page by page) is the ingest; the next incremental pass is not.
            while not await SyncCursor.filter(seller_id=seller_id, channel=Channel.REVIEW, backfill_done=True).exists():
                run = await sync_channel(ctx, seller_id, Channel.REVIEW)
                if run is None or run.error:
                    raise RuntimeError(run.error if run else "sync skipped")

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in ids))
    elapsed = time.perf_counter() - started
    total = await Interaction.all().count()

    async def link(seller_id: int) -> None:
        async with gate:
            await link_new(await Interaction.filter(seller_id=seller_id).values_list("id", flat=True))

    started = time.perf_counter()
    await asyncio.gather(*(link(i) for i in ids))
    link_elapsed = time.perf_counter() - started
    await ctx.aclose()
    return total, total / elapsed, total / link_elapsed


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{PG}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main() -> None:
    """Serve the sandbox in a child process, measure the raw rate, then the engine's ingest rate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sellers", type=int, default=1000)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--take", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    setup_logging(level="INFO")
    port = free_port()
    server = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(port, args.sellers, args.reviews), daemon=True
    )
    server.start()
    name = f"agentiq_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        url = f"http://127.0.0.1:{port}"
        sellers = asyncio.run(_wait_up(url))
        raw = asyncio.run(_raw(url, sellers, args.take, args.concurrency))
        total, rate, link_rate = asyncio.run(_ingest(url, f"{PG}/{name}", sellers, args.take, args.concurrency))
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"sellers={len(sellers)} reviews/seller={args.reviews} take={args.take} concurrency={args.concurrency}")
        print(f"raw fetch: {raw:,.0f} items/s")
        print(f"ingest: {total} interactions, {rate:,.0f} interactions/s, {100 * rate / raw:.0f}% of raw")
        print(f"linking (sync.link, per seller): {link_rate:,.0f} interactions/s")
        both = 1 / (1 / rate + 1 / link_rate)
        print(f"ingest + linking back to back: {both:,.0f} interactions/s, {100 * both / raw:.0f}% of raw")
        print(f"peak RSS of the ingesting process: {rss_mb:.0f} MB")
    finally:
        server.terminate()
        server.join()
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
