"""Every message the bot sends shares the per-chat limiter: a handler's reply (onboarding's «✅ Магазин: …») sent
while cards go to the same chat waits for its slot instead of meeting Telegram's 429, and a transient failure of a
reply is retried like a card's. Against the sandbox's real private-chat limit (burst 3, then 1/s)."""

from __future__ import annotations

import asyncio

import httpx

from bot.app import build_bot
from bot.notifier import Notifier
from cli.serving import serve_app
from core.ratelimit import RateLimiter
from core.settings import TelegramSettings
from sandbox.telegram.server import create_app
from tests.bot.conftest import BOT_TOKEN, TelegramSandbox, shared_send_queue


async def test_handler_replies_and_cards_share_the_chat_limit(db, settings) -> None:
    app = create_app(bot_tokens=[BOT_TOKEN])
    async with serve_app(app) as url, httpx.AsyncClient(base_url=url) as http:
        tg = TelegramSandbox(url, app, http)
        chat = await tg.user()
        telegram = TelegramSettings(bot_token=BOT_TOKEN, api_base_url=url, send_retry_s=5, request_timeout_s=5)
        limited = settings.model_copy(update={"telegram": telegram})
        bot = build_bot(limited)
        try:
            notifier = Notifier(bot, RateLimiter(None), limited, enqueue=shared_send_queue())
            # What the bot process does: tasks send cards through the notifier while a handler answers the
            # seller with `message.answer` on the same Bot (a plain Bot API call).
            await asyncio.gather(
                notifier.send(chat, "card 1"),
                notifier.send(chat, "card 2"),
                bot.send_message(chat, "✅ Магазин: Shop"),
                bot.send_message(chat, "reply 2"),
                bot.send_message(chat, "reply 3"),
            )
            # A reply that meets a 5xx is retried, not dropped with a traceback.
            (await http.post("/_sandbox/faults", json={"error": "5xx", "count": 1})).raise_for_status()
            await bot.send_message(chat, "after a 5xx")
        finally:
            await bot.session.close()
        stats = await tg.stats()
        texts = [m["text"] for m in await tg.messages(chat) if m["from_bot"]]
    assert stats["too_many_requests"] == 0
    assert sorted(texts) == sorted(["card 1", "card 2", "✅ Магазин: Shop", "reply 2", "reply 3", "after a 5xx"])
    assert notifier.errors == 1
