"""WB's cheap "anything new?" probe, shared by a seller's review and question syncs.

The tick claims a seller's review and question cursors in one UPDATE, which gives both the same lease
(`next_due_at`); that lease names the round. The first run of a round asks WB and stores the answer under the round's
key (a single-flight lock makes a concurrent second run wait for it), the other run reads it: one request per seller
per round. Runs outside a shared round (direct calls, different leases) ask afresh.
"""

from __future__ import annotations

import asyncio
import json
import time

from sync.context import SyncContext
from sync.wb import WBAuth
from sync.wb.models import NewItems

# Only long enough for the round's other run; the key is per round anyway.
TTL_S = 60.0


async def _cached(ctx: SyncContext, key: str) -> NewItems | None:
    if ctx.redis is None:
        expires, value = ctx.probe_answers.get(key, (0.0, None))
        return value if expires > time.monotonic() else None
    raw = await ctx.redis.get(key)
    return NewItems.model_validate(json.loads(raw)) if raw else None


async def _store(ctx: SyncContext, key: str, value: NewItems) -> None:
    if ctx.redis is None:
        now = time.monotonic()
        answers = ctx.probe_answers
        for stale in [k for k, (expires, _) in answers.items() if expires <= now]:
            del answers[stale]
        answers[key] = (now + TTL_S, value)
        return
    await ctx.redis.set(key, value.model_dump_json(), px=int(TTL_S * 1000))


async def new_items(ctx: SyncContext, auth: WBAuth, round_key: str) -> NewItems:
    """The probe's answer for this seller in this round (asked once per round)."""
    key = f"agentiq:probe:{auth.seller_key}:{round_key}"
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
