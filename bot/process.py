"""`agentiq bot`: the Telegram bot process, long polling by default, a webhook server when
`AGENTIQ_TELEGRAM__WEBHOOK_URL` is set.

In the embedded setup (no Redis) this process is also the task worker for the bot's tasks and the sync engine's:
the in-process broker runs them here. With Redis, `agentiq worker` processes run them and this process only kicks.
"""

from __future__ import annotations

import asyncio

import structlog
from aiogram import Bot, Dispatcher
from aiohttp import web
from taskiq import AsyncBroker

from bot.runtime import bot_runtime, poll_until_cancelled
from bot.webhook import claim_webhook, webhook_app, webhook_secret
from core.heartbeat import beating
from core.settings import Settings
from core.tokens import TokenProbe

log = structlog.get_logger(__name__)


async def _webhook(dp: Dispatcher, bot: Bot, settings: Settings, host: str, port: int) -> None:
    secret = webhook_secret(settings)
    url = settings.telegram.webhook_url
    assert url is not None  # run in webhook mode only, when the URL is set
    app = webhook_app(dp, bot, secret)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    try:
        # Listening first: Telegram delivers as soon as the webhook is set, and a refused delivery counts as an error.
        await claim_webhook(bot, url, secret, takeover=settings.telegram.webhook_takeover)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def run(
    settings: Settings, broker: AsyncBroker, probe: TokenProbe, *, host: str = "127.0.0.1", port: int = 8080
) -> None:
    """Run the bot around `broker` (built with every task) and the WB token `probe` until cancelled."""
    async with (
        bot_runtime(settings, broker, probe) as runtime,
        beating(settings.redis_url, "bot", settings.sync.heartbeat_s),
    ):
        log.info("bot.start", mode="webhook" if settings.telegram.webhook_url else "polling")
        if settings.telegram.webhook_url:
            await _webhook(runtime.dispatcher, runtime.bot, settings, host, port)
        else:
            await poll_until_cancelled(runtime)
