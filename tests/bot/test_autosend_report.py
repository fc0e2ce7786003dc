"""The daily line of what auto-send published (issue 25 item 6), through the Telegram sandbox: at 09:00 in the
seller's zone the owner is told which replies went out automatically yesterday, a numbered button opens each card;
never twice for one day, nothing before 09:00, nothing about today's or a person's replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.autosend_report import send_autosend_reports
from core.models import Channel, Reply, ReplyQuality, ReplyStatus, ReplyVia
from core.seller_settings import SellerSettings
from tests.bot.conftest import buttons, make_interaction, make_member, make_seller

MONDAY = datetime(2026, 11, 30, tzinfo=UTC)  # Moscow is UTC+3 (no DST): Monday 03:00 local


async def _replied(seller, text: str, *, at: datetime, via: ReplyVia = ReplyVia.AUTO, **fields) -> int:
    item = await make_interaction(seller, text=text, **fields)
    reply = await Reply.create(
        interaction=item,
        text=f"Спасибо за отзыв о товаре «{fields.get('product_name', 'Sneakers')}»!",
        idempotency_key=f"k-{item.id}",
        via=via,
        quality=ReplyQuality.AUTO if via == ReplyVia.AUTO else ReplyQuality.AS_IS,
        status=ReplyStatus.SENT,
    )
    await Reply.filter(id=reply.id).update(created_at=at)
    return item.id


async def test_the_owner_is_told_once_a_day_with_a_link_to_each(db, tg, notifier, feed) -> None:
    base = SellerSettings(auto_send=True).model_dump(mode="json")
    base["business_hours"]["timezone"] = "Europe/Moscow"
    seller = await make_seller(language="ru", settings=base)
    chat = await tg.user(language="ru")
    await make_member(seller, chat, language="ru")
    first = await _replied(seller, "Отличное платье", at=MONDAY - timedelta(hours=10), product_name="Платье")
    await _replied(seller, "Супер", at=MONDAY - timedelta(hours=7), product_name="Юбка")
    await _replied(seller, "Класс", at=MONDAY + timedelta(hours=4), product_name="Сегодняшнее")
    await _replied(seller, "Хорошо", at=MONDAY - timedelta(hours=9), via=ReplyVia.TELEGRAM, product_name="Ручное")

    assert await send_autosend_reports(notifier, MONDAY + timedelta(hours=5)) == 0  # 08:00 in Moscow
    nine = MONDAY + timedelta(hours=6, minutes=5)
    assert await send_autosend_reports(notifier, nine) == 1
    assert await send_autosend_reports(notifier, nine + timedelta(minutes=30)) == 0  # a redelivered task
    [line] = [m for m in await tg.messages(chat) if m["from_bot"]]
    assert "🤖 Автоответ вчера опубликовал 2 ответа" in line["text"]
    assert "1. 5★ · Платье: «Спасибо за отзыв о товаре «Платье»!»" in line["text"]
    assert "Юбка" in line["text"] and "Сегодняшнее" not in line["text"] and "Ручное" not in line["text"]
    assert buttons(line) == ["1", "2"]

    await tg.press(chat, line["message_id"], text="1")
    await feed()
    card = [m for m in await tg.messages(chat) if m["from_bot"]][-1]
    assert "Отличное платье" in card["text"] and "🤖" in card["text"]
    assert first and card["message_id"] != line["message_id"]


async def test_no_line_without_auto_sent_replies(db, tg, notifier) -> None:
    seller = await make_seller(settings={"auto_send": True})
    chat = await tg.user()
    await make_member(seller, chat)
    await _replied(seller, "Хорошо", at=MONDAY - timedelta(hours=9), via=ReplyVia.TELEGRAM)
    await make_interaction(seller, channel=Channel.QUESTION, text="Есть XL?")
    assert await send_autosend_reports(notifier, MONDAY + timedelta(hours=8)) == 0
