"""A failed task's log line names the task and its item (its id arguments), on the brokers every process builds."""

from __future__ import annotations

import structlog
from taskiq import InMemoryBroker

from core.settings import load_settings
from core.tasks import TaskName
from sync.broker import TaskFailureLog, get_broker, kick


async def test_a_failed_task_is_logged_with_its_name_and_item() -> None:
    assert any(isinstance(m, TaskFailureLog) for m in get_broker(load_settings()).middlewares)
    broker = InMemoryBroker(await_inplace=True).with_middlewares(TaskFailureLog())

    async def notify(interaction_id: int) -> None:
        raise RuntimeError("database went away")

    broker.register_task(notify, task_name=TaskName.NOTIFY_INTERACTION)
    await broker.startup()
    try:
        with structlog.testing.capture_logs() as logs:
            await kick(broker, TaskName.NOTIFY_INTERACTION, 4711)
    finally:
        await broker.shutdown()
    (failed,) = [line for line in logs if line["event"] == "task.failed"]
    assert failed["task"] == "bot.notify_interaction" and failed["args"] == [4711]
    assert failed["error"] == "RuntimeError: database went away" and failed["log_level"] == "error"
