"""The bot's taskiq tasks, registered on the shared broker; sync kicks them by name.

Each resolves the worker's `Notifier` (one Bot and the shared Telegram limiter per worker process) and calls a plain
function of `bot.notify`. All are idempotent: cards and alerts are claimed in the database before sending.
"""

from __future__ import annotations

from typing import Annotated

from taskiq import AsyncBroker, Context, TaskiqDepends, TaskiqEvents, TaskiqState

from bot import backlog, digest, notify, spikes, summaries
from core.settings import get_settings
from core.tasks import TaskName
from sync.broker import broker, send_queue
from sync.ratelimit import build_limiter


@broker.on_event(TaskiqEvents.WORKER_STARTUP)
async def _open_notifier(state: TaskiqState) -> None:
    # The bot process sets its own notifier (sharing its Bot) before startup; standalone workers build one.
    if getattr(state, "notifier", None) is None:
        from bot.app import build_bot

        settings = get_settings()
        state.notifier = notify.Notifier(
            build_bot(settings), build_limiter(settings), settings.telegram, enqueue=send_queue(broker)
        )
        state.notifier_owned = True


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _close_notifier(state: TaskiqState) -> None:
    if getattr(state, "notifier_owned", False):
        await state.notifier.bot.session.close()
        await state.notifier.limiter.aclose()


def _notifier(context: Annotated[Context, TaskiqDepends()]) -> notify.Notifier:
    return context.state.notifier


async def notify_interaction(
    interaction_id: int, notifier: Annotated[notify.Notifier, TaskiqDepends(_notifier)]
) -> int:
    """Send the new interaction's cards (once per member)."""
    return await notify.notify_interaction(interaction_id, notifier)


async def refresh_cards(interaction_id: int, notifier: Annotated[notify.Notifier, TaskiqDepends(_notifier)]) -> int:
    """Re-render the interaction's cards after a state change."""
    return await notify.refresh_cards(interaction_id, notifier)


async def deliver_alert(alert_id: int, notifier: Annotated[notify.Notifier, TaskiqDepends(_notifier)]) -> bool:
    """Post an ops alert to the ops chat (once)."""
    return await notify.deliver_alert(alert_id, notifier)


async def backlog_summary(seller_id: int, notifier: Annotated[notify.Notifier, TaskiqDepends(_notifier)]) -> bool:
    """Once the first sync of every channel is done: the backlog it found as one summary (once per seller)."""
    return await backlog.send_backlog_summary(seller_id, notifier)


async def send_digests(notifier: Annotated[notify.Notifier, TaskiqDepends(_notifier)]) -> int:
    """Send the quiet-hours digests and the subscribed summaries that are due (each once per member and period)."""
    return await digest.send_digests(notifier) + await summaries.send_summaries(notifier)


async def check_spikes(notifier: Annotated[notify.Notifier, TaskiqDepends(_notifier)]) -> int:
    """Evaluate product spikes and tell the owners of each new one (once)."""
    return await spikes.check_spikes(notifier, get_settings().spikes)


TASKS = {
    TaskName.NOTIFY_INTERACTION: notify_interaction,
    TaskName.REFRESH_CARDS: refresh_cards,
    TaskName.DELIVER_ALERT: deliver_alert,
    TaskName.BACKLOG_SUMMARY: backlog_summary,
    TaskName.SEND_DIGESTS: send_digests,
    TaskName.CHECK_SPIKES: check_spikes,
}


def register(target: AsyncBroker) -> None:
    """Register the bot's tasks on `target` under their names (the shared broker, or a test's own)."""
    for name, func in TASKS.items():
        target.register_task(func, task_name=name)


register(broker)
