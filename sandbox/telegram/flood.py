"""Telegram's flood limits as token buckets: 30 messages/s per bot, 1/s per private chat (burst 3), 20/min per group.

A token bucket of capacity N refilled at N per period never refuses a client that keeps a sliding window of N per
period, so a well-behaved limiter on the bot side sees no 429 while a burst above the limit does.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field


@dataclass
class Bucket:
    """`capacity` tokens, refilled continuously at `rate` tokens per second."""

    capacity: float
    rate: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.capacity

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        self._refill(now)
        # A small tolerance absorbs clock jitter between the client's limiter and ours.
        return 0.0 if self.tokens >= 0.999 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        """Spend one token (after wait_time said 0)."""
        self.tokens -= 1


@dataclass
class FloodLimits:
    """All buckets of one sandbox; `check` returns retry_after seconds or 0 and spends tokens only when allowed."""

    enabled: bool = True
    per_bot: int = 30
    private_burst: int = 3
    group_per_minute: int = 20
    _buckets: dict[tuple[int, int | None], Bucket] = field(default_factory=dict)

    def _bucket(self, bot_id: int, chat_id: int | None, private: bool) -> Bucket:
        key = (bot_id, chat_id)
        if key not in self._buckets:
            if chat_id is None:
                self._buckets[key] = Bucket(self.per_bot, self.per_bot)
            elif private:
                self._buckets[key] = Bucket(self.private_burst, 1.0)
            else:
                self._buckets[key] = Bucket(self.group_per_minute, self.group_per_minute / 60)
        return self._buckets[key]

    def check(self, bot_id: int, chat_id: int, *, private: bool) -> int:
        """0 when a message may go now (and count it), else Telegram's retry_after (whole seconds, ≥ 1)."""
        if not self.enabled:
            return 0
        now = time.monotonic()
        buckets = (self._bucket(bot_id, None, private), self._bucket(bot_id, chat_id, private))
        wait = max(bucket.wait_time(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.take()
        return 0
