"""`python -m bot` / `agentiq bot`: the Telegram bot process.

In the embedded setup (no Redis) this process is also the task worker for the bot's tasks and the sync engine's:
the in-process broker runs them here. With Redis, `agentiq worker` processes run them and this process only kicks.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib

import structlog
from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import build_bot, build_dispatcher
from bot.backfill import Backfill
from bot.notify import Notifier
from bot.routers.help import set_commands
from bot.wb_probe import make_probe
from core.db import close_db, init_db
from core.settings import Settings, get_settings
from sync.broker import broker
from sync.ratelimit import build_limiter
from sync.wb import WBClient

log = structlog.get_logger(__name__)


async def _webhook(dp: Dispatcher, bot: Bot, settings: Settings, host: str, port: int) -> None:
    secret = settings.telegram.webhook_secret
    app = web.Application()
    SimpleRequestHandler(dp, bot, secret_token=secret.get_secret_value() if secret else None).register(app, "/webhook")
    setup_application(app, dp, bot=bot)
    await bot.set_webhook(settings.telegram.webhook_url, secret_token=secret.get_secret_value() if secret else None)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def run(settings: Settings, *, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the bot until cancelled: long polling, or a webhook server when `telegram.webhook_url` is set."""
    importlib.import_module("bot.tasks")  # registers the bot's tasks on the shared broker

    await init_db(settings)
    bot = build_bot(settings)
    limiter = build_limiter(settings)
    wb = WBClient(settings.wb)
    backfill = Backfill(bot, broker)
    broker.state.notifier = Notifier(bot, limiter, settings.telegram)
    await broker.startup()
    dp = build_dispatcher(settings, probe=make_probe(wb), backfill=backfill)
    try:
        await set_commands(bot, settings.default_language)
        log.info("bot.start", mode="webhook" if settings.telegram.webhook_url else "polling")
        if settings.telegram.webhook_url:
            await _webhook(dp, bot, settings, host, port)
        else:
            await bot.delete_webhook()
            await dp.start_polling(bot, handle_signals=False)
    finally:
        await backfill.aclose()
        await broker.shutdown()
        await wb.aclose()
        await limiter.aclose()
        await bot.session.close()
        await close_db()


def main() -> None:
    """Entry point of `python -m bot`."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(get_settings()))


if __name__ == "__main__":
    main()
