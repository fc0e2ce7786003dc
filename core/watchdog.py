"""A hung process ends itself, so its supervisor starts it again.

Compose's `restart: unless-stopped` restarts a container whose process exited, never one that is merely
"unhealthy", and taskiq's worker manager likewise restarts only a dead child. What a restart cures is a process
whose event loop stopped running (a blocking call, a deadlock): its heartbeat stops, `agentiq health` fails, and
nothing else would ever act on it. So each process runs this watchdog: a coroutine on the loop marks it alive, a
thread checks the mark, and when the loop has not run for `MetricsSettings.watchdog_s` the thread logs one line and
exits the process with `EXIT_STALLED`. A Redis or database outage does not trip it (the loop keeps running; a
restart would not bring them back).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import AsyncIterator

import structlog

log = structlog.get_logger(__name__)

EXIT_STALLED = 70  # EX_SOFTWARE


class Watchdog:
    """The mark on the loop and the thread that reads it."""

    def __init__(self, kind: str, stall_s: float) -> None:
        self.kind, self.stall_s = kind, stall_s
        self._alive = time.monotonic()
        self._stop = threading.Event()
        self._ticker: asyncio.Task[None] | None = None
        self._thread = threading.Thread(target=self._watch, name=f"watchdog-{kind}", daemon=True)

    def start(self) -> None:
        """Start marking (on the running loop) and watching (in a thread)."""
        self._ticker = asyncio.get_running_loop().create_task(self._tick())
        self._thread.start()

    async def stop(self) -> None:
        """Stop both (a process shutting down on purpose may take its time)."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker

    async def _tick(self) -> None:
        while True:
            self._alive = time.monotonic()
            await asyncio.sleep(min(1.0, self.stall_s / 4))

    def _watch(self) -> None:
        while not self._stop.wait(min(1.0, self.stall_s / 4)):
            stalled = time.monotonic() - self._alive
            if stalled > self.stall_s:
                log.critical("watchdog.loop_stalled", kind=self.kind, stalled_s=round(stalled, 1), exit=EXIT_STALLED)
                os._exit(EXIT_STALLED)  # the loop cannot run a clean shutdown; the supervisor restarts us


@contextlib.asynccontextmanager
async def watching(kind: str, stall_s: float) -> AsyncIterator[None]:
    """Run the block under a watchdog (none when `stall_s` is 0)."""
    if stall_s <= 0:
        yield
        return
    dog = Watchdog(kind, stall_s)
    dog.start()
    try:
        yield
    finally:
        await dog.stop()
