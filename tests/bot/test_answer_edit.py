"""Editing a published answer from its card (issue 17), through the Telegram and WB sandboxes: "✏️ Edit answer" is
offered only while WB allows it, the new text passes the guardrails and a confirm step, WB holds exactly one edit
(a double confirm included), the card shows the edited answer, and a second edit is refused with the reason."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.callbacks import CardAction, CardCb
from core.models import Channel, Interaction, Reply
from sync.engine import sync_channel
from tests.bot.conftest import bot_message, buttons, connected_cabinet, eventually

EDIT = "✏️ Edit answer"
NEW_TEXT = "Спасибо за отзыв! Уточнили: подошву меняем по гарантии, <b>ждём</b> вас снова."


async def _published(stack, tg, wb, channel: Channel, buyer_text: str) -> tuple[int, int, dict, Interaction]:
    """A card whose answer (the seller's own, sent and confirmed) WB shows published: (chat, cabinet, card, item)."""
    seller, chat, num = await connected_cabinet(stack, tg, wb, channel)
    kind = "reviews" if channel == Channel.REVIEW else "questions"
    await wb.control("POST", f"/sellers/{num}/{kind}", text=buyer_text, **({"rating": 2} if kind == "reviews" else {}))
    await sync_channel(stack, seller.id, channel)
    card = await eventually(lambda: bot_message(tg, chat, buyer_text))
    await tg.press(chat, card["message_id"], text="💬 Reply")
    await eventually(lambda: bot_message(tg, chat, "Send your reply text"))
    await tg.send(chat, "Спасибо, что написали! Разберёмся и поможем.")
    preview = await eventually(lambda: bot_message(tg, chat, "Check your reply"))
    await tg.press(chat, preview["message_id"], text="✅ Send")
    await eventually(lambda: bot_message(tg, chat, "Sent", card["message_id"]))
    await sync_channel(stack, seller.id, channel)
    await eventually(lambda: bot_message(tg, chat, "Published", card["message_id"]))
    return chat, num, card, await Interaction.get(seller=seller, channel=channel)


async def _row(wb, num: int, item: Interaction) -> dict:
    rows = (await wb.control("GET", f"/answers?seller_id={num}"))["answers"]
    return next(r for r in rows if r["item_id"] == item.external_id)


async def _with_button(tg, chat: int, message_id: int, label: str, present: bool = True) -> dict | None:
    message = await bot_message(tg, chat, "", message_id)
    return message if message is not None and (label in buttons(message)) == present else None


async def test_review_answer_is_edited_once_after_confirm(stack, tg, wb) -> None:
    chat, num, card, item = await _published(stack, tg, wb, Channel.REVIEW, "Подошва отклеилась")
    published = await eventually(lambda: _with_button(tg, chat, card["message_id"], EDIT))
    assert buttons(published)[0] == EDIT
    await tg.press(chat, card["message_id"], text=EDIT)
    prompt = await eventually(lambda: bot_message(tg, chat, "Send the new answer text"))
    assert "Разберёмся и поможем" in prompt["text"]  # the current answer, to start from
    await tg.send(chat, "Пишите в whatsapp, вернём деньги")
    await eventually(lambda: bot_message(tg, chat, "was not sent"))
    await tg.send(chat, NEW_TEXT)
    check = await eventually(lambda: bot_message(tg, chat, "Check the new answer"))
    assert NEW_TEXT in check["text"]  # shown escaped and read back as the plain text
    assert buttons(check) == ["✅ Confirm: replace the answer on WB", "✖️ Cancel"]
    assert (await _row(wb, num, item))["edit_calls"] == 0  # nothing before the confirm
    await asyncio.gather(*(tg.press(chat, check["message_id"], text=buttons(check)[0]) for _ in range(2)))
    await eventually(lambda: bot_message(tg, chat, "Answer edited", card["message_id"]))

    async def edited() -> dict | None:
        row = await _row(wb, num, item)
        return row if row["edits"] == 1 else None

    row = await eventually(edited)
    assert (row["answer"], row["edit_calls"], row["answer_calls"]) == (NEW_TEXT, 1, 1)
    assert await Reply.filter(interaction_id=item.id, action="edit").count() == 1
    done = await eventually(lambda: _with_button(tg, chat, card["message_id"], EDIT, present=False))
    assert NEW_TEXT in done["text"] and "Reply sent" not in done["text"]  # the edited answer, escaped
    # A second edit is refused with WB's rule, even from a forged button.
    forged = CardCb(action=CardAction.EDIT_ANSWER, interaction_id=item.id).pack()
    pressed = await tg.press(chat, card["message_id"], data=forged)
    answer = await eventually(lambda: _answered(tg, pressed["callback_query_id"]))
    assert answer["text"] == "⛔ WB allows editing an answer only once, and this one has been edited already."
    assert (await _row(wb, num, item))["edit_calls"] == 1


async def test_question_answer_past_60_days_offers_no_edit(stack, tg, wb) -> None:
    chat, num, card, item = await _published(stack, tg, wb, Channel.QUESTION, "Есть размер XL?")
    await eventually(lambda: _with_button(tg, chat, card["message_id"], EDIT))
    await tg.press(chat, card["message_id"], text=EDIT)
    await eventually(lambda: bot_message(tg, chat, "Send the new answer text"))
    # Meanwhile 60 days pass: the typed text is refused with the reason, nothing reaches WB.
    await Interaction.filter(id=item.id).update(answered_at=datetime.now(UTC) - timedelta(days=61))
    await tg.send(chat, "Да, XL есть в наличии, ждём ваш заказ.")
    await eventually(lambda: bot_message(tg, chat, "only within 60 days"))
    assert (await _row(wb, num, item))["edit_calls"] == 0
    pressed = await tg.press(chat, card["message_id"], text=EDIT)  # the card still shows the old button
    answer = await eventually(lambda: _answered(tg, pressed["callback_query_id"]))
    assert "only within 60 days" in answer["text"] and answer["show_alert"]


async def _answered(tg, query_id: str) -> dict | None:
    record = await tg.callback(query_id)
    return record if record.get("answered") else None
