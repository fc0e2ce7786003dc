"""Issue 29 through the Telegram sandbox: a drafted card still offers Skip (and Hide for a question) directly, and
a chat card names its product when WB gave the nmID."""

from __future__ import annotations

from bot.notify import notify_interaction
from core.models import Channel, InteractionStatus
from tests.bot.conftest import buttons, make_interaction, make_member, make_seller


async def _card(tg, chat: int) -> dict:
    return [m for m in await tg.messages(chat) if m["from_bot"]][-1]


async def test_drafted_question_offers_skip_and_hide_directly(db, tg, notifier, feed) -> None:
    chat = await tg.user()
    seller = await make_seller(settings={"auto_draft": True})
    await make_member(seller, chat)
    spam = await make_interaction(seller, channel=Channel.QUESTION, text="Есть в наличии? пишите в тг")
    await notify_interaction(spam.id, notifier)
    card = await _card(tg, chat)
    assert "Draft (" in card["text"]
    assert {"⏭ Skip", "🙈 Hide question"} <= set(buttons(card))
    # One tap: Skip works straight from the drafted card.
    await tg.press(chat, card["message_id"], text="⏭ Skip")
    await feed()
    await spam.refresh_from_db()
    assert spam.status == InteractionStatus.SKIPPED
    skipped = next(m for m in await tg.messages(chat) if m["message_id"] == card["message_id"])
    assert "Skipped" in skipped["text"] and "⏭ Skip" not in buttons(skipped)


async def test_drafted_review_offers_skip(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller(settings={"auto_draft": True})
    await make_member(seller, chat)
    review = await make_interaction(seller, rating=2, text="Пришло с браком")
    await notify_interaction(review.id, notifier)
    card = await _card(tg, chat)
    assert "Draft (" in card["text"] and "⏭ Skip" in buttons(card) and "🙈 Hide question" not in buttons(card)


async def test_chat_card_names_the_shops_product(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller(language="ru")
    await make_member(seller, chat, language="ru")
    await make_interaction(seller, nm_id=555001, product_name="Кроссовки беговые", text="Отлично")
    about = await make_interaction(seller, channel=Channel.CHAT, nm_id=555001, product_name=None, text="Где заказ?")
    unknown = await make_interaction(seller, channel=Channel.CHAT, nm_id=777002, product_name=None, text="Размер?")
    none = await make_interaction(seller, channel=Channel.CHAT, nm_id=None, product_name=None, text="Привет")
    for item, line in (
        (about, "📦 Кроссовки беговые · арт. 555001"),
        (unknown, "📦 арт. 777002"),
        (none, "📦 товар не указан · арт. —"),
    ):
        await notify_interaction(item.id, notifier)
        text = (await _card(tg, chat))["text"]
        assert line in text, text


async def test_quiet_digest_names_the_chat_buyer(db, tg, notifier) -> None:
    from datetime import UTC, datetime, timedelta

    from bot.quiet_digest import send_digests
    from tests.bot.test_quiet import _night_settings

    now = datetime.now(UTC)
    seller = await make_seller(settings=_night_settings(now))
    chat = await tg.user()
    await make_member(seller, chat)
    talk = await make_interaction(seller, channel=Channel.CHAT, text="Когда доставка?", rating=None, buyer_name="Ольга")
    await notify_interaction(talk.id, notifier)
    assert await send_digests(notifier, now + timedelta(hours=3)) == 1
    digest = [m for m in await tg.messages(chat) if m["from_bot"]][-1]
    assert "Ольга: Когда доставка?" in digest["text"]


async def test_stats_median_under_a_minute_shows_seconds(db, tg, feed) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    seller = await make_seller(language="ru", settings={"auto_draft": False, "business_hours": {"timezone": "UTC"}})
    chat = await tg.user(language="ru")
    await make_member(seller, chat, language="ru")
    # Within today in UTC whatever the hour: 26 s to the first response.
    at = now - min(timedelta(minutes=1), now - now.replace(hour=0, minute=0, second=0, microsecond=0)) / 2
    await make_interaction(
        seller, occurred_at=at - timedelta(seconds=26), first_response_at=at, status=InteractionStatus.ANSWERED
    )
    await tg.send(chat, "/stats")
    await feed()
    stats = (await _card(tg, chat))["text"]
    assert "26 с" in stats and "0 мин" not in stats, stats


async def test_each_album_sits_above_its_own_card_and_names_it(db, tg, notifier) -> None:
    import asyncio

    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    returns = [
        await make_interaction(
            seller,
            channel=Channel.RETURN,
            nm_id=900100 + n,
            product_name=f"Товар {n}",
            text=f"Брак {n}",
            raw_payload={
                "status": 0,
                "actions": ["approve1"],
                "photos": [f"//photos.wbstatic.net/c/{n}/{k}.jpg" for k in range(1 + n % 2)],
            },
        )
        for n in range(6)
    ]
    # Many cards at once, as at onboarding: several tasks deliver to the same chat concurrently.
    assert sum(await asyncio.gather(*(notify_interaction(r.id, notifier) for r in returns))) == len(returns)
    sent = [m for m in await tg.messages(chat) if m["from_bot"]]
    cards = [n for n, m in enumerate(sent) if m["buttons"]]
    assert len(cards) == len(returns)
    for index in cards:
        card = sent[index]
        n = next(k for k in range(6) if f"Брак {k}" in card["text"])
        photos = 1 + n % 2
        album = sent[index - photos : index]
        assert all(m["photo"] and not m["buttons"] for m in album), [m["text"] for m in sent]
        assert all(m["photo"]["url"].startswith(f"https://photos.wbstatic.net/c/{n}/") for m in album)
        assert f"Товар {n} · nm {900100 + n}" in album[0]["text"]


async def test_russian_export_opens_in_russian_excel(db, tg, bot, feed) -> None:
    import csv
    import io
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    seller = await make_seller(
        language="ru", settings={"auto_draft": False, "business_hours": {"timezone": "Asia/Yekaterinburg"}}
    )
    chat = await tg.user(language="ru")
    await make_member(seller, chat, language="ru")
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    await make_interaction(seller, channel=Channel.QUESTION, text="Размер XL?", rating=None, occurred_at=at)
    await tg.send(chat, "/export")
    await feed()
    sent = [m for m in await tg.messages(chat) if m["from_bot"]][-1]
    raw = (await tg.http.get(f"/_sandbox/files/{sent['document']['file_id']}")).content
    assert raw.startswith("\ufeff".encode())
    header, row = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert header[:5] == ["ID", "Продавец (ID)", "Канал", "ID в WB", "Получено"] and len(row) == len(header)
    values = dict(zip(header, row, strict=True))
    assert values["Канал"] == "Вопрос" and values["Текст"] == "Размер XL?"
    # In the seller's zone, with its offset.
    assert values["Получено"] == at.astimezone(ZoneInfo("Asia/Yekaterinburg")).isoformat()
