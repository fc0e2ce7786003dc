"""An in-process broker for tests that records every kick instead of running the task (sync tests have no bot)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from taskiq import InMemoryBroker

from core.tasks import TaskName


@dataclass
class Recorder:
    """The kicks seen, by task name: the single argument of a one-argument task, else the argument tuple."""

    events: dict[TaskName, list[Any]] = field(default_factory=dict)
    order: list[TaskName] = field(default_factory=list)

    def of(self, name: TaskName) -> list[Any]:
        """What `name` was kicked with, in order."""
        return self.events.get(name, [])

    def record(self, name: TaskName, args: tuple[Any, ...]) -> None:
        """Note one kick."""
        self.order.append(name)
        self.events.setdefault(name, []).append(args[0] if len(args) == 1 else args)


def recording_broker(
    run: dict[TaskName, Callable[..., Awaitable[Any]]] | None = None,
) -> tuple[InMemoryBroker, Recorder]:
    """A broker that knows every `TaskName` and records each kick; the tasks in `run` also run after recording."""
    broker = InMemoryBroker(await_inplace=True)
    rec = Recorder()
    for name in TaskName:
        then = (run or {}).get(name)

        async def record(*args: Any, _name: TaskName = name, _then: Callable[..., Awaitable[Any]] | None = then) -> Any:
            rec.record(_name, args)
            return await _then(*args) if _then is not None else None

        broker.register_task(record, task_name=name)
    return broker, rec
