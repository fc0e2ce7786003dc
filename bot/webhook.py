"""Webhook mode: an aiohttp server that accepts only updates carrying our secret.

Telegram sends `X-Telegram-Bot-Api-Secret-Token` with every update when the webhook was registered with a secret.
Without one, anyone who can reach the URL could post updates as any Telegram user, so webhook mode always has a
secret: the configured one (32+ characters, checked by the settings) or one generated into the data dir.
"""

from __future__ import annotations

import hmac

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from core.secrets import stored_secret
from core.settings import Settings

WEBHOOK_SECRET_FILE = "webhook.secret"
WEBHOOK_PATH = "/webhook"


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
        # Answered only after the handler: Telegram re-sends an update whose handler did not finish (bot.polling).
        super().__init__(dispatcher, bot, secret_token=secret_token, handle_in_background=False)
        self._secret = secret_token.encode()

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        """Whether the request carries our secret."""
        return hmac.compare_digest(telegram_secret_token.encode("utf-8", "surrogateescape"), self._secret)


def webhook_app(dp: Dispatcher, bot: Bot, secret: str) -> web.Application:
    """The aiohttp application serving `POST /webhook`."""
    app = web.Application()
    SecretRequestHandler(dp, bot, secret_token=secret).register(app, WEBHOOK_PATH)
    setup_application(app, dp, bot=bot)
    return app
