"""Card lifecycle end to end: WB sandbox item → sync → card in the Telegram sandbox → Draft → Approve → the WB
sandbox holds the answer → the card shows sent/published. Edit with a guardrail block; forged and double taps."""

from __future__ import annotations

import asyncio
from typing import Any

from core.models import AuditEvent, Channel, Reply, ReplyQuality
from core.tokens import TokenCheck, set_token
from sync.engine import sync_channel
from tests.bot.conftest import eventually, make_member, make_seller


async def _connected(stack, tg, wb) -> tuple[Any, int, int]:
    """A seller connected to an empty WB sandbox cabinet, backfilled, with its owner's chat."""
    chat = await tg.user()
    cabinet = await wb.control("POST", "/sellers", reviews=0, questions=0, chats=0)
    seller = await make_seller()
    await make_member(seller, chat)
    check = TokenCheck(channels=frozenset(Channel), expires_at=None)
    await set_token(seller_id=seller.id, token=cabinet["token"], check=check, settings=stack.settings)
    for channel in Channel:
        await sync_channel(stack, seller.id, channel)
    return seller, chat, cabinet["seller_id"]


async def _card(tg, chat: int, contains: str) -> dict | None:
    for message in await tg.messages(chat):
        if message["from_bot"] and contains in message["text"] and message["buttons"]:
            return message
    return None


async def _shows(tg, chat: int, message_id: int, contains: str) -> dict | None:
    for message in await tg.messages(chat):
        if message["message_id"] == message_id and contains in message["text"]:
            return message
    return None


async def _answers(wb, cabinet: int) -> list[dict]:
    return (await wb.control("GET", f"/answers?seller_id={cabinet}"))["answers"]


def _buttons(message: dict) -> list[str]:
    return [button["text"] for row in message["buttons"] for button in row]


async def _draft_and_approve(stack, tg, wb, seller, chat, cabinet, channel: Channel, buyer_text: str) -> dict:
    await sync_channel(stack, seller.id, channel)
    card = await eventually(lambda: _card(tg, chat, buyer_text))
    assert _buttons(card)[:3] == ["✍️ Draft", "💬 Reply", "⏭ Skip"]
    assert "🛍 Open product" in _buttons(card) or channel == Channel.CHAT
    await tg.press(chat, card["message_id"], text="✍️ Draft")
    drafted = await eventually(lambda: _shows(tg, chat, card["message_id"], "Draft ("))
    assert "✅ Approve" in _buttons(drafted)
    await tg.press(chat, card["message_id"], text="✅ Approve")
    answers = await eventually(lambda: _answers(wb, cabinet))
    assert len(answers) == 1 and answers[0]["channel"] == channel and answers[0]["answer_calls"] == 1
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Sent"))
    return card


