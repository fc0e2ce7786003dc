"""Stopping the embedded process waits for every in-process task, also those kicked while it stops."""

from __future__ import annotations

import asyncio

from taskiq import InMemoryBroker

from bot.runtime import drain_in_process


async def test_drain_waits_for_tasks_kicked_by_running_tasks() -> None:
    broker = InMemoryBroker()
    done: list[str] = []

    @broker.task(task_name="test.refresh")
    async def refresh() -> None:
        await asyncio.sleep(0.2)
        done.append("refresh")

    @broker.task(task_name="test.send")
    async def send() -> None:
        await asyncio.sleep(0.1)
        done.append("send")
        await refresh.kiq()  # as a sent reply kicks the card refresh

    await broker.startup()
    try:
        await send.kiq()
        await drain_in_process(broker)
        # taskiq's own wait_all would have returned after "send", with the refresh still running.
        assert done == ["send", "refresh"]
    finally:
        await broker.shutdown()
