"""Task stream length over a long run: does the Redis stream stay bounded with the scheduler's upkeep?

    .venv/bin/python bench/stream.py [--sellers 100] [--hours 6] [--in-flight 30] [--redis redis://127.0.0.1:6379/2]

Simulated time, real Redis and our real code paths: every tick (`AGENTIQ_SYNC__TICK_S`, 5 s) kicks what the
scheduler and the sync runs of `--sellers` sellers kick on average (one `sync.tick`, one `sync.check_pending`, one
`sync.sync_channel` per seller × channel due — reviews and questions every 30 s, chats every 20 s — and a bot event
for one run in ten) through `sync.broker.kick` on a `RedisStreamBroker`; a consumer reads them with XREADGROUP and
acknowledges all but the newest `--in-flight` (tasks still running); then `sync.stream.upkeep` runs, as the
scheduler does after each tick. Prints the entries kicked, the stream's largest and final length, and what the
stream would hold untrimmed. The stream is a throwaway key, deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

import redis.asyncio as aioredis

from core.settings import load_settings
from core.tasks import TaskName
from sync import stream
from sync.broker import get_broker, kick

TICK_S = 5.0


def per_tick(sellers: int) -> list[TaskName]:
    """The task names one 5 s tick puts in the stream for `sellers` sellers (steady state, on average)."""
    runs = round(sellers * (TICK_S / 30 + TICK_S / 30 + TICK_S / 20))
    fixed = [TaskName.SYNC_TICK, TaskName.CHECK_PENDING]
    return fixed + [TaskName.SYNC_CHANNEL] * runs + [TaskName.REFRESH_CARDS] * (runs // 10)


async def main(sellers: int, hours: float, in_flight: int, redis_url: str) -> None:
    """Run the simulation and print the figures."""
    queue = f"bench-stream-{uuid.uuid4().hex[:8]}"
    settings = load_settings(redis_url=redis_url)
    settings = settings.model_copy(update={"sync": settings.sync.model_copy(update={"queue_name": queue})})
    broker = get_broker(settings)
    await broker.startup()
    redis = aioredis.from_url(redis_url)
    ticks = int(hours * 3600 / TICK_S)
    names = per_tick(sellers)
    kicked, longest, started = 0, 0, time.monotonic()
    running: list[bytes] = []
    try:
        for _ in range(ticks):
            for name in names:
                await kick(broker, name, 1)
            kicked += len(names)
            read = await redis.xreadgroup(queue, "bench-worker", {queue: ">"}, count=len(names))
            ids = running + [entry_id for _, entries in read for entry_id, _ in entries]
            # The newest `in_flight` are still running at the end of the tick; they finish during the next one.
            done, running = (ids[:-in_flight], ids[-in_flight:]) if in_flight else (ids, [])
            if done:
                await redis.xack(queue, queue, *done)
            longest = max(longest, await redis.xlen(queue))
            await stream.upkeep(redis, settings.sync)
        final = await redis.xlen(queue)
        pending = (await redis.xpending(queue, queue))["pending"]
    finally:
        await redis.delete(queue)
        await redis.aclose()
        await broker.shutdown()
    print(f"sellers={sellers} simulated={hours:g} h ({ticks} ticks of {TICK_S:g} s), {len(names)} kicks per tick")
    print(f"kicked {kicked} entries; untrimmed the stream would hold {kicked}")
    maxlen = settings.sync.stream_maxlen
    print(f"stream length: max {longest}, final {final} (AGENTIQ_SYNC__STREAM_MAXLEN {maxlen}, pending {pending})")
    print(f"wall time {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=100)
    parser.add_argument("--hours", type=float, default=6.0)
    parser.add_argument("--in-flight", type=int, default=30)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/2")
    args = parser.parse_args()
    asyncio.run(main(args.sellers, args.hours, args.in_flight, args.redis))
