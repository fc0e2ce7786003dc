"""Everything in one process: the bot (long polling), the scheduler tick, the in-process task runner, the admin.

`agentiq run` runs this against real Telegram and WB; `agentiq demo` runs it against the sandboxes. With Redis
configured the same process also consumes the stream (a taskiq receiver), so a one-box pilot on PostgreSQL + Redis
needs no separate worker; for scale, run `agentiq bot`, `agentiq worker`, `agentiq scheduler`, `agentiq admin serve`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import structlog
import uvicorn
from taskiq import InMemoryBroker
from taskiq.api import run_receiver_task

from admin.app import create_app as create_admin
from bot.runtime import BotRuntime, bot_runtime, poll_until_cancelled
from cli.serving import embedded_server
from cli.wiring import build_broker
from core import metrics
from core.heartbeat import beating
from core.settings import Settings
from core.watchdog import watching
from sync.scheduler import run_forever
from sync.token_probe import open_token_probe

log = structlog.get_logger(__name__)

Background = Callable[[], Coroutine[Any, Any, None]]


async def run_all(
    settings: Settings,
    *,
    admin: bool = True,
    extra: tuple[Background, ...] = (),
    ready: Callable[[], None] | None = None,
) -> None:
    """Run every part until cancelled (Ctrl-C / SIGTERM cancel the surrounding task). Its metrics, every part's,
    are the admin's /metrics."""
    metrics.watch_queue(settings.redis_url, settings.sync.queue_name)
    async with (
        watching("run", settings.metrics.watchdog_s),
        beating(settings.redis_url, "run", settings.sync.heartbeat_s),
        open_token_probe(settings.wb) as probe,
        bot_runtime(settings, build_broker(settings), probe) as rt,
    ):
        # uvicorn stops through `should_exit` (a clean lifespan shutdown), not through cancellation.
        server = _admin_server(settings, rt) if admin else None
        server_task = asyncio.create_task(server.serve()) if server else None
        try:
            async with asyncio.TaskGroup() as group:
                if not isinstance(rt.broker, InMemoryBroker):
                    group.create_task(run_receiver_task(rt.broker, run_startup=False))
                group.create_task(poll_until_cancelled(rt))
                group.create_task(run_forever(rt.broker, settings))
                for job in extra:
                    group.create_task(job())
                # "Ready" means answering: the admin is listening before anyone is told its address.
                # uvicorn exposes a flag, not an event.
                while server and server_task and not server.started and not server_task.done():  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
                log.info("agentiq.started", admin=admin, embedded=settings.embedded)
                if ready is not None:
                    ready()
        finally:
            if server is not None and server_task is not None:
                server.should_exit = True
                await server_task


def _admin_server(settings: Settings, rt: BotRuntime) -> uvicorn.Server:
    app = create_admin(settings, broker=rt.broker)
    return embedded_server(app, host=settings.admin.host, port=settings.admin.port)
