"""Freshness: how long from a buyer's new review/question on WB to our "new interaction" event, at WB's real
per-seller limits and the default poll intervals; and what an idle seller costs per run.

    .venv/bin/python bench/freshness.py [--sellers 200] [--seconds 120] [--injections 100] [--sandbox-process]

One process: the WB sandbox (limits on; with `--sandbox-process` it runs in a child process of its own), the
scheduler loop (`sync.scheduler.run_forever`) and the sync tasks on an
in-process broker; a throwaway PostgreSQL database. After every seller's backfill, items are injected at random
times into random sellers of the first half; the second half stays idle. Prints p50/p95/max injection → event
and HTTP requests per idle seller's run, and the process RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import math
import os
import random
import resource
import statistics
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
from ingest import PG, _admin  # bench/ is on sys.path when run as a script
from taskiq import InMemoryBroker
from wb_sandbox import _wait_up, sandbox_process

from cli.serving import serve_app
from core import db as core_db
from core.logs import setup_logging
from core.models import Interaction, Seller, SellerStatus, SyncCursor, SyncRun
from core.secrets import secret_box
from core.settings import load_settings
from core.tasks import TaskName
from sandbox.wb.server import create_app
from sync.context import open_context
from sync.scheduler import run_forever
from sync.tasks import register

SELLER = {"reviews": 5, "questions": 2, "chats": 1}


@contextlib.asynccontextmanager
async def _sandbox(n: int, separate: bool) -> AsyncIterator[tuple[str, list[dict[str, Any]]]]:
    """The WB sandbox (limits on) with `n` sellers: its URL and the sellers with their tokens."""
    if separate:
        with sandbox_process(seed=3, sellers=n, **SELLER) as url:
            yield url, await _wait_up(url)
        return
    async with serve_app(create_app(seed=3, sellers=0)) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
        yield url, [(await http.post("/_sandbox/sellers", json=SELLER)).json() for _ in range(n)]


def _cpu_s() -> float:
    """This process's CPU time so far (user + sys), seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


