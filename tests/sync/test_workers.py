"""Real `taskiq worker` subprocesses on PostgreSQL + Redis streams against the WB sandbox over HTTP: kill -9 mid-sync
and mid-send, then a fresh worker finishes the job — no item lost, no event doubled, no second WB answer; two
workers on one seller double nothing.

The test process plays `agentiq scheduler` (sync.scheduler.run_forever on the same stream): its ticks also keep the
stream broker's listen loop reading, which is what makes a dead worker's message redelivered after idle_timeout.
The workers load only sync.tasks, so the bot events they kick stay in the stream, where the test counts them.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import redis.asyncio as aioredis

from core.models import Channel, Interaction, Reply, ReplyStatus, ReplyVia, SyncCursor, SyncRun, SyncRunStatus
from core.sending import submit_reply
from core.settings import Settings
from core.tasks import TaskName
from sync.broker import get_broker, kick, send_queue
from sync.engine import sync_channel
from sync.scheduler import run_forever
from tests.sync.wbenv import connect, listed, sync_context, sync_settings, wb_sandbox

ROOT = Path(__file__).resolve().parents[2]


class Workers:
    """Worker subprocesses of one test, on the test's own stream."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self.settings, self.log_dir = settings, log_dir
        self.procs: list[subprocess.Popen] = []

    def env(self) -> dict[str, str]:
        s = self.settings
        return {
            **os.environ,
            "AGENTIQ_DATABASE_URL": s.database_url,
            "AGENTIQ_REDIS_URL": str(s.redis_url),
            "AGENTIQ_ENCRYPTION_KEYS": s.encryption_keys.get_secret_value() if s.encryption_keys else "",
            "AGENTIQ_DATA_DIR": str(s.data_dir),
            "AGENTIQ_SYNC__QUEUE_NAME": s.sync.queue_name,
            "AGENTIQ_SYNC__TASK_IDLE_TIMEOUT_MS": str(s.sync.task_idle_timeout_ms),
            "AGENTIQ_SYNC__LOCK_TTL_S": str(s.sync.lock_ttl_s),
            "AGENTIQ_SYNC__TASK_TIMEOUT_S": str(s.sync.task_timeout_s),
            "AGENTIQ_SYNC__RUN_BUDGET_S": str(s.sync.run_budget_s),
            "AGENTIQ_SYNC__PAGE_SIZE": str(s.sync.page_size),
            "AGENTIQ_WB__FEEDBACKS_BASE_URL": s.wb.feedbacks_base_url,
            "AGENTIQ_WB__CHAT_BASE_URL": s.wb.chat_base_url,
            "AGENTIQ_WB__TIMEOUT": str(s.wb.timeout),
        }

    def start(self) -> subprocess.Popen:
        """One `taskiq worker` (a supervisor and one worker process, in their own process group)."""
        log = open(self.log_dir / f"worker{len(self.procs)}.log", "wb")  # noqa: SIM115 — closed with the process
        cmd = [sys.executable, "-m", "taskiq", "worker", "cli.worker_target:sync_broker", "--workers", "1"]
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs.append(proc)
        return proc

    @staticmethod
    def kill9(proc: subprocess.Popen) -> None:
        """SIGKILL the whole worker: supervisor and worker process alike."""
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)


@asynccontextmanager
async def cluster(settings: Settings, tmp_path: Path) -> AsyncIterator[Workers]:
    """The test's broker side: the scheduler loop kicking ticks, and the workers the test starts."""
    broker = get_broker(settings)
    await broker.startup()
    workers = Workers(settings, tmp_path)
    ticking = asyncio.create_task(run_forever(broker, settings))
    try:
        yield workers
    finally:
        ticking.cancel()
        workers.stop_all()
        await broker.shutdown()


def worker_settings(settings: Settings, redis_url: str, wb_url: str, **sync: object) -> Settings:
    quick = {"task_idle_timeout_ms": 3000, "task_timeout_s": 2.5, "run_budget_s": 1, "lock_ttl_s": 5, "tick_s": 0.5}
    s = sync_settings(settings, wb_url, queue_name=f"test-{uuid.uuid4().hex[:8]}", **(quick | sync))
    return s.model_copy(update={"redis_url": redis_url})


