"""The sync tasks (explicit names, id arguments, idempotent under at-least-once delivery).

Each task takes the worker's `SyncContext` from the broker state (opened in WORKER_STARTUP) and calls a plain
function. `register(broker)` lets tests and benchmarks put the same tasks on their own broker.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from taskiq import AsyncBroker, Context, TaskiqDepends

from core.linking import link_new
from core.models import Channel
from core.overdue import claim_overdue
from core.tasks import TaskName
from sync import outbox, scheduler
from sync.alerting import evaluate_alerts
from sync.broker import broker, kick
from sync.context import SyncContext
from sync.engine import sync_channel
from sync.engine.pending import check_pending
from sync.engine.run import reap_orphaned_runs


def _ctx(context: Annotated[Context, TaskiqDepends()]) -> SyncContext:
    return context.state.sync


Ctx = Annotated[SyncContext, TaskiqDepends(_ctx)]


async def tick_task(ctx: Ctx) -> int:
    """Close the runs of dead workers, claim the due seller × channel pairs and kick their syncs."""
    await reap_orphaned_runs(ctx, datetime.now(UTC))
    return await scheduler.tick(ctx.broker, ctx.settings)


async def sync_channel_task(seller_id: int, channel: str, ctx: Ctx) -> int | None:
    """One sync run; returns the SyncRun id (None when skipped: locked or seller not active)."""
    run = await sync_channel(ctx, seller_id, Channel(channel))
    return run.id if run else None


async def send_reply_task(reply_id: int, ctx: Ctx) -> str | None:
    """Send one outbox reply at most once."""
    status = await outbox.send_reply(ctx, reply_id)
    return status.value if status else None


async def check_pending_task(ctx: Ctx) -> int:
    """End expired pending windows, re-kick lost or stuck outbox rows, re-render cards that just became overdue."""
    now = datetime.now(UTC)
    expired = await check_pending(ctx, now)
    await outbox.sweep(ctx, now)
    for interaction_id in await claim_overdue(now):
        await kick(ctx.broker, TaskName.REFRESH_CARDS, interaction_id)
    return expired


async def evaluate_alerts_task(ctx: Ctx) -> int:
    """Evaluate the ops alerts and kick the delivery of every open undelivered one."""
    return await evaluate_alerts(ctx, datetime.now(UTC))


async def link_task(interaction_ids: list[int]) -> int:
    """Link a sync run's new interactions to the buyer's other interactions (idempotent: existing links stay)."""
    return await link_new(interaction_ids)


TASKS = {
    TaskName.SYNC_TICK: tick_task,
    TaskName.SYNC_CHANNEL: sync_channel_task,
    TaskName.SEND_REPLY: send_reply_task,
    TaskName.CHECK_PENDING: check_pending_task,
    TaskName.EVALUATE_ALERTS: evaluate_alerts_task,
    TaskName.LINK: link_task,
}


def register(target: AsyncBroker) -> None:
    """Register the sync tasks on `target` under their names."""
    for name, func in TASKS.items():
        target.register_task(func, task_name=name)


register(broker)
