"""Mutual exclusion across workers: one sync per seller × channel at a time.

With Redis: redis-py's `Lock` (SET NX PX + a token, released only by its owner), renewed in the background while
the holder runs, so a worker killed with `kill -9` frees the key within one TTL. Embedded: asyncio locks.
The lock saves WB budget; correctness never depends on it (upserts and state changes are idempotent).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import redis.asyncio as aioredis
from redis.exceptions import LockError

from core import redisconn

PREFIX = "agentiq:lock"


class Locker:
    """Non-blocking named locks with expiry: `async with locker.hold(name) as got: ...`."""

    def __init__(self, redis_url: str | None, *, ttl_s: float, prefix: str = PREFIX) -> None:
        self._redis = redisconn.client(redis_url) if redis_url else None
        self._ttl_s = ttl_s
        self._prefix = prefix
        self._local: dict[str, asyncio.Lock] = {}

    def __repr__(self) -> str:
        return f"<Locker {'redis' if self._redis else 'memory'} ttl={self._ttl_s}s>"

    async def aclose(self) -> None:
        """Close the Redis connection."""
        if self._redis is not None:
            await self._redis.aclose()

    async def is_held(self, name: str) -> bool:
        """Whether some holder (any worker) has `name` now."""
        if self._redis is None:
            lock = self._local.get(name)
            return lock is not None and lock.locked()
        return bool(await self._redis.exists(f"{self._prefix}:{name}"))

    @contextlib.asynccontextmanager
    async def hold(self, name: str) -> AsyncIterator[bool]:
        """Try to take `name` without waiting; yields whether this caller holds it."""
        if self._redis is None:
            lock = self._local.setdefault(name, asyncio.Lock())
            if lock.locked():
                yield False
                return
            async with lock:
                yield True
            return
        rlock = self._redis.lock(f"{self._prefix}:{name}", timeout=self._ttl_s, blocking=False)
        if not await rlock.acquire():
            yield False
            return
        renewer = asyncio.create_task(self._renew(rlock))
        try:
            yield True
        finally:
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
            # Expired and possibly taken by another worker: not ours to release any more.
            with contextlib.suppress(LockError):
                await rlock.release()

    async def _renew(self, rlock: aioredis.lock.Lock) -> None:
        while True:
            await asyncio.sleep(self._ttl_s / 3)
            with contextlib.suppress(LockError):
                await rlock.reacquire()
