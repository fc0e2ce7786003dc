"""The card states a Russian seller sees, end to end through both sandboxes, pictured from the Telegram sandbox's
chat page: new, drafted, overdue, published (review) and delivered (chat). `--screenshots-dir docs/screenshots`
refreshes the README's pictures (see README, Development)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from playwright.async_api import Browser

from bot.notify import notify_interaction
from core.models import Channel
from core.tokens import TokenCheck, set_token
from sync.engine import sync_channel
from tests.bot.conftest import bot_message, eventually, make_interaction, make_member, make_seller

REVIEW = "Подошва отклеилась через неделю"
CHAT = "Где мой заказ? Жду уже пятый день"
OVERDUE = "Есть ли этот размер в наличии?"


async def _picture(browser: Browser, tg: Any, chat: int, text: str, stage: str, path: Path) -> dict[str, Any]:
    """Wait until the card with `text` shows `stage`, then save the picture of that one message."""
    card = await eventually(lambda: bot_message(tg, chat, stage))
    assert text[:20] in card["text"]
    page = await browser.new_page(viewport={"width": 560, "height": 900})
    try:
        await page.goto(f"{tg.url}/chat/{chat}")
        bubble = page.locator(".msg.bot", has_text=stage).last
        await bubble.wait_for()
        picture = await bubble.screenshot(path=str(path))
    finally:
        await page.close()
    assert picture.startswith(b"\x89PNG")
    return card


async def test_card_states_as_a_russian_seller_sees_them(stack, tg, wb, notifier, browser, screenshots) -> None:
    chat = await tg.user(language="ru")
    cabinet = await wb.control("POST", "/sellers", reviews=0, questions=0, chats=0, claims=0)
    await wb.control("PATCH", "/config", moderation_rate=0)
    seller = await make_seller(language="ru")
    await make_member(seller, chat, language="ru")
    check = TokenCheck(channels=frozenset(Channel), expires_at=None)
    await set_token(seller_id=seller.id, token=cabinet["token"], check=check, settings=stack.settings)
    for channel in Channel:
        await sync_channel(stack, seller.id, channel)

    await wb.control("POST", f"/sellers/{cabinet['seller_id']}/reviews", text=REVIEW, rating=2)
    await sync_channel(stack, seller.id, Channel.REVIEW)
    card = await _picture(browser, tg, chat, REVIEW, "🆕 Нужен ответ", screenshots / "card_new.png")
    await tg.press(chat, card["message_id"], text="✍️ Черновик")
    await _picture(browser, tg, chat, REVIEW, "✍️ Черновик готов", screenshots / "card_drafted.png")
    await tg.press(chat, card["message_id"], text="✅ Отправить")
    await eventually(lambda: bot_message(tg, chat, "📤 Отправлено", card["message_id"]))
    await sync_channel(stack, seller.id, Channel.REVIEW)
    await _picture(browser, tg, chat, REVIEW, "✅ Опубликовано", screenshots / "card_published.png")

    late = await make_interaction(
        seller, channel=Channel.QUESTION, text=OVERDUE, rating=None, product_name="Кроссовки беговые",
        occurred_at=datetime.now(UTC) - timedelta(days=2),
        due_at=datetime.now(UTC) - timedelta(days=1, hours=3),
    )  # fmt: skip
    await notify_interaction(late.id, notifier)
    await _picture(browser, tg, chat, OVERDUE, "⏰ Просрочено на", screenshots / "card_overdue.png")

    await wb.control("POST", f"/sellers/{cabinet['seller_id']}/chat-messages", text=CHAT)
    await sync_channel(stack, seller.id, Channel.CHAT)
    card = await eventually(lambda: bot_message(tg, chat, CHAT))
    await tg.press(chat, card["message_id"], text="✍️ Черновик")
    await eventually(lambda: bot_message(tg, chat, "✍️ Черновик готов", card["message_id"]))
    await tg.press(chat, card["message_id"], text="✅ Отправить")
    await eventually(lambda: bot_message(tg, chat, "📤 Отправлено", card["message_id"]))
    await sync_channel(stack, seller.id, Channel.CHAT)
    delivered = await _picture(browser, tg, chat, CHAT, "✅ Доставлено в чат", screenshots / "card_delivered.png")
    assert delivered["message_id"] == card["message_id"]
