"""Updates from the Telegram sandbox to a real aiogram bot: long polling with a Dispatcher, and webhooks."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Dispatcher, F
from aiogram.exceptions import TelegramConflictError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.text_decorations import html_decoration
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from cli.serving import free_port
from tests.sandbox.telegram_support import Tg, server, tg

__all__ = ["server", "tg"]  # fixtures used by the tests below


async def bot_messages(tg: Tg, chat_id: int, count: int) -> list[dict]:
    """Wait (through the sandbox's own long poll) until the chat holds `count` bot messages."""
    version = -1
    for _ in range(50):
        response = await tg.control.get(
            f"/_sandbox/chats/{chat_id}/messages", params={"after_version": version, "wait": 5}
        )
        version = int(response.headers["X-Sandbox-Version"])
        from_bot = [m for m in response.json() if m["from_bot"]]
        if len(from_bot) >= count:
            return from_bot
    raise AssertionError(f"the bot sent {len(from_bot)} of {count} messages")


def build_dispatcher() -> Dispatcher:
    """A tiny bot: /start answers with a button; the button is answered and edits its message."""
    dp = Dispatcher()

    @dp.message(Command("start"))
    async def start(message: Message) -> None:
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Go", callback_data="go")]])
        await message.answer(
            f"Hello, <b>{html_decoration.quote(message.from_user.first_name)}</b>", reply_markup=markup
        )

    @dp.callback_query(F.data == "go")
    async def go(query: CallbackQuery) -> None:
        await query.answer("Going")
        await query.message.edit_text("Gone")

    return dp


async def test_dispatcher_polling_round_trip(tg: Tg) -> None:
    dp = build_dispatcher()
    polling = asyncio.create_task(
        dp.start_polling(tg.bot, handle_signals=False, close_bot_session=False, polling_timeout=10)
    )
    try:
        await tg.user(first_name="<Ann & Co>")
        (greeting,) = await bot_messages(tg, 1001, 1)
        assert greeting["html"] == "Hello, <b>&lt;Ann &amp; Co&gt;</b>" and greeting["buttons"][0][0]["text"] == "Go"
        await tg.control.post("/_sandbox/chats/1001/press", json={"message_id": greeting["message_id"], "text": "Go"})
        for _ in range(50):
            (shown,) = await bot_messages(tg, 1001, 1)
            if shown["edits"]:
                break
        assert shown["text"] == "Gone" and shown["buttons"] == []
        answers = (await tg.control.get("/_sandbox/callbacks")).json()
        assert [a["text"] for a in answers] == ["Going"]
    finally:
        await dp.stop_polling()
        await polling


async def test_long_poll_returns_when_an_update_arrives(tg: Tg) -> None:
    await tg.user()
    first = await tg.bot.get_updates(timeout=0)
    offset = first[-1].update_id + 1
    waiting = asyncio.create_task(tg.bot.get_updates(offset=offset, timeout=50, request_timeout=60))
    await asyncio.sleep(0.2)
    assert not waiting.done()
    await tg.control.post("/_sandbox/chats/1001/send", json={"text": "are you there?"})
    (update,) = await asyncio.wait_for(waiting, 10)  # long before the 50 s poll timeout
    assert update.message.text == "are you there?" and update.update_id == offset
    assert await tg.bot.get_updates(offset=offset + 1, timeout=0) == []


async def test_second_poller_ends_the_first_with_conflict(tg: Tg) -> None:
    first = asyncio.create_task(tg.bot.get_updates(timeout=30, request_timeout=40))
    await asyncio.sleep(0.2)
    second = asyncio.create_task(tg.bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 10)
    assert await second == []


async def test_allowed_updates_filters_what_is_queued(tg: Tg) -> None:
    await tg.user()
    await tg.bot.get_updates(offset=-1, allowed_updates=["callback_query"])
    sent = await tg.bot.send_message(
        1001,
        "pick",
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]]),
    )
    await tg.control.post("/_sandbox/chats/1001/send", json={"text": "ignored"})
    await tg.control.post("/_sandbox/chats/1001/press", json={"message_id": sent.message_id, "row": 0, "column": 0})
    updates = await tg.bot.get_updates(offset=-10)
    assert [u.event_type for u in updates][-1] == "callback_query"
    assert all(u.message is None or u.message.text != "ignored" for u in updates)


async def test_webhook_delivery_to_a_real_aiogram_webhook_handler(tg: Tg) -> None:
    """The sandbox POSTs updates with the secret header; the handler's reply in the response body is executed."""
    dp = Dispatcher()

    @dp.message(Command("start"))
    async def start(message: Message) -> object:
        return message.answer("via webhook reply")  # returned, not awaited: aiogram sends it in the response

    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=tg.bot, secret_token="s3cret", handle_in_background=False).register(
        app, path="/hook"
    )
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        assert await tg.bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await tg.bot.get_updates()
        await tg.user()
        (reply,) = await bot_messages(tg, 1001, 1)
        assert reply["text"] == "via webhook reply"
        info = await tg.bot.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0 and info.last_error_date is None

        # A wrong secret: aiogram's handler refuses (401), the sandbox keeps the update and records the error.
        await tg.bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="wrong")
        await tg.control.post("/_sandbox/chats/1001/send", json={"text": "/start"})
        for _ in range(50):
            info = await tg.bot.get_webhook_info()
            if info.last_error_message:
                break
            await asyncio.sleep(0.05)
        assert info.pending_update_count == 1 and "401" in info.last_error_message
        assert await tg.bot.delete_webhook()
        (update,) = await tg.bot.get_updates(timeout=0)
        assert update.message.text == "/start"
    finally:
        await tg.bot.delete_webhook()
        await runner.cleanup()
