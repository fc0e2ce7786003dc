"""The taskiq broker: Redis streams (at-least-once, acked) when `AGENTIQ_REDIS_URL` is set, in-process otherwise.

Tasks are named by `core.tasks.TaskName`. sync never imports bot: events for the bot are kicked by name (`kick`).
On the stream broker a kick always lands in the stream, whether or not this process knows the task; the worker
that runs `bot.*` must register the bot's tasks (`agentiq worker` registers both sets). The in-process broker can
only run tasks registered in this process, so there a kick of an unregistered task raises `UnknownTask`: silently
dropping it would lose the event.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import structlog
from taskiq import AsyncBroker, InMemoryBroker, TaskiqEvents, TaskiqState
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisStreamBroker

from core.sending import Enqueue
from core.settings import Settings, get_settings
from core.tasks import TaskName
from sync.redisconn import resilient_options

log = structlog.get_logger(__name__)

# Every module that registers tasks on `broker`; the worker imports those that exist.
TASK_MODULES = ("sync.tasks", "bot.tasks")


def get_broker(settings: Settings) -> AsyncBroker:
    """A broker for these settings (not started)."""
    if settings.redis_url is None:
        return InMemoryBroker(await_inplace=False)
    return RedisStreamBroker(
        settings.redis_url,
        queue_name=settings.sync.queue_name,
        consumer_group_name=settings.sync.queue_name,
        # "0": a group created after messages were added still gets them (a scheduler may start first).
        consumer_id="0",
        # Longer than any task may run (`task_timeout_s`), else a running task is reclaimed and runs twice.
        idle_timeout=settings.sync.task_idle_timeout_ms,
        # A worker killed while holding the autoclaim lock must not block redelivery for ever.
        unacknowledged_lock_timeout=10.0,
        xread_block=1000,
        # Reconnect and retry after a Redis restart instead of failing the first command on each stale connection.
        **resilient_options(),
    )


class UnknownTask(LookupError):
    """A kick on an in-process broker names a task not registered there: nothing would ever run it."""


async def kick(broker: AsyncBroker, task: TaskName, *args: Any) -> None:
    """Enqueue `task(*args)`; raises `UnknownTask` when an in-process broker has no such task."""
    if isinstance(broker, InMemoryBroker) and broker.find_task(task) is None:
        raise UnknownTask(task)
    # Every task is bounded (taskiq cancels it after `timeout`), so the broker's redelivery timeout can be short.
    labels = {"timeout": get_settings().sync.task_timeout_s}
    await AsyncKicker(task_name=task, broker=broker, labels=labels).kiq(*args)


def send_queue(broker: AsyncBroker) -> Enqueue:
    """Core's send step (`core.sending.Enqueue`) on this broker: kick the outbox's send task for a queued reply."""

    async def enqueue(reply_id: int) -> None:
        await kick(broker, TaskName.SEND_REPLY, reply_id)

    return enqueue


broker = get_broker(get_settings())


@broker.on_event(TaskiqEvents.WORKER_STARTUP)
async def _open_sync(state: TaskiqState) -> None:
    from core.logs import setup_logging
    from sync.context import open_context
    from sync.heartbeat import beat_forever

    settings = get_settings()
    # `taskiq worker` configured logging its own way; ours redacts secrets and speaks JSON in production.
    setup_logging(fmt=settings.log_format, level=settings.log_level)

    state.sync = await open_context(get_settings(), broker)
    if settings.redis_url:
        state.heartbeat = asyncio.create_task(beat_forever(settings.redis_url, "worker", settings.sync.heartbeat_s))


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _close_sync(state: TaskiqState) -> None:
    if (beats := getattr(state, "heartbeat", None)) is not None:
        beats.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beats
    if getattr(state, "sync", None) is not None:
        await state.sync.aclose()
