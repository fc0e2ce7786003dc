"""The sync tasks (explicit names, id arguments, idempotent under at-least-once delivery).

Each task takes the worker's `SyncContext` from the broker state (opened in WORKER_STARTUP from the settings
`register` was given) and calls a plain function. Nothing registers on import: `cli.wiring.build_broker` does, and
tests and benchmarks put the same tasks on their own broker.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

import structlog
from taskiq import AsyncBroker, Context, TaskiqDepends, TaskiqEvents, TaskiqState

from core import retention
from core.cards import stale_claims
from core.linking import link_new
from core.models import Channel
from core.overdue import claim_overdue
from core.settings import Settings
from core.tasks import TaskName
from sync import outbox, scheduler
from sync.alerting import evaluate_alerts
from sync.broker import kick
from sync.context import SyncContext
from sync.engine import sync_channel
from sync.engine.pending import check_pending
from sync.engine.run import reap_orphaned_runs

log = structlog.get_logger(__name__)


def _ctx(context: Annotated[Context, TaskiqDepends()]) -> SyncContext:
    return context.state.sync


Ctx = Annotated[SyncContext, TaskiqDepends(_ctx)]


async def tick_task(ctx: Ctx) -> int:
    """Claim the due seller × channel pairs and kick their syncs; every `upkeep_s` also close the runs of dead
    workers and do the tick's upkeep (`scheduler.tick`)."""
    upkeep = ctx.upkeep_due()
    if upkeep:
        await reap_orphaned_runs(ctx, datetime.now(UTC))
    return await scheduler.tick(ctx.broker, ctx.settings, upkeep=upkeep)


async def sync_channel_task(seller_id: int, channel: str, ctx: Ctx) -> int | None:
    """One sync run; returns the SyncRun id (None when skipped: locked or seller not active)."""
    run = await sync_channel(ctx, seller_id, Channel(channel))
    return run.id if run else None


async def send_reply_task(reply_id: int, ctx: Ctx) -> str | None:
    """Send one outbox reply at most once."""
    status = await outbox.send_reply(ctx, reply_id)
    return status.value if status else None


async def check_pending_task(ctx: Ctx) -> int:
    """End expired pending windows, re-kick lost or stuck outbox rows, re-render cards that just became overdue,
    re-kick the notify of items whose cards were not delivered."""
    now = datetime.now(UTC)
    expired = await check_pending(ctx, now)
    await outbox.sweep(ctx, now)
    for interaction_id in await claim_overdue(now):
        await kick(ctx.broker, TaskName.REFRESH_CARDS, interaction_id)
    # Cards owed or claimed with no message past their lease: their items' notify again (core.cards).
    telegram = ctx.settings.telegram
    for interaction_id in await stale_claims(now, telegram.card_lease_s, telegram.redeliver_max_age_h):
        await kick(ctx.broker, TaskName.NOTIFY_INTERACTION, interaction_id)
    return expired


async def evaluate_alerts_task(ctx: Ctx) -> int:
    """Evaluate the ops alerts and kick the delivery of every open undelivered one."""
    return await evaluate_alerts(ctx, datetime.now(UTC))


async def prune_task(ctx: Ctx) -> dict[str, int]:
    """Delete logs kept as rows past their retention (core.retention), one bounded round."""
    ops = ctx.settings.ops
    pruned = await retention.prune(
        datetime.now(UTC), days=ops.retention_days, batch=ops.retention_batch, max_batches=ops.retention_max_batches
    )
    log.info("retention.pruned", **pruned)
    return pruned


async def link_task(interaction_ids: list[int]) -> int:
    """Link a sync run's new interactions to the buyer's other interactions (idempotent: existing links stay)."""
    return await link_new(interaction_ids)


TASKS: dict[TaskName, Callable[..., Awaitable[Any]]] = {
    TaskName.SYNC_TICK: tick_task,
    TaskName.SYNC_CHANNEL: sync_channel_task,
    TaskName.SEND_REPLY: send_reply_task,
    TaskName.CHECK_PENDING: check_pending_task,
    TaskName.EVALUATE_ALERTS: evaluate_alerts_task,
    TaskName.LINK: link_task,
    TaskName.PRUNE: prune_task,
}


def register(target: AsyncBroker, settings: Settings | None = None) -> None:
    """Register the sync tasks on `target` under their names; with `settings`, a worker of `target` also opens its
    `SyncContext` on startup (a test that sets `state.sync` itself passes none)."""
    for name, func in TASKS.items():
        target.register_task(func, task_name=name)
    if settings is None:
        return

    async def open_sync(state: TaskiqState) -> None:
        from core.heartbeat import beat_forever
        from core.logs import setup_logging
        from sync.context import open_context

        # `taskiq worker` configured logging its own way; ours redacts secrets and speaks JSON in production.
        setup_logging(fmt=settings.log_format, level=settings.log_level)
        state.sync = await open_context(settings, target)
        if settings.redis_url:
            state.heartbeat = asyncio.create_task(beat_forever(settings.redis_url, "worker", settings.sync.heartbeat_s))

    async def close_sync(state: TaskiqState) -> None:
        if (beats := getattr(state, "heartbeat", None)) is not None:
            beats.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beats
        if getattr(state, "sync", None) is not None:
            await state.sync.aclose()

    target.add_event_handler(TaskiqEvents.WORKER_STARTUP, open_sync)
    target.add_event_handler(TaskiqEvents.WORKER_SHUTDOWN, close_sync)