async def kicked(redis: aioredis.Redis, queue: str, task: str) -> Counter:
    """How many times `task` was enqueued, by its first argument (the stream keeps acked entries)."""
    out: Counter = Counter()
    for _, fields in await redis.xrange(queue):
        msg = json.loads(fields[b"data"])
        if msg["task_name"] == task:
            out[msg["args"][0]] += 1
    return out


async def until(check: Callable[[], Awaitable[bool]], within: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


async def backfilled(seller_id: int) -> bool:
    return await SyncCursor.filter(seller_id=seller_id, channel=Channel.REVIEW, backfill_done=True).exists()


async def assert_exactly_once(
    wb, num: int, seller_id: int, redis: aioredis.Redis, queue: str, *, repeats_at_most: int = 0
) -> None:
    """Every WB item stored once and announced; `repeats_at_most`: how many announcements may go out twice (a
    kill -9 between a page's kicks and the COMMIT of its claim, see `sync.engine.stats.flush_notifications`; the
    bot's notify task is idempotent per card, so the seller still gets one card)."""
    rows = await Interaction.filter(seller_id=seller_id, channel=Channel.REVIEW)
    assert sorted(r.external_id for r in rows) == sorted(listed(wb, num))  # nothing lost, nothing twice
    needing = {r.id for r in rows if r.needs_response}
    assert needing and all(r.notified_at is not None for r in rows if r.needs_response)
    events = await kicked(redis, queue, "bot.notify_interaction")
    assert set(events) == needing and set(events.values()) <= {1, 2}
    assert sum(n - 1 for n in events.values()) <= repeats_at_most


async def test_kill_9_mid_sync_then_new_worker_loses_and_doubles_nothing(
    db, settings, redis_url, redis_client, tmp_path
) -> None:
    async with wb_sandbox(limits=False, latency_ms=150) as wb:
        made = await wb.new_seller(reviews=60, questions=0, chats=0)
        s = worker_settings(settings, redis_url, wb.url, page_size=5)
        seller = await connect(s, made["token"])
        async with cluster(s, tmp_path) as workers:
            first = workers.start()

            async def mid_run() -> bool:
                return (
                    await Interaction.filter(seller_id=seller.id).exists()
                    and await SyncRun.filter(seller_id=seller.id, channel=Channel.REVIEW, finished_at=None).exists()
                )

            await until(mid_run, 20, "a review run in progress with rows stored")
            workers.kill9(first)
            killed_at = datetime.now(UTC)
            assert not await backfilled(seller.id)
            workers.start()
            await until(lambda: backfilled(seller.id), 25, "the new worker to finish the backfill")
            # The killed run never finished (the kill really came mid-run); the reaper may have closed its row.
            killed = await SyncRun.filter(seller_id=seller.id, channel=Channel.REVIEW, started_at__lt=killed_at)
            unfinished = [r for r in killed if r.finished_at is None or "abandoned" in (r.error or "")]
            assert len(unfinished) == 1
        # At most the one page in flight at the kill, and only if the kill fell between its kicks and its COMMIT.
        await assert_exactly_once(
            wb, made["seller_id"], seller.id, redis_client, s.sync.queue_name, repeats_at_most=s.sync.page_size
        )


async def test_two_workers_on_one_seller_double_nothing(db, settings, redis_url, redis_client, tmp_path) -> None:
    async with wb_sandbox(limits=False, latency_ms=20) as wb:
        made = await wb.new_seller(reviews=60, questions=0, chats=0)
        s = worker_settings(settings, redis_url, wb.url, page_size=5)
        seller = await connect(s, made["token"])
        async with cluster(s, tmp_path) as workers:
            workers.start()
            workers.start()
            broker = get_broker(s)
            await broker.startup()
            # Both workers get a run of the same seller × channel at once, on top of the ticks' own.
            for _ in range(6):
                await kick(broker, TaskName.SYNC_CHANNEL, seller.id, Channel.REVIEW.value)
            await broker.shutdown()
            await until(lambda: backfilled(seller.id), 30, "the backfill")
        await assert_exactly_once(wb, made["seller_id"], seller.id, redis_client, s.sync.queue_name)


async def test_kill_9_mid_send_never_answers_twice(db, settings, redis_url, redis_client, tmp_path) -> None:
    async with wb_sandbox(limits=False) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num = made["seller_id"]
        await wb.control("POST", f"/sellers/{num}/reviews", text="Порвалось после стирки", rating=2)
        # A takeover reads WB, then may answer: 2 calls of 1.5 s must fit in one task.
        s = worker_settings(settings, redis_url, wb.url, task_idle_timeout_ms=10_000, task_timeout_s=8).model_copy(
            update={
                "wb": settings.wb.model_copy(
                    update={"feedbacks_base_url": wb.url, "chat_base_url": wb.url, "timeout": 2}
                )
            }
        )
        seller = await connect(s, made["token"])
        async with sync_context(s.model_copy(update={"redis_url": None}), limits=False) as (ctx, _):
            await sync_channel(ctx, seller.id, Channel.REVIEW)
        item = await Interaction.get(seller_id=seller.id, channel=Channel.REVIEW)
        # Every WB call now takes 1.5 s: the worker dies while its answer POST is in flight.
        await wb.control("PATCH", "/config", latency_ms=1500)
        async with cluster(s, tmp_path) as workers:
            first = workers.start()
            broker = get_broker(s)
            await broker.startup()
            reply = await submit_reply(
                interaction_id=item.id, text="Жаль, что так вышло. Заменим товар.", draft_id=None, via=ReplyVia.WEB,
                settings=s, enqueue=send_queue(broker),
            )  # fmt: skip
            await broker.shutdown()

            async def sending() -> bool:
                return (await Reply.get(id=reply.id)).status == ReplyStatus.SENDING

            await until(sending, 20, "the send to start")
            await asyncio.sleep(0.5)  # the POST is on the wire (the sandbox applies it after its latency)
            workers.kill9(first)
            workers.start()

            async def sent() -> bool:
                return (await Reply.get(id=reply.id)).status == ReplyStatus.SENT

            await until(sent, 30, "the new worker to settle the reply")
        calls = await wb.answer_calls(num)
        assert calls == {item.external_id: 1}


async def test_kill_9_mid_sync_with_default_timeouts_the_pair_syncs_again_within_60_s(
    db, settings, redis_url, redis_client, tmp_path
) -> None:
    """The deployed defaults (lock TTL, redelivery timeout, task bounds), not test-sized ones: a worker killed
    mid-run leaves its seller × channel blind for well under a minute, and its `running` row is closed."""
    async with wb_sandbox(limits=False, latency_ms=300) as wb:
        made = await wb.new_seller(reviews=60, questions=0, chats=0)
        defaults = Settings().sync
        s = sync_settings(
            settings.model_copy(update={"redis_url": redis_url}),
            wb.url,
            queue_name=f"test-{uuid.uuid4().hex[:8]}",
            tick_s=1,
            review_interval_s=1,
            page_size=5,
            lock_ttl_s=defaults.lock_ttl_s,
            task_idle_timeout_ms=defaults.task_idle_timeout_ms,
            task_timeout_s=defaults.task_timeout_s,
            run_budget_s=defaults.run_budget_s,
        )
        seller = await connect(s, made["token"])
        async with cluster(s, tmp_path) as workers:
            first = workers.start()
            review_runs = SyncRun.filter(seller_id=seller.id, channel=Channel.REVIEW)

            async def mid_run() -> bool:
                return await review_runs.filter(finished_at=None, pages__gte=0).exists() and await Interaction.exists()

            await until(mid_run, 20, "a review run in progress")
            workers.kill9(first)
            killed_at = datetime.now(UTC)
            workers.start()

            async def synced_again() -> bool:
                return await review_runs.filter(started_at__gt=killed_at, status=SyncRunStatus.OK).exists()

            await until(synced_again, 60, "the seller's reviews to sync again after the kill")
            again = await review_runs.filter(started_at__gt=killed_at, status=SyncRunStatus.OK).order_by("id").first()
            assert again is not None and (again.started_at - killed_at).total_seconds() < 60

            async def reaped() -> bool:
                return not await review_runs.filter(status=SyncRunStatus.RUNNING, started_at__lt=killed_at).exists()

            await until(reaped, 15, "the dead worker's running row to be closed")
            dead = await review_runs.filter(started_at__lt=killed_at, status=SyncRunStatus.FAILED).first()
            assert dead is not None and "abandoned" in (dead.error or "")
