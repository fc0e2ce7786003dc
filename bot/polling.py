"""Long polling that confirms an update to Telegram only after its handler finished: taps are at least once.

aiogram's polling confirms an update (the next `getUpdates` offset) as soon as it has started its handler, so a
bot killed while handlers run loses those taps: Telegram never sends them again. `AckingDispatcher` keeps
aiogram's Dispatcher (routers, middlewares, start/stop, signals) and replaces only its polling loop: handlers
still run concurrently, but the offset sent to Telegram is the lowest update whose handler has not finished, so a
killed bot gets every unfinished update again when it restarts. Updates Telegram returns again while their
handler runs (or after it finished, above a still running one) are skipped by id. Handlers are idempotent (a tap
on a sent card finds it sent; the outbox key makes Send safe), so the replay of an update whose handler had done
its work before the kill does nothing twice.

A handler that runs longer than `HANDLER_TIMEOUT_S` is cancelled (it would hold back the confirmation of every
update after it). In webhook mode Telegram keeps the update until our answer, which aiogram gives only after the
handler when `handle_in_background` is off (`bot.webhook`).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import structlog
from aiogram import Bot, Dispatcher
from aiogram.dispatcher.dispatcher import DEFAULT_BACKOFF_CONFIG
from aiogram.methods import GetUpdates
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig

log = structlog.get_logger(__name__)

HANDLER_TIMEOUT_S = 120.0
# While a handler runs, Telegram answers getUpdates at once with the updates from its offset: this long between
# polls then (a new tap still starts within it).
BUSY_POLL_S = 0.3
# Telegram returns at most 100 updates per getUpdates.
MAX_RUNNING = 100
# On a clean stop, handlers get this long to finish so their updates can be confirmed.
STOP_GRACE_S = 5.0


class AckingDispatcher(Dispatcher):
    """aiogram's Dispatcher whose long polling confirms each update only after its handler finished."""

    async def _polling(
        self,
        bot: Bot,
        polling_timeout: int = 30,
        handle_as_tasks: bool = True,
        backoff_config: BackoffConfig = DEFAULT_BACKOFF_CONFIG,
        allowed_updates: list[str] | None = None,
        tasks_concurrency_limit: int | None = None,
        **kwargs: Any,
    ) -> None:
        """The polling loop `start_polling` runs per bot (aiogram's signature; `handle_as_tasks` is always on)."""
        poller = _Poller(self, bot, polling_timeout, backoff_config, allowed_updates, kwargs)
        user = await bot.me()
        log.info("bot.polling", username=user.username, bot_id=bot.id)
        try:
            await poller.run()
        finally:
            await poller.stop()


class _Poller:
    """One bot's loop: the running handlers by update id and the offset they allow."""

    def __init__(
        self,
        dp: Dispatcher,
        bot: Bot,
        polling_timeout: int,
        backoff_config: BackoffConfig,
        allowed_updates: list[str] | None,
        data: dict[str, Any],
    ) -> None:
        self.dp, self.bot, self.data = dp, bot, data
        self.polling_timeout = polling_timeout
        self.backoff = Backoff(config=backoff_config)
        self.allowed_updates = allowed_updates
        self.running: dict[int, asyncio.Task[None]] = {}
        # Finished, but not confirmed yet (a lower update still runs): Telegram may return them again.
        self.finished: set[int] = set()
        self.offset: int | None = None
        self.highest: int | None = None

    async def _handle(self, update: Update) -> None:
        try:
            async with asyncio.timeout(HANDLER_TIMEOUT_S):
                await self.dp._process_update(bot=self.bot, update=update, **self.data)
        except TimeoutError:
            log.error("bot.update_timeout", update_id=update.update_id, timeout_s=HANDLER_TIMEOUT_S)

    async def _fetch(self) -> list[Update]:
        busy = bool(self.running)
        method = GetUpdates(
            offset=self.offset, timeout=0 if busy else self.polling_timeout, allowed_updates=self.allowed_updates
        )
        timeout = int((self.bot.session.timeout or 60) + self.polling_timeout)
        return await self.bot(method, request_timeout=timeout)

    def _settle(self) -> None:
        """Move finished handlers out of `running` and compute the offset to confirm with the next poll."""
        for update_id, task in list(self.running.items()):
            if task.done():
                del self.running[update_id]
                self.finished.add(update_id)
        if self.running:
            self.offset = min(self.running)
        elif self.highest is not None:
            self.offset = self.highest + 1
        if self.offset is not None:
            self.finished = {i for i in self.finished if i >= self.offset}

    async def run(self) -> None:
        """Poll until cancelled."""
        while True:
            try:
                updates = await self._fetch()
            except Exception as exc:  # Telegram unreachable: keep polling, as aiogram does
                log.warning("bot.poll_failed", error=f"{type(exc).__name__}: {exc}"[:300])
                await self.backoff.asleep()
                continue
            self.backoff.reset()
            started = 0
            for update in updates:  # in update_id order
                uid = update.update_id
                if uid not in self.running and uid not in self.finished:
                    if len(self.running) >= MAX_RUNNING:
                        break  # this one and the rest come again with the next poll
                    self.running[uid] = asyncio.create_task(self._handle(update))
                    started += 1
                self.highest = uid if self.highest is None else max(self.highest, uid)
            if self.running and not started:
                await asyncio.wait(self.running.values(), timeout=BUSY_POLL_S, return_when=asyncio.FIRST_COMPLETED)
            self._settle()

    async def stop(self) -> None:
        """A clean stop: let running handlers finish for a moment and confirm what finished; the rest Telegram sends
        again to the next start."""
        if self.running:
            await asyncio.wait(self.running.values(), timeout=STOP_GRACE_S)
        self._settle()
        for task in self.running.values():
            task.cancel()
        if self.offset is not None:
            with contextlib.suppress(Exception):
                await self.bot(GetUpdates(offset=self.offset, timeout=0, limit=1), request_timeout=5)
