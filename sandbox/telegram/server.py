"""The Telegram sandbox ASGI app: `create_app(**options)`. What it serves is described in the package docstring."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.netfault import reset_connection, wait_disconnect
from sandbox.persist import kept_in, load_state
from sandbox.telegram import control, ui
from sandbox.telegram.faults import FaultRule, Faults
from sandbox.telegram.flood import FloodLimits
from sandbox.telegram.methods import METHODS
from sandbox.telegram.state import BotState, World, valid_token
from sandbox.telegram.updates import cancel, deliver_webhook
from sandbox.telegram.validation import ApiError, read_params, unless_disconnected


class Sandbox:
    """One sandbox instance: the world, its flood limits, the webhook senders and the change signal for the page."""

    def __init__(
        self,
        *,
        bot_tokens: Iterable[str] = (),
        accept_any_token: bool = True,
        flood_limits: bool = True,
        private_burst: int = 3,
        webhook_retry_s: float = 0.2,
    ) -> None:
        self.world = World()
        self.flood = FloodLimits(enabled=flood_limits, private_burst=private_burst)
        self.faults = Faults()
        self.accept_any_token = accept_any_token
        self.webhook_retry_s = webhook_retry_s
        self.http: httpx.AsyncClient | None = None
        self._deliveries: dict[int, asyncio.Task[None]] = {}
        self._changed = asyncio.Event()
        self.version = 0
        self.stopping = False
        for token in bot_tokens:
            self.world.add_bot(token)

    def authorize(self, token: str) -> BotState:
        """The bot behind a token, registering well-formed tokens when any token is accepted; else 401."""
        bot = self.world.bot_for_token(token)
        if (
            bot is None
            and self.accept_any_token
            and valid_token(token)
            and int(token.split(":")[0]) not in self.world.bots
        ):
            bot = self.world.add_bot(token)
        if bot is None:
            raise ApiError(401, "Unauthorized")
        return bot

    def changed(self) -> None:
        """Something visible changed (a message, an edit, an answer): wake the chat pages' long polls."""
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    def release_waiters(self) -> None:
        """The server is stopping: answer the chat pages' open long polls now instead of holding the shutdown."""
        self.stopping = True
        self._changed.set()

    async def wait_changed(self, after_version: int, seconds: float) -> None:
        """Wait until the version passes `after_version`, at most `seconds` (at once while the server stops)."""
        if self.version > after_version or self.stopping:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), seconds)

    def start_delivery(self, bot: BotState) -> None:
        """Run the webhook sender of `bot` unless it is already running."""
        task = self._deliveries.get(bot.user.id)
        if task is None or task.done():
            if self.http is None:
                self.http = httpx.AsyncClient(timeout=10)
            self._deliveries[bot.user.id] = asyncio.create_task(
                deliver_webhook(self, bot, self.http, self.webhook_retry_s)
            )
        bot.wake()

    async def aclose(self) -> None:
        """Stop the webhook senders and close the HTTP client."""
        for task in self._deliveries.values():
            await cancel(task)
        if self.http is not None:
            await self.http.aclose()


async def _fail(request: Request, rule: FaultRule) -> Response:
    """Answer a call the fault rule fails (see `sandbox.telegram.faults`); after a reset the caller is gone and the
    empty answer goes nowhere."""
    if rule.error == "reset":
        reset_connection(request.receive)
        await wait_disconnect(request.receive)
        return Response(status_code=204)
    if rule.error == "timeout":
        await asyncio.sleep(rule.hold_s)
        return JSONResponse({"ok": False, "error_code": 504, "description": "Gateway Timeout"}, status_code=504)
    if rule.error == "429":
        error = ApiError(429, f"Too Many Requests: retry after {rule.retry_after}", {"retry_after": rule.retry_after})
        return JSONResponse(error.envelope(), status_code=429)
    return JSONResponse({"ok": False, "error_code": 502, "description": "Bad Gateway"}, status_code=502)


def create_app(*, state_file: Path | None = None, **options: Any) -> Starlette:
    """The sandbox app. Options: bot_tokens, accept_any_token (True), flood_limits (True), private_burst (3),
    webhook_retry_s (0.2). The `Sandbox` is at `app.state.sandbox` for in-process inspection. With `state_file`
    the world (users, chats, messages, pending updates) is kept in that file and restored from it at start."""
    sandbox = Sandbox(**options)
    restored = load_state(state_file)
    if isinstance(restored, World):
        sandbox.world = restored

    async def bot_api(request: Request) -> Response:
        name = request.path_params["method"]
        if (rule := sandbox.faults.take(name)) is not None:
            return await _fail(request, rule)
        try:
            bot = sandbox.authorize(request.path_params["token"])
            handler = METHODS.get(name.lower())
            if handler is None:
                raise ApiError(404, "Not Found")
            params = await read_params(request)
            sandbox.world.calls[name] += 1
            call = handler(sandbox, bot, params)
            result = await (unless_disconnected(request, call) if name.lower() == "getupdates" else call)
        except ApiError as exc:
            return JSONResponse(exc.envelope(), status_code=exc.code)
        return JSONResponse({"ok": True, "result": result})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with kept_in(state_file, lambda: sandbox.world):
            yield
            await sandbox.aclose()

    async def file_download(request: Request) -> Response:
        # Telegram's file URL (`/file/bot<token>/<file_path>`), what aiogram's `Bot.download` fetches.
        try:
            sandbox.authorize(request.path_params["token"])
        except ApiError as exc:
            return JSONResponse(exc.envelope(), status_code=exc.code)
        stored = sandbox.world.files.get(request.path_params["path"])
        if stored is None:
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)
        return Response(stored["content"], media_type=stored["mime_type"])

    routes = [
        Route("/bot{token}/{method}", bot_api, methods=["GET", "POST"]),
        Route("/file/bot{token}/{path:path}", file_download, methods=["GET"]),
        *control.routes(sandbox),
        *ui.routes(),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.sandbox = sandbox
    app.state.release_waiters = sandbox.release_waiters
    app.state.restored = isinstance(restored, World)
    return app
