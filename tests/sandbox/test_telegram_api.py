"""The Telegram sandbox through the real aiogram client over HTTP: messages, keyboards, edits, callbacks, errors."""

from __future__ import annotations

import httpx
import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BufferedInputFile, InputMediaPhoto
from aiogram.utils.keyboard import InlineKeyboardBuilder

from cli.serving import serve_app
from sandbox.telegram.server import create_app
from tests.sandbox.telegram_support import TOKEN, Tg, make_bot, server, tg

__all__ = ["server", "tg"]  # fixtures used by the tests below


def keyboard(*pairs: tuple[str, str]) -> object:
    builder = InlineKeyboardBuilder()
    for text, data in pairs:
        builder.button(text=text, callback_data=data)
    return builder.as_markup()


async def test_send_message_with_keyboard_press_answer_and_edit(tg: Tg) -> None:
    await tg.user()
    me = await tg.bot.get_me()
    sent = await tg.bot.send_message(1001, "<b>New review</b> &amp; more", reply_markup=keyboard(("Draft", "c:d:7")))
    assert sent.from_user.id == me.id and sent.chat.id == 1001 and sent.text == "New review & more"
    assert sent.entities[0].type == "bold" and sent.entities[0].length == len("New review")
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "c:d:7"

    pressed = (
        await tg.control.post("/_sandbox/chats/1001/press", json={"message_id": sent.message_id, "text": "Draft"})
    ).json()
    updates = await tg.bot.get_updates(timeout=1)
    query = updates[-1].callback_query
    assert (
        query.id == pressed["callback_query_id"]
        and query.data == "c:d:7"
        and query.message.message_id == sent.message_id
    )
    assert await tg.bot.answer_callback_query(query.id, text="Drafting…")

    edited = await tg.bot.edit_message_text(
        "<i>Draft</i>", chat_id=1001, message_id=sent.message_id, reply_markup=keyboard(("Approve", "c:a:7"))
    )
    assert edited.text == "Draft" and edited.edit_date is not None
    await tg.bot.edit_message_reply_markup(chat_id=1001, message_id=sent.message_id)

    shown = (await tg.messages(1001))[-1]
    assert shown["html"] == "<i>Draft</i>" and shown["buttons"] == []
    assert [e["html"] for e in shown["edits"]] == ["<b>New review</b> &amp; more", "<i>Draft</i>"]
    assert shown["edits"][1]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "c:a:7"
    answers = (await tg.control.get("/_sandbox/callbacks", params={"callback_query_id": query.id})).json()
    assert answers[0]["answered"] and answers[0]["text"] == "Drafting…"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await tg.bot.answer_callback_query(query.id, text="again")


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [
        ("<b>open", "Can't find end tag corresponding to start tag b"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("price < 5", 'Unsupported start tag "" at byte offset 6'),
        ("цена <тег>", 'Unsupported start tag "тег" at byte offset 9'),
        ("&#xD800;", "Text contains invalid Unicode characters after decoding HTML entities"),
    ],
)
async def test_malformed_html_is_refused(tg: Tg, markup: str, fragment: str) -> None:
    await tg.user()
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as caught:
        await tg.bot.send_message(1001, markup)
    assert caught.value.message.startswith(f"Bad Request: can't parse entities: {fragment}")
    assert len(await tg.messages(1001)) == 1  # only /start


async def test_text_telegram_keeps_literal_is_sent(tg: Tg) -> None:
    await tg.user()
    sent = await tg.bot.send_message(1001, "Tom & Jerry &nbsp; AT&T &copy;")
    assert sent.text == "Tom & Jerry &nbsp; AT&T &copy;" and not sent.entities


async def test_text_limit_counts_code_points_after_parsing_and_trimming(tg: Tg) -> None:
    await tg.user()
    full = await tg.bot.send_message(1001, "<b>" + "я" * 4000 + "</b>" + "&amp;" * 96)
    assert len(full.text) == 4096
    emoji = await tg.bot.send_message(1001, "😀" * 4096)  # 8192 UTF-16 units, 4096 code points
    assert emoji.text == "😀" * 4096
    padded = await tg.bot.send_message(1001, "\n  " + "x" * 4096 + "  \n")
    assert padded.text == "x" * 4096
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await tg.bot.send_message(1001, "x" * 4097)
    with pytest.raises(TelegramBadRequest, match="Bad Request: text is too long"):
        await tg.bot.send_message(1001, "<b>x</b>" + " " * 32761)  # 32 769 bytes of markup, 1 character of text


@pytest.mark.parametrize("text", ["<b> </b>", " ", "\n\n", "\u200b", "\u00a0", "\u2800", "<i>\u200b</i> \u2800"])
async def test_text_empty_after_parsing_is_not_an_empty_parameter(tg: Tg, text: str) -> None:
    await tg.user()
    with pytest.raises(TelegramBadRequest) as caught:
        await tg.bot.send_message(1001, text)
    assert caught.value.message == "Bad Request: text must be non-empty"
    with pytest.raises(TelegramBadRequest) as empty:
        await tg.bot.send_message(1001, "")
    assert empty.value.message == "Bad Request: message text is empty"


