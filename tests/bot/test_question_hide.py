"""A question WB flags (isWarned) can be hidden from buyers: "Hide question" first on its card, a confirm step, one
PATCH /api/v1/questions with state "none" in the WB sandbox; the question is never marked viewed by us."""

from __future__ import annotations

import asyncio

from core.models import Channel, Reply
from sync.engine import sync_channel
from tests.bot.conftest import bot_message, buttons, connected_cabinet, eventually


async def test_flagged_question_is_hidden_once_after_confirm(stack, tg, wb) -> None:
    seller, chat, num = await connected_cabinet(stack, tg, wb, Channel.QUESTION)
    cabinet = {"seller_id": num}
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
