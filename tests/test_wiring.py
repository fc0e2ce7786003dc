"""The wiring: the task graph is typed (every `TaskName` has a task on a built broker, a kick nothing can run fails
loudly), nothing is built at import, and each entry point's settings reach the workers it builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
from taskiq import Context, InMemoryBroker, TaskiqDepends

from cli import worker_target
from cli.wiring import build_broker
from core.settings import Settings, SyncSettings, TelegramSettings
from core.tasks import TaskName
from sync.broker import UnknownTask, get_broker, kick

ROOT = Path(__file__).resolve().parent.parent


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


def test_nothing_is_built_at_import(tmp_path) -> None:
    """Every module of ours imports with settings that cannot load: no settings, broker, database or cache is made
    at import time (each entry point builds its own and passes it down)."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("core", "sync", "bot", "admin", "cli")
        for p in (ROOT / package).rglob("*.py")
        if p.name != "__main__.py"
    )
    script = (
        "import importlib, sys\n"
        "from taskiq import AsyncBroker\n"
        "from core.settings import Settings\n"
        f"for name in {modules!r}:\n"
        "    module = importlib.import_module(name)\n"
        "    built = [k for k, v in vars(module).items() if isinstance(v, (AsyncBroker, Settings))]\n"
        "    assert not built, (name, built)\n"
        "print(len(sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    env["AGENTIQ_SYNC__TASK_TIMEOUT_S"] = "not-a-number"  # load_settings() would raise
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


async def test_a_kick_carries_the_task_timeout_of_the_settings_it_was_built_with(settings: Settings) -> None:
    broker = get_broker(
        settings.model_copy(update={"redis_url": None, "sync": SyncSettings(task_timeout_s=7, run_budget_s=5)})
    )
    seen: list[dict] = []

    async def probe(context: Annotated[Context, TaskiqDepends()]) -> None:
        seen.append(dict(context.message.labels))

    broker.register_task(probe, task_name=TaskName.LINK)
    await broker.startup()
    try:
        await kick(broker, TaskName.LINK)
        await broker.wait_all()
    finally:
        await broker.shutdown()
    assert [float(labels["timeout"]) for labels in seen] == [7.0]


async def test_a_built_broker_opens_its_worker_state_from_the_settings_it_was_given(settings: Settings) -> None:
    given = settings.model_copy(
        update={"redis_url": None, "telegram": TelegramSettings(bot_token="123456:wiring-test")}
    )
    broker = build_broker(given)
    await broker.startup()
    try:
        assert broker.state.sync.settings is given
        assert broker.state.notifier.settings is given
    finally:
        await broker.shutdown()


@pytest.mark.parametrize(
    ("target", "names"),
    [
        ("broker", set(TaskName)),
        ("sync_broker", {n for n in TaskName if n.startswith("sync.")}),
        ("bot_broker", {n for n in TaskName if n.startswith("bot.")}),
    ],
)
def test_each_worker_target_registers_its_task_set(
    target: str, names: set[TaskName], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AGENTIQ_REDIS_URL", raising=False)
    broker = getattr(worker_target, target)()
    assert {n for n in TaskName if broker.find_task(n) is not None} == names
