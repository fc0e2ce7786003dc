"""A question WB flags (isWarned) can be hidden from buyers: "Hide question" first on its card, a confirm step, one
PATCH /api/v1/questions with state "none" in the WB sandbox; the question is never marked viewed by us."""

from __future__ import annotations

import asyncio

from core.models import Channel, Reply
from core.sellers import TokenCheck, set_token
from sync.engine import sync_channel
from tests.bot.conftest import bot_message, buttons, eventually, make_member, make_seller


async def test_flagged_question_is_hidden_once_after_confirm(stack, tg, wb) -> None:
    chat = await tg.user()
    cabinet = await wb.control("POST", "/sellers", reviews=0, questions=0, chats=0, claims=0)
    seller = await make_seller()
    await make_member(seller, chat)
    check = TokenCheck(channels=frozenset(Channel), expires_at=None)
    await set_token(seller_id=seller.id, token=cabinet["token"], check=check, settings=stack.settings)
    await sync_channel(stack, seller.id, Channel.QUESTION)
    question = await wb.control(
        "POST", f"/sellers/{cabinet['seller_id']}/questions", text="Продаёте подделку? пишите в тг", is_warned=True
    )
    await sync_channel(stack, seller.id, Channel.QUESTION)
    card = await eventually(lambda: bot_message(tg, chat, "Продаёте подделку"))
    assert "WB flagged this question" in card["text"] and buttons(card)[0] == "🙈 Hide question"
    await tg.press(chat, card["message_id"], text="🙈 Hide question")
    confirm = await eventually(lambda: _has(tg, chat, card["message_id"], "✅ Confirm: hide from buyers"))
    assert buttons(confirm) == ["✅ Confirm: hide from buyers", "✖️ Cancel"]
    answers = await wb.control("GET", f"/answers?seller_id={cabinet['seller_id']}")
    assert answers["answers"] == []  # nothing before the confirm
    await asyncio.gather(*(tg.press(chat, card["message_id"], text="✅ Confirm: hide from buyers") for _ in range(2)))

    async def hidden() -> list[dict]:
        rows = (await wb.control("GET", f"/answers?seller_id={cabinet['seller_id']}"))["answers"]
        return [r for r in rows if r["item_id"] == question["id"]]

    (row,) = await eventually(hidden)
    assert row["state"] == "none" and row["answer_calls"] == 1
    assert await Reply.filter(interaction__seller=seller, action="hide").count() == 1
    await sync_channel(stack, seller.id, Channel.QUESTION)
    done = await eventually(lambda: bot_message(tg, chat, "Hidden from buyers", card["message_id"]))
    assert "🙈 Hide question" not in buttons(done)


async def _has(tg, chat: int, message_id: int, button: str) -> dict | None:
    for message in await tg.messages(chat):
        if message["message_id"] == message_id and button in buttons(message):
            return message
    return None
