"""The taskiq broker: Redis streams (at-least-once, acked) when `AGENTIQ_REDIS_URL` is set, in-process otherwise.

Tasks are named by `core.tasks.TaskName`. sync never imports bot: events for the bot are kicked by name (`kick`).
On the stream broker a kick always lands in the stream, whether or not this process knows the task; the worker
that runs `bot.*` must register the bot's tasks (`agentiq worker` registers both sets). The in-process broker can
only run tasks registered in this process, so there a kick of an unregistered task raises `UnknownTask`: silently
dropping it would lose the event.
"""

from __future__ import annotations

from typing import Any

import structlog
from taskiq import AsyncBroker, InMemoryBroker, TaskiqMessage, TaskiqMiddleware, TaskiqResult
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisStreamBroker

from core import metrics
from core.redisconn import resilient_options
from core.sending import Enqueue
from core.settings import Settings
from core.tasks import TaskName

log = structlog.get_logger(__name__)


class TaskTimeout(TaskiqMiddleware):
    """Bounds every kicked task (taskiq cancels it after the `timeout` label), so the stream broker's redelivery
    timeout can be short."""

    def __init__(self, timeout_s: float) -> None:
        super().__init__()
        self.timeout_s = timeout_s

    def pre_send(self, message: TaskiqMessage) -> TaskiqMessage:
        """Label the outgoing message with the task timeout unless the kick set its own."""
        message.labels.setdefault("timeout", self.timeout_s)
        return message


class TaskFailureLog(TaskiqMiddleware):
    """One structured line per failed task naming the task and its item (its id arguments), so an operator can
    grep a failure to the seller, reply or card it concerns; taskiq's own line says neither."""

    def on_error(self, message: TaskiqMessage, result: Any, exception: BaseException) -> None:
        """Log the failure (the traceback stays in taskiq's own record)."""
        log.error(
            "task.failed",
            task=message.task_name,
            task_id=message.task_id,
            args=[a if isinstance(a, int | str) else type(a).__name__ for a in message.args],
            error=f"{type(exception).__name__}: {exception}"[:500],
        )


class TaskMetrics(TaskiqMiddleware):
    """Counts every task run by name and outcome, with its run time (`agentiq_task_runs_total`,
    `agentiq_task_duration_seconds`), in the process that ran it."""

    def post_execute(self, message: TaskiqMessage, result: TaskiqResult[Any]) -> None:
        """Record the finished run (taskiq measured its time)."""
        metrics.task_ran(message.task_name, failed=result.is_err, seconds=result.execution_time)


def get_broker(settings: Settings) -> AsyncBroker:
    """A broker for these settings (not started, no tasks: `cli.wiring.build_broker` registers them)."""
    return _bare_broker(settings).with_middlewares(
        TaskTimeout(settings.sync.task_timeout_s), TaskFailureLog(), TaskMetrics()
    )


def _bare_broker(settings: Settings) -> AsyncBroker:
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
    await AsyncKicker(task_name=task, broker=broker, labels={}).kiq(*args)


def send_queue(broker: AsyncBroker) -> Enqueue:
    """Core's send step (`core.sending.Enqueue`) on this broker: kick the outbox's send task for a queued reply."""

    async def enqueue(reply_id: int) -> None:
        await kick(broker, TaskName.SEND_REPLY, reply_id)

    return enqueue
