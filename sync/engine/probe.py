"""WB's cheap "anything new?" probe, shared by a seller's review and question syncs.

Both syncs are due together (same interval), so a short-lived cache plus a single-flight lock makes one request per
seller per tick serve both channels: the first caller fetches and stores, a concurrent second caller waits for that
result instead of asking WB again.
"""

from __future__ import annotations

import asyncio
import json
import time

from sync.context import SyncContext
from sync.wb import WBAuth
from sync.wb.models import NewItems

_memory: dict[str, tuple[float, NewItems]] = {}


def _ttl(ctx: SyncContext) -> float:
    sync = ctx.settings.sync
    return max(1.0, min(sync.review_interval_s, sync.question_interval_s) / 2)


async def _cached(ctx: SyncContext, key: str) -> NewItems | None:
    if ctx.redis is None:
        expires, value = _memory.get(key, (0.0, None))
        return value if expires > time.monotonic() else None
    raw = await ctx.redis.get(key)
    return NewItems.model_validate(json.loads(raw)) if raw else None


async def _store(ctx: SyncContext, key: str, value: NewItems) -> None:
    if ctx.redis is None:
        _memory[key] = (time.monotonic() + _ttl(ctx), value)
        return
    await ctx.redis.set(key, value.model_dump_json(), px=int(_ttl(ctx) * 1000))


async def new_items(ctx: SyncContext, auth: WBAuth) -> NewItems:
    """The probe's answer for this seller, asked at most once per half interval."""
    key = f"agentiq:probe:{auth.seller_key}"
    if (value := await _cached(ctx, key)) is not None:
        return value
    async with ctx.locker.hold(f"probe:{auth.seller_key}") as got:
        if got:
            value = await ctx.wb.new_items(auth)
            await _store(ctx, key, value)
            return value
    for _ in range(100):  # the other caller is asking WB right now
        await asyncio.sleep(0.05)
        if (value := await _cached(ctx, key)) is not None:
            return value
    return await ctx.wb.new_items(auth)
