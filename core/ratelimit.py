"""Shared rate limits: WB's per-seller budgets (`WBRateGate`) and a generic limiter the bot uses for Telegram.

Counting uses the moving-window strategy: the `limits` library's, stored in Redis when `redis_url` is set (so every
worker process shares one budget per key), and `MemoryWindows` in this process otherwise (the library's memory
storage sweeps every key through a thread hop after each hit: most of an idle sync run's CPU in the embedded
shape). A 429 does not sleep anybody globally: it writes a "paused until" key for that one seller × bucket (Redis
key with a TTL, or a deadline in memory) and only callers of that key wait it out.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque

from limits import RateLimitItem, RateLimitItemPerSecond, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter

from core import redisconn
from core.settings import Settings, WBSettings

PREFIX = "agentiq:rl"
# How often `MemoryWindows` drops the keys whose window has emptied (per-chat keys would otherwise accumulate).
SWEEP_S = 60.0


class MemoryWindows:
    """Moving windows in this process: per item × key, the times of the requests counted within the window."""

    def __init__(self) -> None:
        self._hits: dict[tuple[int, int, str], deque[float]] = {}
        self._sweep_at = time.monotonic() + SWEEP_S

    def hit(self, item: RateLimitItem, key: str) -> float:
        """Count one request for `key` if the window allows it: 0 when counted, else seconds until it would be."""
        now = time.monotonic()
        if now >= self._sweep_at:
            self._sweep(now)
        window = item.get_expiry()
        hits = self._hits.setdefault((item.amount, window, key), deque())
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) < item.amount:
            hits.append(now)
            return 0.0
        return max(0.01, hits[0] + window - now)

    def _sweep(self, now: float) -> None:
        for ident in [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - k[1]]:
            del self._hits[ident]
        self._sweep_at = now + SWEEP_S


class RateLimiter:
    """Moving-window limits per key plus per-key pauses, shared through Redis when configured."""

    def __init__(self, redis_url: str | None, *, prefix: str = PREFIX) -> None:
        self._prefix = prefix
        self._redis = redisconn.client(redis_url) if redis_url else None
        self._limiter = (
            MovingWindowRateLimiter(
                RedisStorage(
                    f"async+{redis_url}", implementation="redispy", key_prefix=prefix, **redisconn.resilient_options()
                )
            )
            if redis_url
            else None
        )
        self._windows = MemoryWindows()
        self._pauses: dict[str, float] = {}

    def __repr__(self) -> str:
        return f"<RateLimiter {'redis' if self._redis else 'memory'}>"

    async def aclose(self) -> None:
        """Close the Redis connection used for pauses (the limits storage closes with the process)."""
        if self._redis is not None:
            await self._redis.aclose()

    def _pause_key(self, key: str) -> str:
        return f"{self._prefix}:pause:{key}"

    async def pause(self, key: str, seconds: float) -> None:
        """Refuse `key` for `seconds` (extends, never shortens, a pause already in force)."""
        if seconds <= 0:
            return
        if self._redis is None:
            self._pauses[key] = max(self._pauses.get(key, 0.0), time.monotonic() + seconds)
            return
        ms = max(1, int(seconds * 1000))
        # GT: a shorter pause from a slower worker must not cut a longer one short.
        if not await self._redis.set(self._pause_key(key), b"1", px=ms, nx=True):
            await self._redis.pexpire(self._pause_key(key), ms, gt=True)

    async def paused_for(self, key: str) -> float:
        """Seconds left of `key`'s pause (0 when it is not paused)."""
        if self._redis is None:
            return max(0.0, self._pauses.get(key, 0.0) - time.monotonic())
        ttl = await self._redis.pttl(self._pause_key(key))
        return ttl / 1000 if ttl and ttl > 0 else 0.0

    async def try_hit(self, item: RateLimitItem, key: str) -> float:
        """Count one request for `key` if allowed: 0 when it was counted, else seconds to wait before retrying."""
        paused = await self.paused_for(key)
        if paused > 0:
            return paused
        if self._limiter is None:
            return self._windows.hit(item, key)
        if await self._limiter.hit(item, key):
            return 0.0
        stats = await self._limiter.get_window_stats(item, key)
        return max(0.01, stats.reset_time - time.time())

    async def wait(self, item: RateLimitItem, key: str) -> None:
        """Wait until one request for `key` is allowed, then count it."""
        while (delay := await self.try_hit(item, key)) > 0:  # noqa: ASYNC110 - the wait is in Redis, not here
            # Jitter spreads workers that wake for the same slot.
            await asyncio.sleep(delay + random.uniform(0, 0.05))


def burst_item(rate: str, burst: int | None = None) -> RateLimitItem:
    """The moving-window item for `rate` ("3/second") allowing `burst` requests at once.

    A window of `burst` requests per `burst / rate` seconds never exceeds WB's token bucket (`rate` per second
    with `burst` capacity): in any span t it admits at most burst·⌈t·rate/burst⌉ ≤ burst + rate·t requests.
    """
    item = parse(rate)
    if not burst or burst == item.amount:
        return item
    seconds = item.get_expiry() * burst / item.amount
    return RateLimitItemPerSecond(burst, max(1, round(seconds)))


class BudgetExhausted(Exception):
    """A Base token's hourly budget is spent: the request is not sent; `retry_after` seconds until the next one."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"the token's budget is spent for {retry_after:.0f} s")
        self.retry_after = retry_after


# A Base token's buckets are the plain ones with this suffix ("feedbacks:base").
BASE_SUFFIX = ":base"


class WBRateGate:
    """WB's per-seller buckets ("feedbacks" = reviews + questions, "chat", "returns"): the `sync.wb.RateGate`
    implementation. A Base token's buckets (`…:base`, WB's hourly budgets with burst 1) never make a caller wait:
    a spent budget raises `BudgetExhausted` so the run ends and comes back when WB allows, not an hour later."""

    def __init__(self, limiter: RateLimiter, wb: WBSettings) -> None:
        self._limiter = limiter
        self._items = {
            "feedbacks": burst_item(wb.feedbacks_rate, wb.feedbacks_burst),
            "chat": burst_item(wb.chat_rate),
            "returns": burst_item(wb.returns_rate, wb.returns_burst),
            "feedbacks" + BASE_SUFFIX: burst_item(wb.base_feedbacks_rate, 1),
            "chat" + BASE_SUFFIX: burst_item(wb.base_chat_rate, 1),
            "returns" + BASE_SUFFIX: burst_item(wb.base_returns_rate, 1),
        }

    @staticmethod
    def _key(seller_key: str, bucket: str) -> str:
        return f"wb:{bucket}:{seller_key}"

    async def acquire(self, seller_key: str, bucket: str) -> None:
        """Wait until the seller's bucket allows one more request (a Base bucket raises `BudgetExhausted`)."""
        if bucket.endswith(BASE_SUFFIX):
            delay = await self._limiter.try_hit(self._items[bucket], self._key(seller_key, bucket))
            if delay > 0:
                raise BudgetExhausted(delay)
            return
        await self._limiter.wait(self._items[bucket], self._key(seller_key, bucket))

    async def penalize(self, seller_key: str, bucket: str, seconds: float) -> None:
        """Pause only this seller's bucket for WB's stated wait."""
        await self._limiter.pause(self._key(seller_key, bucket), seconds)


def build_limiter(settings: Settings) -> RateLimiter:
    """The process's limiter: Redis-backed when `AGENTIQ_REDIS_URL` is set, in memory otherwise."""
    return RateLimiter(settings.redis_url)
