"""Every message the bot sends goes through one per-chat limiter, whoever sends it: a card from a task, a reply of a
handler (`message.answer`, onboarding's confirmations), a document, an edit.

`TelegramLimits` is a request middleware on the Bot's session (`install_limits`): before a send or an edit to a chat
it waits for that chat's slot of the shared `core.ratelimit.RateLimiter` (Redis-backed when Redis is set), then a
global one, so a slot of the global budget is never held while a busy chat waits. Limits: 30/s per bot, 1/s per
private chat, 20/min per group (`TelegramSettings`). A transient failure — a network error, a timeout, a 5xx or a
429 — is retried with backoff for up to `TelegramSettings.send_retry_s` (a 429 pauses that chat for every worker
for Telegram's `retry_after` first); then the last error is raised to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import structlog
from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from limits import parse
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_before_delay, wait_exponential_jitter

from core.ratelimit import RateLimiter
from core.settings import TelegramSettings

log = structlog.get_logger(__name__)

# What is worth another try: the request did not get through (network, timeout), Telegram failed (5xx) or asked us
# to slow down (429). A 400 or 403 is Telegram's final word.
TRANSIENT = (TelegramNetworkError, TelegramServerError, TelegramRetryAfter)
# The methods that put something in a chat (Telegram's flood limits count them).
_LIMITED_PREFIXES = ("send", "edit", "copy", "forward")
_backoff = wait_exponential_jitter(multiplier=0.2, max=5.0, jitter=0.2)


def _wait(state: RetryCallState) -> float:
    """Telegram's retry_after after a 429, else exponential backoff with jitter."""
    error = state.outcome.exception() if state.outcome else None
    return float(error.retry_after) if isinstance(error, TelegramRetryAfter) else _backoff(state)


@dataclass
class TelegramLimits(BaseRequestMiddleware):
    """The session middleware: limits, retries and counts (`retries`: 429s met; `errors`: other transient ones)."""

    limiter: RateLimiter
    settings: TelegramSettings
    retries: int = field(default=0, init=False)
    errors: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self._global = parse(self.settings.global_rate)
        self._chat = parse(self.settings.per_chat_rate)
        self._group = parse(self.settings.per_group_rate)

    async def slot(self, chat_id: int) -> None:
        """Wait for `chat_id`'s slot, then for a global one."""
        # Negative ids are groups and channels in Telegram.
        await self.limiter.wait(self._chat if chat_id > 0 else self._group, f"tg:chat:{chat_id}")
        await self.limiter.wait(self._global, "tg:global")

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        chat_id: Any = getattr(method, "chat_id", None)
        if not isinstance(chat_id, int) or not method.__api_method__.startswith(_LIMITED_PREFIXES):
            return await make_request(bot, method)
        retrying = AsyncRetrying(
            retry=retry_if_exception_type(TRANSIENT),
            stop=stop_before_delay(self.settings.send_retry_s),
            wait=_wait,
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                await self.slot(chat_id)
                try:
                    return await make_request(bot, method)
                except TelegramRetryAfter as exc:
                    self.retries += 1
                    await self.limiter.pause(f"tg:chat:{chat_id}", exc.retry_after)
                    raise
                except TRANSIENT as exc:
                    self.errors += 1
                    log.info("telegram.retry", method=method.__api_method__, chat_id=chat_id, error=str(exc)[:200])
                    raise
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover


def install_limits(bot: Bot, limiter: RateLimiter, settings: TelegramSettings) -> TelegramLimits:
    """Put the limits on `bot`'s session, in place of any it had (one limiter per Bot)."""
    for middleware in list(bot.session.middleware):
        if isinstance(middleware, TelegramLimits):
            bot.session.middleware.unregister(middleware)
    limits = TelegramLimits(limiter, settings)
    bot.session.middleware(limits)
    return limits