async def test_review_draft_approve_published(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    review = await wb.control("POST", f"/sellers/{cabinet}/reviews", text="Подошва отклеилась", rating=2)
    nm_id = review["productDetails"]["nmId"]
    card = await _draft_and_approve(stack, tg, wb, seller, chat, cabinet, Channel.REVIEW, "Подошва отклеилась")
    await sync_channel(stack, seller.id, Channel.REVIEW)
    published = await eventually(lambda: _shows(tg, chat, card["message_id"], "Published"))
    # WB lets the answer be edited once within 60 days: the published card offers it (tests/bot/test_answer_edit.py).
    assert _buttons(published) == ["✏️ Edit answer", "🧵 Timeline", "🛍 Open product"]
    # The final card keeps the text that went to WB and who sent it.
    sent_text = (await _answers(wb, cabinet))[0]["answer"]
    assert f"Reply sent (User {chat})" in published["text"] and sent_text[:40] in published["text"]
    assert published["buttons"][-1][-1]["url"] == f"https://www.wildberries.ru/catalog/{nm_id}/detail.aspx"


async def test_question_draft_approve(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await wb.control("POST", f"/sellers/{cabinet}/questions", text="Есть размер XL?")
    await _draft_and_approve(stack, tg, wb, seller, chat, cabinet, Channel.QUESTION, "Есть размер XL?")


async def test_chat_draft_approve_delivered(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await wb.control("POST", f"/sellers/{cabinet}/chat-messages", text="Где мой заказ?")
    card = await _draft_and_approve(stack, tg, wb, seller, chat, cabinet, Channel.CHAT, "Где мой заказ?")
    # The next chat sync sees our message in WB's events: the card reaches its final state.
    await sync_channel(stack, seller.id, Channel.CHAT)
    delivered = await eventually(lambda: _shows(tg, chat, card["message_id"], "Delivered to the buyer's chat"))
    assert "Sent, waiting" not in delivered["text"] and f"Reply sent (User {chat})" in delivered["text"]
    assert _buttons(delivered) == ["🧵 Timeline", "🛍 Open product"]  # the chat's order card names its product


async def test_edit_blocked_then_clean_text(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await wb.control("POST", f"/sellers/{cabinet}/reviews", text="Размер не подошёл", rating=3)
    await sync_channel(stack, seller.id, Channel.REVIEW)
    card = await eventually(lambda: _card(tg, chat, "Размер не подошёл"))
    await tg.press(chat, card["message_id"], text="✍️ Draft")
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Draft ("))
    await tg.press(chat, card["message_id"], text="✏️ Edit")
    await eventually(lambda: _card_free(tg, chat, "corrected reply"))
    await tg.send(chat, "Вернём деньги, пишите на shop@example.com или звоните +7 999 123-45-67")
    blocked = await eventually(lambda: _card_free(tg, chat, "was not sent"))
    assert blocked["text"].count("•") >= 2  # every reason is listed
    assert await _answers(wb, cabinet) == []
    assert not await Reply.exists()
    clean = "Спасибо за отзыв! Жаль, что размер не подошёл, подскажем по таблице размеров."
    await tg.send(chat, clean)
    # A clean text is shown back first: nothing reaches WB before Send.
    preview = await eventually(lambda: _card_free(tg, chat, "Check your reply"))
    assert clean in preview["text"] and _buttons(preview) == ["✅ Send", "✏️ Edit again", "✖️ Cancel"]
    assert await _answers(wb, cabinet) == [] and not await Reply.exists()
    await tg.press(chat, preview["message_id"], text="✏️ Edit again")
    await eventually(lambda: _count(tg, chat, "corrected reply", 2))
    second = "Спасибо! Жаль, что размер не подошёл: подскажем по таблице размеров."
    await tg.send(chat, second)
    await eventually(lambda: _count(tg, chat, "Check your reply", 2))
    preview = await _card_free(tg, chat, "Check your reply")
    assert "подскажем по таблице" in preview["text"] and preview["text"].count("Спасибо!") == 1
    await tg.press(chat, preview["message_id"], text="✖️ Cancel")
    await eventually(lambda: _shows(tg, chat, preview["message_id"], "nothing was sent"))
    assert await _answers(wb, cabinet) == [] and not await Reply.exists()
    # The card is back on the generated draft; Edit once more and Send.
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Draft (template"))
    await tg.press(chat, card["message_id"], text="✏️ Edit")
    await eventually(lambda: _count(tg, chat, "corrected reply", 3))
    await tg.send(chat, clean)
    # The cancelled preview no longer says so: this is the second live one.
    await eventually(lambda: _count(tg, chat, "Check your reply", 2))
    preview = await _card_free(tg, chat, "Check your reply")
    await tg.press(chat, preview["message_id"], text="✅ Send")
    await eventually(lambda: _shows(tg, chat, preview["message_id"], "Sent to WB"))
    answers = await eventually(lambda: _answers(wb, cabinet))
    assert answers[0]["answer"] == clean and len(answers) == 1
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Sent"))
    assert (await Reply.get()).quality == ReplyQuality.EDITED


async def _count(tg, chat: int, contains: str, n: int) -> bool:
    return sum(1 for m in await tg.messages(chat) if m["from_bot"] and contains in (m["text"] or "")) >= n


async def _card_free(tg, chat: int, contains: str) -> dict | None:
    for message in reversed(await tg.messages(chat)):
        if message["from_bot"] and contains in message["text"]:
            return message
    return None


async def test_forged_and_double_taps(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await wb.control("POST", f"/sellers/{cabinet}/reviews", text="Отличные кроссовки", rating=5)
    await sync_channel(stack, seller.id, Channel.REVIEW)
    card = await eventually(lambda: _card(tg, chat, "Отличные кроссовки"))
    await tg.press(chat, card["message_id"], text="✍️ Draft")
    drafted = await eventually(lambda: _shows(tg, chat, card["message_id"], "Draft ("))
    approve = next(b["callback_data"] for row in drafted["buttons"] for b in row if b["text"] == "✅ Approve")

    stranger = await tg.user()
    forged = await tg.press(chat, card["message_id"], data=approve, user_id=stranger)
    refused = await eventually(lambda: _answered(tg, forged["callback_query_id"]))
    assert refused["show_alert"] and "not a member" in refused["text"]
    garbage = await tg.press(chat, card["message_id"], data="c:zz:1:0")
    refused = await eventually(lambda: _answered(tg, garbage["callback_query_id"]))
    assert "out of date" in refused["text"]
    assert await AuditEvent.filter(action="access.denied").count() == 2
    assert await _answers(wb, cabinet) == []

    # Two taps at once: one reply row, one call to WB.
    await asyncio.gather(*(tg.press(chat, card["message_id"], text="✅ Approve") for _ in range(2)))
    answers = await eventually(lambda: _answers(wb, cabinet))
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Sent"))
    assert answers[0]["answer_calls"] == 1
    assert await Reply.filter(interaction__seller=seller).count() == 1


async def _answered(tg, callback_query_id: str) -> dict | None:
    found = await tg.callback(callback_query_id)
    return found if found.get("answered") else None
