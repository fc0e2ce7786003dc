"""Webhook mode: an aiohttp server that accepts only updates carrying our secret.

Telegram sends `X-Telegram-Bot-Api-Secret-Token` with every update when the webhook was registered with a secret.
Without one, anyone who can reach the URL could post updates as any Telegram user, so webhook mode always has a
secret: the configured one (32+ characters, checked by the settings) or one generated into the data dir.
"""

from __future__ import annotations

import hmac
import time

import structlog
from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from core.secrets import stored_secret
from core.settings import Settings

log = structlog.get_logger(__name__)

WEBHOOK_SECRET_FILE = "webhook.secret"
WEBHOOK_PATH = "/webhook"
# Refused updates are logged at most this often (with how many since the last line): a flood stays one line a minute.
REFUSED_LOG_EVERY_S = 60.0


class WebhookTaken(RuntimeError):
    """Another address holds the bot's webhook; taking it over needs AGENTIQ_TELEGRAM__WEBHOOK_TAKEOVER=true."""


async def claim_webhook(bot: Bot, url: str, secret: str, *, takeover: bool) -> None:
    """Register our webhook, unless another address holds it and we were not told to take it over: two bots on one
    token would otherwise take the webhook from each other silently, and the loser refuses every genuine update."""
    current = (await bot.get_webhook_info()).url
    if current and current != url and not takeover:
        raise WebhookTaken(
            f"the bot's webhook is held by {current}, not {url}: another bot runs on this token. Stop it, or set "
            "AGENTIQ_TELEGRAM__WEBHOOK_TAKEOVER=true to take the webhook over"
        )
    if current and current != url:
        log.warning("webhook.taken_over", previous=current, url=url)
    await bot.set_webhook(url, secret_token=secret)


def webhook_secret(settings: Settings) -> str:
    """The webhook secret: the setting, else one generated once into `<data dir>/webhook.secret`."""
    if settings.telegram.webhook_secret is not None:
        return settings.telegram.webhook_secret.get_secret_value()
    return stored_secret(settings.data_dir, WEBHOOK_SECRET_FILE)


class SecretRequestHandler(SimpleRequestHandler):
    """aiogram's handler with a secret that is never optional, compared in constant time as bytes (a non-ASCII
    header must be a plain mismatch, not an error)."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, *, secret_token: str) -> None:
        if not secret_token:
            raise ValueError("the webhook needs a secret")
        super().__init__(dispatcher, bot, secret_token=secret_token)
        self._secret = secret_token.encode()
        self._refused = 0
        self._logged_at: float | None = None

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        """Whether the request carries our secret (refusals are counted and logged, rate-limited)."""
        ok = hmac.compare_digest(telegram_secret_token.encode("utf-8", "surrogateescape"), self._secret)
        if not ok:
            self._note_refused()
        return ok

    def _note_refused(self) -> None:
        # Genuine updates refused for a wrong secret mean another bot registered the webhook with its own secret:
        # say so, once a minute at most, with the count (forged posts are counted the same way).
        self._refused += 1
        now = time.monotonic()
        if self._logged_at is None or now - self._logged_at >= REFUSED_LOG_EVERY_S:
            log.warning("webhook.refused", reason="wrong secret", count=self._refused)
            self._refused, self._logged_at = 0, now


def webhook_app(dp: Dispatcher, bot: Bot, secret: str) -> web.Application:
    """The aiohttp application serving `POST /webhook`."""
    app = web.Application()
    SecretRequestHandler(dp, bot, secret_token=secret).register(app, WEBHOOK_PATH)
    setup_application(app, dp, bot=bot)
    return app
