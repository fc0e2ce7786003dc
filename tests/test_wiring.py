"""The task graph is typed: every `TaskName` has a task on a built broker, and a kick nothing can run fails loudly."""

from __future__ import annotations

import pytest
from taskiq import InMemoryBroker

from cli.wiring import build_broker
from core.settings import Settings
from core.tasks import TaskName
from sync.broker import UnknownTask, kick


@pytest.mark.parametrize("redis", [False, True], ids=["in-process", "stream"])
def test_every_task_name_is_registered_on_a_built_broker(settings: Settings, redis_url: str, redis: bool) -> None:
    broker = build_broker(settings.model_copy(update={"redis_url": redis_url if redis else None}))
    assert {name: broker.find_task(name) is not None for name in TaskName} == dict.fromkeys(TaskName, True)


async def test_kicking_a_task_the_in_process_broker_lacks_raises() -> None:
    broker = InMemoryBroker(await_inplace=True)
    await broker.startup()
    try:
        with pytest.raises(UnknownTask):
            await kick(broker, TaskName.REFRESH_CARDS, 1)
    finally:
        await broker.shutdown()
