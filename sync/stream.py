"""Upkeep of the task stream in Redis: trim acknowledged entries, remove the consumers of dead workers.

taskiq-redis's `RedisStreamBroker` can trim on every XADD (`maxlen`), but MAXLEN counts every entry, so a backlog
longer than the cap (workers down for a while) would be cut before any worker read it. The scheduler trims instead:
once the stream is longer than `stream_maxlen` it drops, with an approximate `XTRIM MINID ~`, only entries older
than both the oldest pending one (delivered, not acknowledged) and the first one not yet delivered to the group.
A dead worker leaves its consumer in the group; once its pending entries were claimed by live workers
(XAUTOCLAIM after `task_idle_timeout_ms`) and it stayed idle for `dead_consumer_idle_s`, it is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

import redis.asyncio as aioredis
import structlog
from redis.exceptions import ResponseError

from core.settings import SyncSettings

log = structlog.get_logger(__name__)


def _parse(entry_id: bytes | str) -> tuple[int, int]:
    text = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    ms, _, seq = text.partition("-")
    return int(ms), int(seq or 0)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


@dataclass
class StreamUpkeep:
    """What one upkeep round did."""

    length: int = 0
    trimmed: int = 0
    dead_consumers: int = 0


async def _oldest_needed(redis: aioredis.Redis, stream: str, group: str) -> tuple[int, int] | None:
    """The id below which every entry is delivered and acknowledged (None: no such group yet)."""
    groups = {_text(g["name"]): g for g in await redis.xinfo_groups(stream)}
    if group not in groups:
        return None
    last_ms, last_seq = _parse(groups[group]["last-delivered-id"])
    keep = (last_ms, last_seq + 1)
    pending = await redis.xpending(stream, group)
    if pending["pending"]:
        keep = min(keep, _parse(pending["min"]))
    return keep


async def trim(redis: aioredis.Redis, stream: str, group: str, maxlen: int) -> int:
    """Drop acknowledged entries once the stream holds more than `maxlen`; returns how many went."""
    if await redis.xlen(stream) <= maxlen:
        return 0
    keep = await _oldest_needed(redis, stream, group)
    if keep is None:
        return 0
    return int(await redis.xtrim(stream, minid=f"{keep[0]}-{keep[1]}", approximate=True))


async def drop_dead_consumers(redis: aioredis.Redis, stream: str, group: str, idle_ms: int) -> list[str]:
    """Delete the group's consumers idle for `idle_ms` with nothing pending (a live worker reads every second)."""
    dropped: list[str] = []
    for consumer in await redis.xinfo_consumers(stream, group):
        name = _text(consumer["name"])
        if consumer["pending"] == 0 and consumer["idle"] >= idle_ms:
            # DELCONSUMER returns the entries it still had pending: zero here, so nothing is lost.
            await redis.xgroup_delconsumer(stream, group, name)
            dropped.append(name)
    return dropped


async def upkeep(redis: aioredis.Redis, sync: SyncSettings) -> StreamUpkeep:
    """One round of trimming and consumer clean-up on the deployment's stream (`sync.queue_name`)."""
    stream = group = sync.queue_name
    try:
        trimmed = await trim(redis, stream, group, sync.stream_maxlen)
        dead = await drop_dead_consumers(redis, stream, group, sync.dead_consumer_idle_s * 1000)
    except ResponseError as exc:  # no stream or group yet: nothing kicked, no worker started
        log.debug("stream.upkeep_skipped", error=str(exc))
        return StreamUpkeep()
    result = StreamUpkeep(length=int(await redis.xlen(stream)), trimmed=trimmed, dead_consumers=len(dead))
    if trimmed or dead:
        log.info("stream.upkeep", stream=stream, length=result.length, trimmed=trimmed, dead_consumers=dead)
    return result
