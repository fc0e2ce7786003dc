"""One embedded HTTP server per test process for sandboxes the tests want fresh: each test mounts a new app on the
running server instead of starting and stopping its own (a uvicorn stop alone costs ~0.2 s of ticks and grace
sleeps; ~250 bot and security tests start two sandboxes each).

A mounted app lives exactly as it did on its own server: its lifespan runs when it is mounted and ends when it is
unmounted, its long polls are released first (`app.state.release_waiters`, what `cli.serving` does on a stop),
and requests still running get the same grace as on a stopping server, then are cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from cli.serving import GRACEFUL_SHUTDOWN_S, serve_app


class Remount:
    """An ASGI app that passes each request to the app mounted now; a request with nothing mounted gets a 503."""

    def __init__(self) -> None:
        self.app: Any = None
        self._running: set[asyncio.Task[Any]] = set()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":  # the server's own: the mounted apps' lifespans run in `mounted`
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        app = self.app
        if app is None:
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": b"no sandbox mounted"})
            return
        task = asyncio.current_task()
        assert task is not None
        self._running.add(task)
        try:
            await app(scope, receive, send)
        finally:
            self._running.discard(task)

    @contextlib.asynccontextmanager
    async def mounted(self, app: Any) -> AsyncIterator[None]:
        """Serve `app` until the block ends (its lifespan around it)."""
        async with app.router.lifespan_context(app):
            self.app = app
            try:
                yield
            finally:
                release = getattr(app.state, "release_waiters", None)
                if callable(release):
                    release()
                self.app = None
                if self._running:
                    _, late = await asyncio.wait(set(self._running), timeout=GRACEFUL_SHUTDOWN_S)
                    for task in late:
                        task.cancel()
                    if late:
                        await asyncio.wait(late)


@contextlib.asynccontextmanager
async def remount_server() -> AsyncIterator[tuple[str, Remount]]:
    """A running server (its base URL) and the `Remount` it serves."""
    remount = Remount()
    async with serve_app(remount) as url:
        yield url, remount
