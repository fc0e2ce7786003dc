"""The bot's taskiq tasks, registered on the broker `cli.wiring.build_broker` builds; sync kicks them by name.

Each resolves the worker's `Notifier` (one Bot and the shared Telegram limiter per worker process) and calls a plain
function of `bot.notify`. All are idempotent: cards and alerts are claimed in the database before sending.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from taskiq import AsyncBroker, Context, TaskiqDepends, TaskiqEvents, TaskiqState

from bot import autosend_report, backlog, backlog_bulk, notify, quiet_digest, recovery, spikes, summaries
from bot.notifier import Notifier
from core.llm import process_client
from core.ratelimit import build_limiter
from core.settings import Settings
from core.tasks import TaskName
from sync.broker import kick, send_queue


def _notifier(context: Annotated[Context, TaskiqDepends()]) -> Notifier:
    return context.state.notifier


async def notify_interaction(interaction_id: int, notifier: Annotated[Notifier, TaskiqDepends(_notifier)]) -> int:
    """Send the new interaction's cards (once per member)."""
    return await notify.notify_interaction(interaction_id, notifier)


async def refresh_cards(interaction_id: int, notifier: Annotated[Notifier, TaskiqDepends(_notifier)]) -> int:
    """Re-render the interaction's cards after a state change."""
    return await notify.refresh_cards(interaction_id, notifier)


async def deliver_alert(alert_id: int, notifier: Annotated[Notifier, TaskiqDepends(_notifier)]) -> bool:
    """Post an ops alert to the ops chat (once)."""
    return await notify.deliver_alert(alert_id, notifier)


async def backlog_summary(
    seller_id: int,
    notifier: Annotated[Notifier, TaskiqDepends(_notifier)],
    context: Annotated[Context, TaskiqDepends()],
) -> bool:
    """Once the first sync of every channel is done: the backlog it found as one summary (once per seller), then
    drafts for all of it (bot.backlog_bulk)."""
    sent = await backlog.send_backlog_summary(seller_id, notifier)
    if sent:
        await kick(context.broker, TaskName.BACKLOG_DRAFTS, seller_id)
    return sent


async def backlog_drafts(
    seller_id: int,
    notifier: Annotated[Notifier, TaskiqDepends(_notifier)],
    context: Annotated[Context, TaskiqDepends()],
) -> bool:
    """Draft the next batch of the seller's backlog and kick itself again until all is drafted; then the cluster
    cards go to the owners."""
    more = await backlog_bulk.draft_step(seller_id, notifier)
    if more:
        await kick(context.broker, TaskName.BACKLOG_DRAFTS, seller_id)
    return more


async def bulk_tick(notifier: Annotated[Notifier, TaskiqDepends(_notifier)]) -> int:
    """Queue the confirmed backlog batches' next items at the send pace and edit their progress messages."""
    return await backlog_bulk.bulk_tick(notifier)


async def send_digests(notifier: Annotated[Notifier, TaskiqDepends(_notifier)]) -> int:
    """Send the quiet-hours digests, the subscribed summaries, the daily auto-send lines and the weekly recovery lines
    that are due (each once per member and period, the auto-send line once per seller and day, the recovery line once
    per seller and week)."""
    sent = await quiet_digest.send_digests(notifier) + await summaries.send_summaries(notifier)
    sent += await autosend_report.send_autosend_reports(notifier)
    return sent + await recovery.send_recovery_reports(notifier)


async def check_spikes(notifier: Annotated[Notifier, TaskiqDepends(_notifier)]) -> int:
    """Evaluate product spikes and tell the owners of each new one (once)."""
    return await spikes.check_spikes(notifier, notifier.settings.spikes)


TASKS: dict[TaskName, Callable[..., Awaitable[Any]]] = {
    TaskName.NOTIFY_INTERACTION: notify_interaction,
    TaskName.REFRESH_CARDS: refresh_cards,
    TaskName.DELIVER_ALERT: deliver_alert,
    TaskName.BACKLOG_SUMMARY: backlog_summary,
    TaskName.SEND_DIGESTS: send_digests,
    TaskName.CHECK_SPIKES: check_spikes,
    TaskName.BACKLOG_DRAFTS: backlog_drafts,
    TaskName.BULK_TICK: bulk_tick,
}


def register(target: AsyncBroker, settings: Settings | None = None) -> None:
    """Register the bot's tasks on `target` under their names; with `settings`, a worker of `target` that has no
    notifier yet (a standalone `agentiq worker`; the bot process sets its own) builds one on startup."""
    for name, func in TASKS.items():
        target.register_task(func, task_name=name)
    if settings is None:
        return

    async def open_notifier(state: TaskiqState) -> None:
        if getattr(state, "notifier", None) is None:
            from bot.app import build_bot

            state.notifier = Notifier(
                build_bot(settings),
                build_limiter(settings),
                settings,
                enqueue=send_queue(target),
                llm_client=process_client(settings.llm),
            )
            state.notifier_owned = True

    async def close_notifier(state: TaskiqState) -> None:
        if getattr(state, "notifier_owned", False):
            await state.notifier.bot.session.close()
            await state.notifier.limiter.aclose()
            if state.notifier.llm_client is not None:
                await state.notifier.llm_client.close()

    target.add_event_handler(TaskiqEvents.WORKER_STARTUP, open_notifier)
    target.add_event_handler(TaskiqEvents.WORKER_SHUTDOWN, close_notifier)