async def test_text_is_parsed_before_the_chat_is_looked_up(tg: Tg) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await tg.bot.send_message(424242, "<b>x")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await tg.bot.send_message(424242, "<b>x</b>")
    # Emptiness is Telegram's check on the content, after the chat is known.
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await tg.bot.send_message(424242, "<b> </b>")


async def test_unparsable_reply_markup_wording(tg: Tg) -> None:
    await tg.user()
    base = f"{tg.url}/bot{tg.bot.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        broken = await client.post(base, data={"chat_id": 1001, "text": "x", "reply_markup": "{not json"})
        assert broken.json()["description"] == "Bad Request: can't parse reply keyboard markup JSON object"
        unknown_chat = await client.post(base, data={"chat_id": 424242, "text": "x", "reply_markup": "[1"})
        assert unknown_chat.json()["description"] == "Bad Request: can't parse reply keyboard markup JSON object"
        not_object = await client.post(base, data={"chat_id": 1001, "text": "x", "reply_markup": "[]"})
        assert not_object.json()["description"] == "Bad Request: object expected as reply markup"


async def test_stored_text_is_trimmed_without_bidi_overrides(tg: Tg) -> None:
    await tg.user()
    sent = await tg.bot.send_message(1001, "\n <b>Отзыв</b>: \u202eтекст\u202c \n")
    assert sent.text == "Отзыв: текст"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 5)]
    assert (await tg.messages(1001))[-1]["text"] == "Отзыв: текст"


async def test_callback_data_is_limited_to_64_bytes(tg: Tg) -> None:
    await tg.user()
    await tg.bot.send_message(1001, "ok", reply_markup=keyboard(("B", "x" * 64)))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await tg.bot.send_message(1001, "no", reply_markup=keyboard(("B", "я" * 33)))  # 66 bytes, 33 characters


async def test_identical_edit_is_not_modified(tg: Tg) -> None:
    await tg.user()
    sent = await tg.bot.send_message(1001, "same", reply_markup=keyboard(("A", "a")))
    # Telegram compares what it stored: trimmed, without U+202A-U+202E, tags that change nothing ignored.
    for again in ("same", " same \n", "sa\u202ame", "<b></b>same"):
        with pytest.raises(TelegramBadRequest, match="message is not modified"):
            await tg.bot.edit_message_text(
                again, chat_id=1001, message_id=sent.message_id, reply_markup=keyboard(("A", "a"))
            )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await tg.bot.edit_message_text("other", chat_id=1001, message_id=999)


async def test_blocked_user_and_unknown_chat(tg: Tg) -> None:
    await tg.user()
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await tg.bot.send_message(2002, "hello")
    blocked = (await tg.control.post("/_sandbox/users/1001/block")).json()
    assert blocked["blocked"]
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await tg.bot.send_message(1001, "hello")
    update = (await tg.bot.get_updates())[-1]
    assert update.my_chat_member.new_chat_member.status == "kicked"
    await tg.control.post("/_sandbox/users/1001/unblock")
    assert (await tg.bot.send_message(1001, "back")).text == "back"


