"""The drift radar at work: each WB answer goes through `sync.wb.drift.find_drift`; every difference is counted per
endpoint (in Redis when configured, so `agentiq wb check` lists what every worker saw), and its first sighting raises
one ops alert naming the endpoint and the field (deduplicated across processes by the count itself).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
import structlog

from sync.wb.drift import Drift, endpoint_of, find_drift

log = structlog.get_logger(__name__)

COUNTS_KEY = "agentiq:wbdrift"
FirstSighting = Callable[[Drift], Awaitable[None]]


def _key(d: Drift) -> str:
    return f"{d.endpoint}|{d.kind}|{d.field}"


def alert_kind(d: Drift) -> str:
    """The alert kind of one drift: `wb_drift` and a short digest, so each endpoint × field has its own alert."""
    return "wb_drift:" + hashlib.sha1(_key(d).encode()).hexdigest()[:12]


class DriftRadar:
    """Counts WB's answers' differences from the contract (`sync.wb.RateGate`'s sibling: the transport's observer)."""

    def __init__(self, redis: aioredis.Redis | None = None, on_first: FirstSighting | None = None) -> None:
        self._redis = redis
        self._on_first = on_first
        self._counts: Counter[str] = Counter()

    async def observe(self, method: str, path: str, status: int, body: Any) -> None:
        """Count what the answer of `method path` carries that WB's contract does not say."""
        endpoint = endpoint_of(method, path)
        if endpoint is None:
            return
        for drift in find_drift(endpoint, status, body):
            key = _key(drift)
            self._counts[key] += 1
            total = await self._redis.hincrby(COUNTS_KEY, key, 1) if self._redis is not None else self._counts[key]
            if total == 1:
                log.warning("wb.drift", endpoint=drift.endpoint, kind=drift.kind, field=drift.field)
                if self._on_first is not None:
                    await self._on_first(drift)

    async def sightings(self) -> list[tuple[Drift, int]]:
        """Every difference seen and how often (by every process, when counted in Redis), most frequent first."""
        raw: dict[str, int] = dict(self._counts)
        if self._redis is not None:
            stored = await self._redis.hgetall(COUNTS_KEY)
            raw = {(k.decode() if isinstance(k, bytes) else k): int(v) for k, v in stored.items()}
        out = [(Drift(*key.split("|", 2)), count) for key, count in raw.items()]
        return sorted(out, key=lambda pair: (-pair[1], pair[0].endpoint, pair[0].field))
