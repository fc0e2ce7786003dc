"""Liveness of the long-running processes: a heartbeat key in Redis, read by `agentiq health bot|worker|scheduler`.

Each process writes `agentiq:heartbeat:<kind>:<instance>` (the time, expiring after three periods) from its own
event loop, so a hung loop stops the beats as surely as a dead process. The instance is `$HOSTNAME` — Docker sets
it per container, so a compose healthcheck reads its own container's beat — else the machine's host name.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import time
from collections.abc import AsyncIterator

import redis.asyncio as aioredis
import structlog
from redis.exceptions import RedisError

from core import metrics, redisconn

log = structlog.get_logger(__name__)

KINDS = ("bot", "worker", "scheduler")
PREFIX = "agentiq:heartbeat"


def instance() -> str:
    """This process's container (or machine)."""
    return os.environ.get("HOSTNAME") or socket.gethostname()


def key(kind: str, name: str | None = None) -> str:
    """The heartbeat key of `kind` on instance `name` (this one by default)."""
    return f"{PREFIX}:{kind}:{name or instance()}"


async def beat(redis: aioredis.Redis, kind: str, period_s: float) -> None:
    """Record one beat of this process."""
    await redis.set(key(kind), f"{time.time():.3f}", px=int(period_s * 3000))
    metrics.beat_recorded(kind)


async def beat_forever(redis_url: str, kind: str, period_s: float) -> None:
    """Beat every `period_s` until cancelled; Redis outages are waited out (the beat resumes with Redis)."""
    redis = redisconn.client(redis_url)
    try:
        while True:
            try:
                await beat(redis, kind, period_s)
            except (RedisError, OSError) as exc:
                log.warning("heartbeat.failed", kind=kind, error=type(exc).__name__)
            await asyncio.sleep(period_s)
    finally:
        await redis.aclose()


async def _local_beats(kind: str, period_s: float) -> None:
    """The embedded setup's beats: no Redis to write to, but the loop's liveness still shows in the metrics."""
    while True:
        metrics.beat_recorded(kind)
        await asyncio.sleep(period_s)


@contextlib.asynccontextmanager
async def beating(redis_url: str | None, kind: str, period_s: float) -> AsyncIterator[None]:
    """Beat in the background while the block runs (without Redis only this process's own heartbeat age moves)."""
    task = asyncio.create_task(
        beat_forever(redis_url, kind, period_s) if redis_url is not None else _local_beats(kind, period_s)
    )
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def age_s(redis_url: str, kind: str, name: str | None = None) -> float | None:
    """Seconds since the last beat of `kind` on this instance (None: none within three periods)."""
    redis = aioredis.from_url(redis_url)
    try:
        value = await redis.get(key(kind, name))
    finally:
        await redis.aclose()
    return None if value is None else max(0.0, time.time() - float(value))
