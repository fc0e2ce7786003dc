"""What an operator relies on: the stream stays bounded, dead workers leave no trace (consumers, `running` runs),
every sync run and send attempt leaves one structured line, and each process kind has a liveness check."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis.asyncio as aioredis
from structlog.testing import capture_logs
from taskiq_redis import RedisStreamBroker

from core import heartbeat
from core.models import Channel, Interaction, ReplyVia, SyncRun, SyncRunStatus
from core.settings import Settings
from core.tasks import TaskName
from sync import outbox, stream
from sync.broker import get_broker, kick
from sync.engine import sync_channel
from sync.engine.run import reap_orphaned_runs
from sync.scheduler import run_forever
from tests.sync.wbenv import approve, connect, sync_context, sync_settings, wb_sandbox

ROOT = Path(__file__).resolve().parents[2]


def _stream_settings(settings: Settings, redis_url: str, **sync: object) -> Settings:
    s = settings.model_copy(update={"redis_url": redis_url})
    queue = f"test-{uuid.uuid4().hex[:8]}"
    return s.model_copy(update={"sync": s.sync.model_copy(update={"queue_name": queue, "tick_s": 0.1, **sync})})


async def _fill(broker: RedisStreamBroker, redis: aioredis.Redis, queue: str, total: int, ack: int, read: int) -> None:
    """`total` entries; one consumer reads the first `read` of them and acknowledges the first `ack`."""
    for n in range(total):
        await kick(broker, TaskName.LINK, [n])
    got = await redis.xreadgroup(queue, "reader", {queue: ">"}, count=read)
    ids = [entry_id for _, entries in got for entry_id, _ in entries]
    if ack:
        await redis.xack(queue, queue, *ids[:ack])


async def test_scheduler_trims_acknowledged_entries_and_keeps_pending_and_undelivered(
    settings: Settings, redis_url: str, redis_client: aioredis.Redis
) -> None:
    s = _stream_settings(settings, redis_url, stream_maxlen=100)
    queue = s.sync.queue_name
    broker = get_broker(s)
    await broker.startup()  # creates the group, as a worker does
    try:
        await _fill(broker, redis_client, queue, total=600, ack=450, read=500)  # 50 pending, 100 undelivered
        before = await redis_client.xrange(queue)
        pending = {e["message_id"] for e in await redis_client.xpending_range(queue, queue, "-", "+", 1000)}
        undelivered = {entry_id for entry_id, _ in before[500:]}
        ticking = asyncio.create_task(run_forever(broker, s))
        try:
            async with asyncio.timeout(10):
                while await redis_client.xlen(queue) > 400:
                    await asyncio.sleep(0.05)
        finally:
            ticking.cancel()
        kept = {entry_id for entry_id, _ in await redis_client.xrange(queue)}
        # Approximate trimming drops whole stream nodes: most acknowledged entries go, no needed one does.
        assert pending <= kept and undelivered <= kept
        assert len(pending) == 50 and len(undelivered) == 100 and len(kept) < 400
    finally:
        await broker.shutdown()


async def test_no_trim_below_maxlen_nor_below_what_is_pending(
    settings: Settings, redis_url: str, redis_client: aioredis.Redis
) -> None:
    s = _stream_settings(settings, redis_url, stream_maxlen=100)
    queue = s.sync.queue_name
    broker = get_broker(s)
    await broker.startup()
    try:
        await _fill(broker, redis_client, queue, total=80, ack=80, read=80)
        assert await stream.trim(redis_client, queue, queue, maxlen=100) == 0  # short enough: history stays
        await _fill(broker, redis_client, queue, total=300, ack=0, read=300)  # a backlog nobody acknowledged
        await stream.trim(redis_client, queue, queue, maxlen=100)
        assert await redis_client.xlen(queue) >= 300
    finally:
        await broker.shutdown()


async def test_consumers_of_dead_workers_leave_the_group_once_their_entries_moved_on(
    settings: Settings, redis_url: str, redis_client: aioredis.Redis
) -> None:
    s = _stream_settings(settings, redis_url)
    queue = s.sync.queue_name
    broker = get_broker(s)
    await broker.startup()
    try:
        for n in range(4):
            await kick(broker, TaskName.LINK, [n])
        done = await redis_client.xreadgroup(queue, "idle-worker", {queue: ">"}, count=1)
        await redis_client.xack(queue, queue, done[0][1][0][0])  # it finished its task: pending 0
        await redis_client.xreadgroup(queue, "dead-worker", {queue: ">"}, count=3)
        await asyncio.sleep(0.2)
        # The dead one still holds entries: deleting it would drop them from the group's pending list.
        assert await stream.drop_dead_consumers(redis_client, queue, queue, idle_ms=100) == ["idle-worker"]
        await redis_client.xautoclaim(queue, queue, "live-worker", min_idle_time=0)  # what a live worker does
        await asyncio.sleep(0.2)
        assert await stream.drop_dead_consumers(redis_client, queue, queue, idle_ms=100) == ["dead-worker"]
        consumers = {c["name"]: c["pending"] for c in await redis_client.xinfo_consumers(queue, queue)}
        assert consumers == {b"live-worker": 3}
    finally:
        await broker.shutdown()


async def test_reaper_closes_running_rows_nobody_holds(
    db: None, settings: Settings, redis_url: str, redis_client: aioredis.Redis
) -> None:
    async with wb_sandbox(limits=False) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings.model_copy(update={"redis_url": redis_url}), wb.url)
        seller = await connect(s, made["token"])
        old = datetime.now(UTC) - timedelta(minutes=2)
        orphan = await SyncRun.create(seller_id=seller.id, channel=Channel.REVIEW, started_at=old)
        live = await SyncRun.create(seller_id=seller.id, channel=Channel.CHAT, started_at=old)
        young = await SyncRun.create(seller_id=seller.id, channel=Channel.QUESTION, started_at=datetime.now(UTC))
        async with (
            sync_context(s, limits=False) as (ctx, _),
            ctx.locker.hold(f"sync:{seller.id}:{Channel.CHAT}") as got,
        ):
            assert got
            with capture_logs() as logs:
                assert await reap_orphaned_runs(ctx, datetime.now(UTC)) == 1
        closed = await SyncRun.get(id=orphan.id)
        assert closed.status == SyncRunStatus.FAILED and closed.finished_at is not None
        assert "abandoned" in (closed.error or "")
        assert (await SyncRun.get(id=live.id)).status == SyncRunStatus.RUNNING
        assert (await SyncRun.get(id=young.id)).status == SyncRunStatus.RUNNING
        assert [e["run_id"] for e in logs if e["event"] == "sync.run_abandoned"] == [orphan.id]


async def test_one_structured_line_per_sync_run_and_per_send_attempt(db: None, settings: Settings) -> None:
    async with wb_sandbox(limits=False) as wb:
        made = await wb.new_seller(reviews=3, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s, limits=False) as (ctx, _):
            with capture_logs() as logs:
                run = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert run is not None
            lines = [e for e in logs if e["event"] == "sync.run"]
            assert len(lines) == 1
            line = lines[0]
            assert line["seller_id"] == seller.id and line["channel"] == "review" and line["outcome"] == "ok"
            assert line["fetched"] == run.fetched >= 3 and line["new"] == run.new == 3
            assert line["wb_calls"] == run.http_calls > 0 and line["rate_limited"] == 0
            assert line["duration_ms"] == run.duration_ms and line["log_level"] == "info"

            item = await Interaction.filter(seller_id=seller.id, needs_response=True).first()
            assert item is not None
            reply = await approve(ctx, item.id, "Спасибо за отзыв!", via=ReplyVia.WEB)
            with capture_logs() as logs:
                await outbox.send_reply(ctx, reply.id)
            sends = [e for e in logs if e["event"] == "reply.send"]
            assert len(sends) == 1
            assert sends[0]["reply_id"] == reply.id and sends[0]["outcome"] == "sent"
            assert sends[0]["channel"] == "review" and sends[0]["attempt"] == 1 and not sends[0]["takeover"]


def _health(kind: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "health", kind], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


async def test_health_command_follows_the_process_heartbeat(
    redis_url: str, redis_client: aioredis.Redis, database_url: str
) -> None:
    # The check also opens the database (the stored tokens must decrypt, issue 28): the test's migrated one.
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")} | {
        "AGENTIQ_REDIS_URL": redis_url,
        "AGENTIQ_DATABASE_URL": database_url,
        "HOSTNAME": f"container-{uuid.uuid4().hex[:6]}",
    }
    silent = await asyncio.to_thread(_health, "worker", env)
    assert silent.returncode == 1 and "no worker heartbeat" in silent.stderr
    os.environ["HOSTNAME"], saved = env["HOSTNAME"], os.environ.get("HOSTNAME")
    try:
        async with heartbeat.beating(redis_url, "worker", period_s=0.5):
            await asyncio.sleep(0.1)
            alive = await asyncio.to_thread(_health, "worker", env)
            other = await asyncio.to_thread(_health, "scheduler", env)
    finally:
        if saved is None:
            os.environ.pop("HOSTNAME")
        else:
            os.environ["HOSTNAME"] = saved
    assert alive.returncode == 0, alive.stderr
    assert "worker alive" in alive.stdout
    assert other.returncode == 1  # the worker's beat says nothing about the scheduler
    await asyncio.sleep(1.6)  # three periods without a beat: the process is presumed dead
    assert (await asyncio.to_thread(_health, "worker", env)).returncode == 1
