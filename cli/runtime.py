"""Everything in one process: the bot (long polling), the scheduler tick, the in-process task runner, the admin.

`agentiq run` runs this against real Telegram and WB; `agentiq demo` runs it against the sandboxes. With Redis
configured the same process also consumes the stream (a taskiq receiver), so a one-box pilot on PostgreSQL + Redis
needs no separate worker; for scale, run `agentiq bot`, `agentiq worker`, `agentiq scheduler`, `agentiq admin serve`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import structlog
import uvicorn
from taskiq import InMemoryBroker
from taskiq.api import run_receiver_task

from admin.app import create_app as create_admin
from bot.runtime import bot_runtime
from core.settings import Settings
from sync.scheduler import run_forever

log = structlog.get_logger(__name__)

Background = Callable[[], Awaitable[None]]


async def run_all(
    settings: Settings,
    *,
    admin: bool = True,
    extra: tuple[Background, ...] = (),
    ready: Callable[[], None] | None = None,
) -> None:
    """Run every part until cancelled (Ctrl-C / SIGTERM cancel the surrounding task)."""
    async with bot_runtime(settings) as rt, asyncio.TaskGroup() as group:
        if not isinstance(rt.broker, InMemoryBroker):
            group.create_task(run_receiver_task(rt.broker, run_startup=False))
        await rt.bot.delete_webhook()
        group.create_task(rt.dispatcher.start_polling(rt.bot, handle_signals=False))
        group.create_task(run_forever(rt.broker, settings))
        if admin:
            config = uvicorn.Config(
                create_admin(settings, broker=rt.broker),
                host=settings.admin.host,
                port=settings.admin.port,
                log_level="warning",
                access_log=False,
            )
            server = uvicorn.Server(config)
            server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
            group.create_task(server.serve())
        for job in extra:
            group.create_task(job())
        log.info("agentiq.started", admin=admin, embedded=settings.embedded)
        if ready is not None:
            ready()


def run_until_signal(main: Callable[[], Awaitable[None]]) -> None:
    """Run `main` and stop it cleanly on Ctrl-C or SIGTERM (in-flight work finishes or is redelivered)."""
    import signal

    async def runner() -> None:
        task = asyncio.create_task(main())
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(runner())
