"""The tick: which seller × channel is due, claimed in the database so schedulers never double the load.

`tick()` runs as the "sync.tick" task. It makes sure every active seller has its cursors, then claims due cursors
with one conditional `UPDATE … WHERE next_due_at <= now … RETURNING`: the claim moves `next_due_at` a lease ahead,
so a second scheduler (or a second tick) sees the rows as not due. A claimed run that never happens (lost task,
dead worker) makes its cursor due again when the lease ends; a finished run sets the real next time.
`agentiq scheduler` kicks "sync.tick" every `tick_s` (which also keeps the stream broker's reclaim loop moving)
and "sync.evaluate_alerts" every `alerts_interval_s`.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import structlog
from taskiq import AsyncBroker
from tortoise import connections
from tortoise.expressions import Q

from core import heartbeat, redisconn
from core.models import Channel, Seller, SellerStatus, SyncCursor
from core.settings import Settings
from core.tasks import TaskName
from sync import stream
from sync.broker import kick
from sync.engine.run import interval_of

log = structlog.get_logger(__name__)

CLAIM_BATCH = 500


def channels_of(seller: Seller) -> list[Channel]:
    """The channels the seller's token covers (all when the token did not say)."""
    scopes = {str(s) for s in seller.token_scopes or []}
    return [c for c in Channel if not scopes or c.value in scopes]


async def ensure_cursors(now: datetime) -> int:
    """Create the missing cursors of active sellers, due now (their first run is the backfill)."""
    sellers = await Seller.filter(status=SellerStatus.ACTIVE, wb_token_enc__isnull=False)
    have = {(c["seller_id"], c["channel"]) for c in await SyncCursor.all().values("seller_id", "channel")}
    missing = [
        SyncCursor(seller_id=s.id, channel=ch, next_due_at=now)
        for s in sellers
        for ch in channels_of(s)
        if (s.id, ch) not in have
    ]
    if missing:
        await SyncCursor.bulk_create(missing, ignore_conflicts=True, batch_size=1000)
    return len(missing)


async def claim_due(now: datetime, lease_s: float, limit: int = CLAIM_BATCH) -> list[tuple[int, Channel]]:
    """Atomically take up to `limit` due cursors of active sellers; returns (seller_id, channel) pairs."""
    conn = connections.get("default")
    pg = conn.capabilities.dialect == "postgres"
    p1, p2 = ("$1", "$2") if pg else ("?", "?")
    # Re-checking next_due_at in the outer WHERE makes the claim conditional: a row another scheduler claimed
    # meanwhile (PostgreSQL re-evaluates it after the row lock) is skipped.
    sql = (
        f"UPDATE sync_cursor SET next_due_at = {p1} WHERE next_due_at <= {p2} AND id IN ("
        f" SELECT c.id FROM sync_cursor c JOIN seller s ON s.id = c.seller_id"
        f" WHERE c.next_due_at <= {p2} AND s.status = '{SellerStatus.ACTIVE.value}'"
        f" ORDER BY c.next_due_at LIMIT {int(limit)}) RETURNING seller_id, channel"
    )
    lease = now + timedelta(seconds=lease_s)
    rows = await conn.execute_query_dict(sql, [lease, now] if pg else [lease, now, now])
    return [(int(r["seller_id"]), Channel(r["channel"])) for r in rows]


async def probe_backed_off(now: datetime, settings: Settings) -> list[tuple[int, Channel]]:
    """While pairs of a channel back off after failures, one of them is tried every interval (the probe, the one
    tried longest ago): WB may be back, and the first success makes the others due at once
    (`sync.engine.run.recovered`). So an outage's end is seen within one interval, whatever the backoffs."""
    probed = []
    for channel in Channel:
        every = timedelta(seconds=interval_of(settings.sync, channel))
        failing = SyncCursor.filter(channel=channel, consecutive_failures__gt=0, seller__status=SellerStatus.ACTIVE)
        if await failing.filter(Q(last_error_at__gte=now - every) | Q(next_due_at__lte=now)).exists():
            continue  # tried within the interval, or due anyway
        probe = await failing.order_by("last_error_at").first()
        if probe is not None:
            await SyncCursor.filter(id=probe.id).update(next_due_at=now)
            probed.append((probe.seller_id, channel))
    return probed


async def tick(broker: AsyncBroker, settings: Settings, now: datetime | None = None, *, upkeep: bool = True) -> int:
    """One scheduling round: kick one "sync.sync_channel" per claimed cursor; with `upkeep` (every `upkeep_s`, see
    `sync.tasks.tick_task`) also create missing cursors, probe backed-off pairs and kick one "sync.check_pending".
    The claim alone runs every tick: it is what a live seller's 3 s polling waits for (core.live)."""
    now = now or datetime.now(UTC)
    if upkeep:
        await ensure_cursors(now)
        await probe_backed_off(now, settings)
    # The lease outlives a healthy run (its lock TTL), so only a lost run makes the cursor due again.
    claimed = await claim_due(now, lease_s=settings.sync.lock_ttl_s)
    for seller_id, channel in claimed:
        await kick(broker, TaskName.SYNC_CHANNEL, seller_id, channel.value)
    if upkeep:
        await kick(broker, TaskName.CHECK_PENDING)
    return len(claimed)


async def run_forever(broker: AsyncBroker, settings: Settings) -> None:
    """The scheduler process: kick "sync.tick" and "bot.bulk_tick" every `tick_s`, "sync.evaluate_alerts",
    "bot.send_digests" and "bot.check_spikes" every `alerts_interval_s` seconds and "sync.prune" every
    `ops.retention_interval_s` until cancelled; with Redis also beat (liveness) and keep the stream trimmed
    (see sync.stream)."""
    redis = redisconn.client(settings.redis_url) if settings.redis_url else None
    alerts_due = 0.0
    # The first prune round after one alerts interval: a (re)starting process has more urgent work.
    prune_due = time.monotonic() + settings.sync.alerts_interval_s
    log.info("scheduler.start", tick_s=settings.sync.tick_s, alerts_interval_s=settings.sync.alerts_interval_s)
    try:
        while True:
            try:
                await kick(broker, TaskName.SYNC_TICK)
                if time.monotonic() >= alerts_due:
                    await kick(broker, TaskName.EVALUATE_ALERTS)
                    # Quiet-hours digests are due when a seller's night ends (bot.quiet_digest; idempotent).
                    await kick(broker, TaskName.SEND_DIGESTS)
                    await kick(broker, TaskName.CHECK_SPIKES)
                    alerts_due = time.monotonic() + settings.sync.alerts_interval_s
                # Confirmed backlog batches: their next items into the outbox, their progress edited (bot.backlog_bulk).
                await kick(broker, TaskName.BULK_TICK)
                if time.monotonic() >= prune_due:
                    # Logs kept as rows past their retention (core.retention).
                    await kick(broker, TaskName.PRUNE)
                    prune_due = time.monotonic() + settings.ops.retention_interval_s
                if redis is not None:
                    await heartbeat.beat(redis, "scheduler", max(settings.sync.heartbeat_s, settings.sync.tick_s))
                    await stream.upkeep(redis, settings.sync)
            except Exception as exc:  # Redis restarting: keep ticking, it comes back
                log.warning("scheduler.kick_failed", error=f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(settings.sync.tick_s)
    finally:
        if redis is not None:
            await redis.aclose()
