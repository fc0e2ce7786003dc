"""The `taskiq worker` targets (`agentiq worker` picks one): broker factories, so importing this builds nothing.

taskiq calls the factory in each worker process; the settings come from that process's environment. Each worker
process also serves its metrics (`AGENTIQ_METRICS__WORKER_PORT`, the next port for the next child) and runs the
watchdog that ends it when its loop hangs (taskiq's manager then starts a new child).
"""

from __future__ import annotations

from taskiq import AsyncBroker, TaskiqEvents, TaskiqState

from cli.wiring import build_broker
from core import metrics
from core.settings import Settings, load_settings
from core.watchdog import Watchdog


def _observed(broker: AsyncBroker, settings: Settings) -> AsyncBroker:
    async def start(state: TaskiqState) -> None:
        metrics.serve(settings.metrics.host, settings.metrics.worker_port)
        if settings.metrics.watchdog_s > 0:
            state.watchdog = Watchdog("worker", settings.metrics.watchdog_s)
            state.watchdog.start()

    async def stop(state: TaskiqState) -> None:
        if (dog := getattr(state, "watchdog", None)) is not None:
            await dog.stop()

    broker.add_event_handler(TaskiqEvents.WORKER_STARTUP, start)
    broker.add_event_handler(TaskiqEvents.WORKER_SHUTDOWN, stop)
    return broker


def broker() -> AsyncBroker:
    """Every task: sync and the bot's."""
    settings = load_settings()
    return _observed(build_broker(settings), settings)


def sync_broker() -> AsyncBroker:
    """The sync tasks only (a worker pool that does not talk to Telegram)."""
    settings = load_settings()
    return _observed(build_broker(settings, bot=False), settings)


def bot_broker() -> AsyncBroker:
    """The bot's tasks only."""
    settings = load_settings()
    return _observed(build_broker(settings, sync=False), settings)
