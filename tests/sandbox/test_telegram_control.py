"""The Telegram sandbox's user simulation API, its entity rendering, and the chat web page in a real browser."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from playwright.async_api import Browser

from sandbox.telegram.entities import to_html
from tests.sandbox.telegram_support import Tg, server, tg

__all__ = ["server", "tg"]  # fixtures used by the tests below


def test_to_html_escapes_text_and_neutralises_links() -> None:
    entities = [{"type": "text_link", "offset": 0, "length": 1, "url": "javascript:alert(1)"}]
    assert to_html("<script>&", entities) == '<a href="#" target="_blank" rel="noopener">&lt;</a>script&gt;&amp;'


async def test_users_chats_and_forged_callbacks(tg: Tg) -> None:
    created = (
        await tg.control.post("/_sandbox/users", json={"id": 3003, "first_name": "Bob", "language_code": "en"})
    ).json()
    assert created["chat"] is None  # a user who never wrote has no chat with the bot
    await tg.user(1001)
    assert {c["id"] for c in (await tg.control.get("/_sandbox/chats")).json()} == {1001}

    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Approve", callback_data="c:a:1")]])
    sent = await tg.bot.send_message(1001, "card", reply_markup=markup)
    forged = await tg.control.post(
        "/_sandbox/chats/1001/press", json={"message_id": sent.message_id, "data": "c:a:999", "user_id": 3003}
    )
    updates = await tg.bot.get_updates()
    query = updates[-1].callback_query
    assert forged.status_code == 200 and query.data == "c:a:999" and query.from_user.id == 3003
    assert query.from_user.language_code == "en" and query.message.chat.id == 1001

    missing = await tg.control.post("/_sandbox/chats/1001/press", json={"message_id": sent.message_id, "text": "Nope"})
    assert missing.status_code == 400 and "no button" in missing.json()["error"]
    assert (await tg.control.post("/_sandbox/chats/2/send", json={"text": "hi"})).status_code == 404


async def test_group_messages_need_a_sender_and_commands_get_entities(tg: Tg) -> None:
    await tg.user(1001)
    group = (await tg.control.post("/_sandbox/chats", json={"type": "group", "title": "Team"})).json()
    assert (await tg.control.post(f"/_sandbox/chats/{group['id']}/send", json={"text": "hi"})).status_code == 404
    said = await tg.control.post(
        f"/_sandbox/chats/{group['id']}/send", json={"text": "/inbox@bot now", "user_id": 1001}
    )
    message = said.json()["message"]
    assert message["chat"]["type"] == "group" and message["entities"] == [
        {"type": "bot_command", "offset": 0, "length": 10}
    ]
    update = (await tg.bot.get_updates())[-1]
    assert update.message.chat.title == "Team" and update.message.from_user.id == 1001


async def test_control_needs_to_know_the_bot_when_there_are_several(tg: Tg) -> None:
    anonymous = await tg.control.get("/_sandbox/chats", params={"bot": ""})
    assert anonymous.status_code == 400 and "several bots" in anonymous.json()["error"]
    assert (await tg.control.get("/_sandbox/chats", params={"bot": "424242"})).status_code == 404


async def test_chat_page_shows_the_chat_and_lets_a_person_type_and_press(tg: Tg, browser: Browser) -> None:
    await tg.user(1001)
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Approve", callback_data="ok")]])
    sent = await tg.bot.send_message(1001, "<b>Review</b> &lt;script&gt;", reply_markup=markup)
    bot_id = tg.bot.id
    page = await browser.new_page()
    await page.goto(f"{tg.url}/chat/1001?bot={bot_id}")
    await page.wait_for_selector(".msg.bot b")
    assert await page.inner_text(".msg.bot .text") == "Review <script>"
    await page.fill("#text", "hello from the page")
    await page.click("#composer button")
    await page.click(".msg.bot .row button")
    updates = []
    for _ in range(50):
        updates = await tg.bot.get_updates(timeout=1)
        if any(u.callback_query for u in updates):
            break
    texts = [u.message.text for u in updates if u.message]
    assert "hello from the page" in texts
    (query,) = [u.callback_query for u in updates if u.callback_query]
    assert query.data == "ok" and query.message.message_id == sent.message_id
    await tg.bot.edit_message_text("Approved", chat_id=1001, message_id=sent.message_id)
    await page.wait_for_selector("text=Approved")
    await page.goto(f"{tg.url}/_sandbox/ui?bot={bot_id}")
    await page.wait_for_selector("#chats a")
    assert "1001" in await page.inner_text("#chats")


async def test_a_channel_page_renders_although_its_id_is_negative(tg: Tg) -> None:
    channel = (await tg.control.post("/_sandbox/chats", json={"type": "channel", "title": "Ops"})).json()
    assert channel["id"] < 0
    page = await tg.control.get(f"/chat/{channel['id']}")
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert (await tg.control.get("/chat/1001")).status_code == 200
    assert (await tg.control.get("/chat/not-a-number")).status_code == 404