async def test_flood_limit_answers_429_with_retry_after(tg: Tg) -> None:
    await tg.user()
    for n in range(3):  # the private chat's burst
        await tg.bot.send_message(1001, f"m{n}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await tg.bot.send_message(1001, "one too many")
    assert caught.value.retry_after >= 1
    stats = (await tg.control.get("/_sandbox/stats")).json()
    assert stats["too_many_requests"] == 1 and stats["sent_per_chat"] == {"1001": 3}
    await tg.control.post("/_sandbox/limits", json={"enabled": False})
    try:
        for n in range(5):
            await tg.bot.send_message(1001, f"free {n}")
    finally:
        await tg.control.post("/_sandbox/limits", json={"enabled": True})


async def test_group_limit_is_twenty_per_minute(tg: Tg) -> None:
    channel = (
        await tg.control.post("/_sandbox/chats", json={"type": "channel", "title": "Ops", "username": "ops"})
    ).json()
    assert channel["id"] < -1_000_000_000_000
    for n in range(20):
        await tg.bot.send_message(channel["id"] if n % 2 else "@ops", f"alert {n}")
    with pytest.raises(TelegramRetryAfter):
        await tg.bot.send_message(channel["id"], "alert 21")
    shown = await tg.messages(channel["id"])
    assert len(shown) == 20 and all(m["from_bot"] for m in shown)


async def test_document_commands_delete_and_chat_action(tg: Tg) -> None:
    await tg.user()
    sent = await tg.bot.send_document(
        1001, BufferedInputFile(b"a;b\n1;2\n", filename="export.csv"), caption="<b>CSV</b>"
    )
    assert sent.document.file_name == "export.csv" and sent.caption == "CSV" and sent.caption_entities[0].type == "bold"
    content = await tg.control.get(f"/_sandbox/files/{sent.document.file_id}")
    assert content.content == b"a;b\n1;2\n"

    await tg.bot.set_my_commands([BotCommand(command="inbox", description="Входящие")], language_code="ru")
    await tg.bot.set_my_commands([BotCommand(command="inbox", description="Inbox")], language_code="en")
    scope = BotCommandScopeAllPrivateChats()
    await tg.bot.set_my_commands([BotCommand(command="help", description="Help")], scope=scope)
    assert [c.description for c in await tg.bot.get_my_commands(language_code="ru")] == ["Входящие"]
    assert [c.description for c in await tg.bot.get_my_commands(language_code="en")] == ["Inbox"]
    assert [c.command for c in await tg.bot.get_my_commands(scope=scope)] == ["help"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await tg.bot.set_my_commands([BotCommand(command="Bad Command", description="x")])

    assert await tg.bot.send_chat_action(1001, "typing")
    assert await tg.bot.delete_message(1001, sent.message_id)
    assert (await tg.messages(1001))[-1]["deleted"]
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await tg.bot.delete_message(1001, sent.message_id)


async def test_photos_and_albums_as_telegram_sends_them(tg: Tg) -> None:
    await tg.user()
    await tg.control.post("/_sandbox/limits", json={"enabled": False})  # many sends to one chat in a second
    url = "https://feedback04.wbbasket.ru/vol1/part1/x/photos/fs.webp"
    one = await tg.bot.send_photo(1001, url, caption="<b>Фото</b> отзыва")
    assert one.photo and one.caption == "Фото отзыва" and one.caption_entities[0].type == "bold"
    uploaded = await tg.bot.send_photo(1001, BufferedInputFile(b"\xff\xd8jpeg", filename="a.jpg"))
    album = await tg.bot.send_media_group(
        1001,
        [InputMediaPhoto(media=url, caption="1 <i>из</i> 3", parse_mode="HTML")]
        + [InputMediaPhoto(media=f"{url}?{n}") for n in range(2)],
    )
    assert len(album) == 3 and len({m.media_group_id for m in album}) == 1 and album[0].media_group_id
    assert album[0].caption == "1 из 3" and album[1].caption is None
    again = await tg.bot.send_media_group(1001, [InputMediaPhoto(media=uploaded.photo[-1].file_id)])
    assert len(again) == 1 and again[0].media_group_id is None  # one item: a plain message, as Telegram does
    shown = await tg.messages(1001)
    grouped = [m for m in shown if m["media_group_id"] == album[0].media_group_id]
    assert [m["photo"]["url"] for m in grouped] == [url, f"{url}?0", f"{url}?1"]
    with pytest.raises(TelegramBadRequest, match="too many messages to send as an album"):
        await tg.bot.send_media_group(1001, [InputMediaPhoto(media=url)] * 11)
    with pytest.raises(TelegramBadRequest, match='failed to send message #2 with the error message "WEBPAGE_CURL'):
        await tg.bot.send_media_group(1001, [InputMediaPhoto(media=url), InputMediaPhoto(media="https://x.invalid/a")])
    with pytest.raises(TelegramBadRequest, match="failed to get HTTP URL content"):
        await tg.bot.send_photo(1001, "https://x.invalid/a")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await tg.bot.send_photo(1001, url, caption="я" * 1025)
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await tg.bot.send_photo(1001, "ftp://example.com/a.jpg")
    assert len(await tg.messages(1001)) == len(shown)  # the refused ones stored nothing


async def test_tokens_and_unknown_methods() -> None:
    app = create_app(bot_tokens=[TOKEN], accept_any_token=False)
    async with serve_app(app) as url:
        stranger = make_bot(url, "999:not-registered")
        try:
            with pytest.raises(TelegramUnauthorizedError):
                await stranger.get_me()
        finally:
            await stranger.session.close()
        async with httpx.AsyncClient(base_url=url) as http:
            missing = await http.post(f"/bot{TOKEN}/sendCarrierPigeon", data={"chat_id": "1"})
            assert missing.status_code == 404 and missing.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }
            wrong_secret = await http.get(f"/bot{TOKEN.split(':')[0]}:other/getMe")
            assert wrong_secret.status_code == 401
            as_json = await http.post(f"/bot{TOKEN}/getMe", json={})
            assert as_json.json()["result"]["id"] == 123456


async def test_any_well_formed_token_is_accepted_by_default() -> None:
    async with serve_app(create_app()) as url:
        bot = make_bot(url, "777:any-secret")
        try:
            assert (await bot.get_me()).id == 777
        finally:
            await bot.session.close()
