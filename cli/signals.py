"""Running a process's main coroutine until SIGINT or SIGTERM, then letting it clean up."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable


def run_until_signal(main: Callable[[], Awaitable[None]]) -> None:
    """Run `main`; Ctrl-C or SIGTERM cancel it, so its `finally` blocks run (in-flight work finishes or is
    redelivered by the stream broker) instead of the process dying mid-task."""

    async def runner() -> None:
        task = asyncio.ensure_future(main())
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(runner())
