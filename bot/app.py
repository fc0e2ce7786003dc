"""Building the bot: `Bot` (custom Bot API server when set, HTML by default), the `Dispatcher` with its deps and
middlewares, and running it by long polling (default) or as a webhook server (when a webhook URL is set)."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

from bot.middlewares import I18nMiddleware, MemberMiddleware
from bot.polling import AckingDispatcher
from bot.routers import get_routers
from core.metrics import TELEGRAM_REQUESTS
from core.redisconn import resilient_options
from core.settings import Settings

# A failed request's outcome label: asked to slow down (429), Telegram failed (5xx), never answered; anything else
# is Telegram's refusal (400, 403, ...).
_OUTCOMES = (
    (TelegramRetryAfter, "rate_limited"),
    (TelegramServerError, "server_error"),
    (TelegramNetworkError, "network"),
)


class MeteredSession(AiohttpSession):
    """The aiohttp session counting every Bot API request it makes, retries included, by method and outcome
    (`agentiq_telegram_requests_total`): below the limiter's retries, so each attempt counts once."""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        """One request to the Bot API, counted."""
        try:
            result = await super().make_request(bot, method, timeout)
        except Exception as exc:
            outcome = next((label for kind, label in _OUTCOMES if isinstance(exc, kind)), "refused")
            TELEGRAM_REQUESTS.labels(method.__api_method__, outcome).inc()
            raise
        TELEGRAM_REQUESTS.labels(method.__api_method__, "ok").inc()
        return result


def build_bot(settings: Settings) -> Bot:
    """The Bot for these settings; `telegram.api_base_url` points it at another Bot API server (the sandbox)."""
    if settings.telegram.bot_token is None:
        raise RuntimeError("AGENTIQ_TELEGRAM__BOT_TOKEN is not set")
    api = settings.telegram.api_base_url
    timeout = settings.telegram.request_timeout_s
    session = (
        MeteredSession(api=TelegramAPIServer.from_base(api), timeout=timeout)
        if api
        else MeteredSession(timeout=timeout)
    )
    return Bot(
        settings.telegram.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_storage(settings: Settings) -> BaseStorage:
    """FSM storage: Redis when configured (edits survive restarts and work across bot replicas), memory otherwise."""
    if settings.redis_url is None:
        return MemoryStorage()
    return RedisStorage.from_url(settings.redis_url, connection_kwargs=resilient_options())


def build_dispatcher(settings: Settings, *, storage: BaseStorage | None = None, **deps: Any) -> Dispatcher:
    """The Dispatcher with every router; `deps` (probe, backfill, enqueue: core's send step, ...) arrive as handler
    parameters."""
    dp = AckingDispatcher(storage=storage or build_storage(settings), settings=settings, **deps)
    for observer in (dp.message, dp.callback_query):
        observer.outer_middleware(MemberMiddleware())
        observer.outer_middleware(I18nMiddleware(settings.default_language))
    dp.include_routers(*get_routers())
    return dp
