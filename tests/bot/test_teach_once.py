"""Teach once (issue 25 item 4, the bot's part), end to end through the WB and Telegram sandboxes: a question no
product fact answers shows «Your answer is needed» with what was asked; the seller types the answer and sends it;
the bot offers to save it for the product; the next buyer asking the same about that product gets a one-tap draft
from it (Approve puts it on WB), while a different question still needs the seller."""

from __future__ import annotations

from core.models import Channel, ProductAnswer
from core.taught import keywords, same_question
from sync.engine import sync_channel
from tests.bot.conftest import eventually
from tests.bot.test_cards import _answers, _buttons, _card, _card_free, _connected, _shows

FIRST = "Подойдёт ли этот чехол к iPhone 15 Pro?"
AGAIN = "К айфону 15 Pro этот чехол подойдет? Хочу заказать"
OTHER = "Какой материал у чехла, силикон?"
ANSWER = "Здравствуйте! Да, чехол сделан под iPhone 15 Pro, все вырезы и кнопки совпадают. Хорошего дня!"


def test_the_same_question_in_other_words() -> None:
    saved = keywords(FIRST)
    assert same_question(keywords(AGAIN), saved)
    assert same_question(keywords("чехол на iphone 15 pro подойдет?"), saved)
    assert not same_question(keywords(OTHER), saved)
    assert not same_question(keywords("Подойдёт ли к iPhone 13 mini?"), saved)


async def _others(wb, cabinet: int) -> list[dict]:
    """The cabinet's answers other than the taught one."""
    return [a for a in await _answers(wb, cabinet) if a["answer"] != ANSWER]


async def _question(stack, tg, wb, seller, chat: int, cabinet: int, text: str, nm: int | None) -> tuple[dict, int]:
    """The question asked in the WB cabinet about product `nm` (any when None), drafted from its card."""
    made = await wb.control("POST", f"/sellers/{cabinet}/questions", text=text, nm_id=nm)
    await sync_channel(stack, seller.id, Channel.QUESTION)
    card = await eventually(lambda: _card(tg, chat, text))
    await tg.press(chat, card["message_id"], text="✍️ Draft")
    drafted = await eventually(lambda: _shows(tg, chat, card["message_id"], "Draft ("))
    return drafted, made["productDetails"]["nmId"]


async def test_teach_once_then_one_tap(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    card, nm = await _question(stack, tg, wb, seller, chat, cabinet, FIRST, None)
    assert f"Your answer is needed: “{FIRST}”" in card["text"]

    await tg.press(chat, card["message_id"], text="✏️ Edit")
    await eventually(lambda: _card_free(tg, chat, "corrected reply"))
    await tg.send(chat, ANSWER)
    preview = await eventually(lambda: _card_free(tg, chat, "Check your reply"))
    await tg.press(chat, preview["message_id"], text="✅ Send")
    offer = await eventually(lambda: _card_free(tg, chat, "Save your answer as a product fact?"))
    assert FIRST in offer["text"] and _buttons(offer) == ["💾 Save", "No need"]
    assert (await eventually(lambda: _answers(wb, cabinet)))[0]["answer"] == ANSWER
    await tg.press(chat, offer["message_id"], text="💾 Save")
    await eventually(lambda: _shows(tg, chat, offer["message_id"], "✅ Saved for this product"))
    saved = await ProductAnswer.get(seller=seller)
    assert (saved.nm_id, saved.question) == (nm, FIRST)
    assert saved.answer == "Да, чехол сделан под iPhone 15 Pro, все вырезы и кнопки совпадают."

    # The next buyer asks the same in other words: the draft answers from the saved answer, one tap to send.
    card, _ = await _question(stack, tg, wb, seller, chat, cabinet, AGAIN, nm)
    assert "все вырезы и кнопки совпадают" in card["text"] and "Your answer is needed" not in card["text"]
    await tg.press(chat, card["message_id"], text="✅ Approve")
    sent = await eventually(lambda: _others(wb, cabinet))
    assert "все вырезы и кнопки совпадают" in sent[0]["answer"]

    # A different question about the same product still needs the seller.
    card, _ = await _question(stack, tg, wb, seller, chat, cabinet, OTHER, nm)
    assert f"Your answer is needed: “{OTHER}”" in card["text"]
