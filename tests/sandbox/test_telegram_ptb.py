"""A second real client, python-telegram-bot, drives the Telegram sandbox: the sandbox speaks the Bot API, not just
what aiogram happens to send (PTB posts its own encoding, reads its own fields, raises on its own errors)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from tests.sandbox.telegram_support import server

__all__ = ["server"]  # fixture used below

TOKEN = "777001:ptb-secret"


@pytest.fixture
async def ptb(server: tuple[str, object]) -> AsyncIterator[tuple[Bot, httpx.AsyncClient]]:
    url, _ = server
    async with httpx.AsyncClient(base_url=url, params={"bot": 777001}) as control:
        await control.post("/_sandbox/bots", json={"token": TOKEN})
        await control.post("/_sandbox/users", json={"id": 5005, "first_name": "Pat", "start": True})
        bot = Bot(TOKEN, base_url=f"{url}/bot", base_file_url=f"{url}/file/bot")
        async with bot:
            yield bot, control


async def test_python_telegram_bot_sends_edits_and_answers(ptb: tuple[Bot, httpx.AsyncClient]) -> None:
    bot, control = ptb
    assert bot.username and (await bot.get_me()).id == 777001
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Draft", callback_data="c:d:1")]])
    sent = await bot.send_message(5005, "<b>Tom &amp; Jerry</b> & co", parse_mode=ParseMode.HTML, reply_markup=markup)
    assert sent.text == "Tom & Jerry & co" and sent.entities[0].type == "bold" and sent.entities[0].length == 11

    press = {"message_id": sent.message_id, "text": "Draft"}
    pressed = (await control.post("/_sandbox/chats/5005/press", json=press)).json()
    update = (await bot.get_updates(timeout=1))[-1]
    assert update.callback_query.id == pressed["callback_query_id"] and update.callback_query.data == "c:d:1"
    assert await bot.answer_callback_query(update.callback_query.id, text="ok")

    edited = await bot.edit_message_text("<i>Draft</i>", 5005, sent.message_id, parse_mode=ParseMode.HTML)
    assert edited.text == "Draft" and edited.entities[0].type == "italic"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(" <i>Draft</i> \n", 5005, sent.message_id, parse_mode=ParseMode.HTML)
    assert await bot.set_my_commands([("inbox", "Inbox")]) and (await bot.get_my_commands())[0].command == "inbox"
    assert await bot.delete_message(5005, sent.message_id)


async def test_python_telegram_bot_gets_telegrams_errors(ptb: tuple[Bot, httpx.AsyncClient]) -> None:
    bot, control = ptb
    # PTB capitalises Telegram's description (str.capitalize lowers the rest).
    with pytest.raises(BadRequest, match=r'(?i)^can\'t parse entities: unsupported start tag "тег" at byte offset 0$'):
        await bot.send_message(5005, "<тег>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Text must be non-empty"):
        await bot.send_message(5005, "<b>\u200b</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(5005, "x" * 4097)
    await control.post("/_sandbox/users/5005/block")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(5005, "hello")