async def _bench(
    db_url: str, n: int, seconds: float, injections: int, separate: bool, profile: str | None = None
) -> None:
    async with (
        _sandbox(n, separate) as (url, made),
        # A fresh connection per injection: uvicorn closes a kept-alive one after 5 idle s, and a POST sent on it
        # just then fails (ReadError) — the bench's own plumbing, not what it measures.
        httpx.AsyncClient(
            base_url=f"{url}/_sandbox", timeout=30, limits=httpx.Limits(max_keepalive_connections=0)
        ) as control,
    ):
        settings = load_settings(database_url=db_url, encryption_keys=None, data_dir="/tmp/agentiq-bench")
        settings.wb.feedbacks_base_url = settings.wb.chat_base_url = settings.wb.returns_base_url = url
        await core_db.upgrade(settings)
        await core_db.open_database(settings)  # closed with the process
        box = secret_box(settings)
        await Seller.bulk_create(
            [Seller(name=f"s{m['seller_id']}", status=SellerStatus.ACTIVE, wb_token_enc=box.encrypt(m["token"]))
             for m in made]
        )  # fmt: skip
        ids = await Seller.all().order_by("id").values_list("id", flat=True)
        ours = dict(zip((m["seller_id"] for m in made), ids, strict=True))
        events: dict[int, float] = {}
        broker = InMemoryBroker(max_async_tasks=500)
        register(broker)

        async def notified(interaction_id: int) -> None:
            events.setdefault(interaction_id, time.monotonic())

        async def ignore(*_: object) -> None:
            return None

        # The bot's tasks are not measured here: every one but the new-item event is a no-op.
        for name in TaskName:
            if broker.find_task(name) is None:
                broker.register_task(ignore, task_name=name)
        broker.register_task(notified, task_name=TaskName.NOTIFY_INTERACTION)
        broker.state.sync = await open_context(settings, broker, limits=True)
        await broker.startup()
        ticking = asyncio.create_task(run_forever(broker, settings))
        started = time.monotonic()
        # Polling the database: the backfill's end is no event anyone signals.
        while await SyncCursor.filter(backfill_done=False).exists() or await SyncCursor.all().count() < 3 * n:  # noqa: ASYNC110
            await asyncio.sleep(1)
        print(f"backfill of {n} sellers (reviews, questions, chats): {time.monotonic() - started:.0f} s")

        print(_load())
        profiler = cProfile.Profile(time.process_time) if profile else None
        if profiler is not None:
            profiler.enable()
        t0 = time.monotonic()
        cpu0 = _cpu_s()
        measured_from = datetime.now(UTC)
        active = [m["seller_id"] for m in made[: n // 2]]
        idle = {ours[m["seller_id"]] for m in made[n // 2 :]}
        injected: dict[tuple[int, str], float] = {}
        rng = random.Random(5)
        for at in sorted(rng.uniform(0, seconds) for _ in range(injections)):
            await asyncio.sleep(max(0.0, t0 + at - time.monotonic()))
            num = rng.choice(active)
            kind = rng.choice(("reviews", "questions"))
            body = {"text": "Когда будет размер XL?"} if kind == "questions" else {"text": "Брак", "rating": 1}
            item = (await control.post(f"/sellers/{num}/{kind}", json=body)).json()
            injected[(ours[num], item["id"])] = time.monotonic()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            rows = await Interaction.filter(id__in=list(events)).values_list("seller_id", "external_id", "id")
            seen = {(s, e): i for s, e, i in rows}
            if all(k in seen for k in injected):
                break
            await asyncio.sleep(1)
        cpu = _cpu_s() - cpu0
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
        lat = sorted(events[seen[k]] - t for k, t in injected.items() if k in seen)
        all_runs = await SyncRun.filter(started_at__gte=measured_from).values_list("new", "updated")
        by_channel = await SyncRun.filter(seller_id__in=idle, started_at__gte=measured_from).values_list(
            "channel", "http_calls"
        )
        runs = [calls for _, calls in by_channel]
        minutes = (time.monotonic() - t0) / 60
        ticking.cancel()
        await broker.shutdown()
        await broker.state.sync.aclose()
    p95 = lat[max(0, math.ceil(0.95 * len(lat)) - 1)]  # nearest rank
    print(f"injected {len(injected)}, events {len(lat)} (missing {len(injected) - len(lat)})")
    print(f"injection → event: p50 {statistics.median(lat):.1f} s, p95 {p95:.1f} s, max {lat[-1]:.1f} s")
    per_run = sum(runs) / max(1, len(runs))
    per_min = sum(runs) / max(1, len(idle)) / minutes
    print(f"idle sellers: {len(runs)} runs, {per_run:.2f} requests per run, {per_min:.2f} per seller per minute")
    for channel in sorted({c for c, _ in by_channel}):
        calls = [n for c, n in by_channel if c == channel]
        spread = dict(sorted(Counter(calls).items()))  # requests per run → runs: where an average above 1 comes from
        print(f"  {channel}: {len(calls)} runs, {sum(calls) / len(calls):.2f} requests per run {spread}")
    idle_runs = sum(1 for new, updated in all_runs if not new and not updated)
    where = "the bench process (scheduler, tasks, DB client)" + ("" if separate else " and the sandbox")
    print(
        f"CPU of {where}: {cpu:.1f} s over {len(all_runs)} runs ({idle_runs} found nothing):"
        f" {1000 * cpu / max(1, len(all_runs)):.2f} ms per run; {_load()}"
    )
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if separate:  # the child has been joined by now, so RUSAGE_CHILDREN includes it
        print(
            f"peak RSS of the sandbox process: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
        )


def main() -> None:
    """Create a throwaway database, run the benchmark, drop the database."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sellers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--injections", type=int, default=100)
    parser.add_argument("--sandbox-process", action="store_true", help="run the WB sandbox in a child process")
    parser.add_argument("--profile", help="write a cProfile of the measured window to this file")
    args = parser.parse_args()
    setup_logging(level="WARNING")
    name = f"agentiq_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        asyncio.run(
            _bench(f"{PG}/{name}", args.sellers, args.seconds, args.injections, args.sandbox_process, args.profile)
        )
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
