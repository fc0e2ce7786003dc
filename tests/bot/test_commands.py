"""Commands and list screens, with updates fed through the Dispatcher (`feed`): /inbox ordering, filter and pages,
/settings switches, /stats, /help and the command menu, non-members refused; Skip and Timeline on a card."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.routers.help import set_commands
from core.inbox import list_inbox
from core.models import (
    AuditEvent,
    Channel,
    Interaction,
    InteractionStatus,
    Link,
    LinkKind,
    MemberRole,
    Priority,
    Seller,
    SellerMember,
)
from core.seller_settings import SellerSettings
from tests.bot.conftest import make_interaction, make_member, make_seller


async def _last(tg, chat: int) -> dict:
    return [m for m in await tg.messages(chat) if m["from_bot"]][-1]


async def _inbox_fixture():
    seller = await make_seller()
    old = datetime.now(UTC) - timedelta(hours=3)
    happy = await make_interaction(seller, rating=5, text="Nice", priority=Priority.NORMAL, priority_rank=2)
    angry = await make_interaction(seller, rating=2, text="Broken", priority=Priority.URGENT, priority_rank=0)
    size = await make_interaction(
        seller, channel=Channel.QUESTION, text="XL?", intent="size", priority_rank=0, occurred_at=old
    )
    chat = await make_interaction(seller, channel=Channel.CHAT, text="Hello", intent="other", priority_rank=1)
    bare = await make_interaction(seller, rating=5, text="", needs_response=False, priority_rank=3)
    await make_interaction(seller, text="done", status=InteractionStatus.ANSWERED)
    return seller, [angry, size, chat, happy, bare]


async def test_inbox_order_filter_and_pages(db, tg, bot, feed) -> None:
    seller, expected = await _inbox_fixture()
    page = await list_inbox(seller_id=seller.id)
    assert [i.id for i in page.items] == [i.id for i in expected]
    questions = await list_inbox(seller_id=seller.id, channel=Channel.QUESTION)
    assert [i.text for i in questions.items] == ["XL?"]

    chat = await tg.user()
    await make_member(seller, chat)
    await tg.send(chat, "/inbox")
    await feed()
    listing = await _last(tg, chat)
    assert "5 open" in listing["text"] and listing["text"].index("Broken") < listing["text"].index("Nice")
    await tg.press(chat, listing["message_id"], text="Questions")
    await feed()
    filtered = await _last(tg, chat)
    assert "XL?" in filtered["text"] and "Broken" not in filtered["text"]
    # A number opens the item's card as a new message.
    await tg.press(chat, listing["message_id"], text="1")
    await feed()
    card = await _last(tg, chat)
    assert "XL?" in card["text"] and card["message_id"] != listing["message_id"]

    for n in range(8):
        await make_interaction(seller, text=f"more {n}")
    await tg.send(chat, "/inbox")
    await feed()
    paged = await _last(tg, chat)
    assert "1/2" in [b["text"] for row in paged["buttons"] for b in row]
    await tg.press(chat, paged["message_id"], text="›")
    await feed()
    assert "2/2" in [b["text"] for row in (await _last(tg, chat))["buttons"] for b in row]


async def test_settings_switches(db, tg, bot, feed) -> None:
    seller = await make_seller()
    chat = await tg.user()
    await make_member(seller, chat)
    await tg.send(chat, "/settings")
    await feed()
    screen = await _last(tg, chat)
    # Labelled sections with the current values; the current language and window are marked.
    assert "Time zone: Moscow (UTC+3)" in screen["text"] and "Waiting for WB: 3 h" in screen["text"]
    labels = [b["text"] for row in screen["buttons"] for b in row]
    assert "✅ English" in labels and "Русский" in labels and "✅ ⏳ 3 h" in labels and "✅ up to 5★" in labels
    assert "❌ Auto-draft on arrival" in labels and not any(label.startswith("▫") for label in labels)
    await tg.press(chat, screen["message_id"], text="❌ Auto-draft on arrival")
    await tg.press(chat, screen["message_id"], text="⏳ 12 h")
    await feed()
    screen = await _last(tg, chat)
    await tg.press(chat, screen["message_id"], text="✅ Chats")
    await tg.press(chat, screen["message_id"], text="up to 3★")
    await feed()
    stored = SellerSettings.of((await Seller.get(id=seller.id)).settings)
    assert stored.auto_draft and stored.pending_window_min == 720
    assert not stored.notify.chats and stored.notify.max_review_rating == 3
    # The time zone picker: the seller's zone drives every shown time and the SLA business hours.
    await tg.press(chat, screen["message_id"], text="🕒 Moscow (UTC+3) ›")
    await feed()
    picker = await _last(tg, chat)
    assert "✅ Moscow (UTC+3)" in [b["text"] for row in picker["buttons"] for b in row]
    await tg.press(chat, picker["message_id"], text="Yekaterinburg (UTC+5)")
    await feed()
    screen = await _last(tg, chat)
    assert "Time zone: Yekaterinburg (UTC+5)" in screen["text"]
    stored = SellerSettings.of((await Seller.get(id=seller.id)).settings)
    assert stored.business_hours.timezone == "Asia/Yekaterinburg"
    await tg.press(chat, screen["message_id"], text="Русский")
    await feed()
    screen = await _last(tg, chat)
    assert "Настройки" in screen["text"] and "✅ Русский" in [b["text"] for row in screen["buttons"] for b in row]
    assert (await SellerMember.get(tg_user_id=chat)).language == "ru"

    operator = await tg.user()
    await make_member(seller, operator, role=MemberRole.OPERATOR)
    await tg.send(operator, "/settings")
    await feed()
    operator_screen = await _last(tg, operator)
    press = await tg.press(operator, operator_screen["message_id"], text="⏳ 30 min")
    await feed()
    refused = await tg.callback(press["callback_query_id"])
    assert "Only the owner" in refused["text"]
    assert SellerSettings.of((await Seller.get(id=seller.id)).settings).pending_window_min == 720


async def test_card_times_are_in_the_sellers_zone(db, tg, bot, feed, notifier) -> None:
    from bot.notify import notify_interaction

    seller = await make_seller(settings=SellerSettings().model_dump(mode="json"))
    chat = await tg.user()
    await make_member(seller, chat)
    item = await make_interaction(
        seller, occurred_at=datetime(2026, 11, 30, 21, 30, tzinfo=UTC), due_at=datetime(2026, 12, 1, 6, tzinfo=UTC)
    )
    await notify_interaction(item.id, notifier)
    card = (await _last(tg, chat))["text"]
    # 21:30 UTC is 00:30 the next day in Moscow; due 06:00 UTC is 09:00 MSK.
    assert "01.12 00:30" in card and "01.12 09:00" in card and "UTC" not in card


async def test_stats_help_and_menu(db, tg, bot, feed) -> None:
    now = datetime.now(UTC)
    # "Today" is the seller's local day: pick a zone where it began over an hour ago, so the items made an hour
    # back fall in it whatever the hour the test runs at.
    zone = next(z for z in ("Europe/Moscow", "UTC", "Asia/Vladivostok") if 2 <= now.astimezone(ZoneInfo(z)).hour < 23)
    settings = SellerSettings()
    settings.business_hours.timezone = zone
    seller = await make_seller(settings=settings.model_dump(mode="json"))
    chat = await tg.user()
    await make_member(seller, chat)
    await make_interaction(
        seller,
        occurred_at=now - timedelta(hours=1),
        first_response_at=now - timedelta(minutes=30),
        status=InteractionStatus.ANSWERED,
    )
    await make_interaction(seller, occurred_at=now - timedelta(hours=1))
    await tg.send(chat, "/stats")
    await feed()
    stats = (await _last(tg, chat))["text"]
    assert "Today: received 2, answered 1" in stats and "median first response 30 min" in stats
    await make_interaction(
        seller,
        occurred_at=now - timedelta(days=3),
        first_response_at=now - timedelta(days=1, hours=13),
        status=InteractionStatus.ANSWERED,
    )
    await tg.send(chat, "/stats")
    await feed()
    # 1 d 11 h, not "2100 min"; the 7-day median of 30 min and 35 h is 17 h 45 min.
    assert "median first response 17 h 45 min" in (await _last(tg, chat))["text"]
    await tg.send(chat, "/help")
    await feed()
    assert "/inbox" in (await _last(tg, chat))["text"]

    await set_commands(bot, "ru")
    menus = {c["language_code"]: c["commands"] for c in (await tg.http.get("/_sandbox/bots")).json()[0]["commands"]}
    assert {c["command"] for c in menus["en"]} == {c["command"] for c in menus["ru"]} >= {"inbox", "stats", "help"}
    assert menus[""] == menus["ru"]  # the default menu (no language) is the default language's


async def test_non_member_is_refused_and_audited(db, tg, bot, feed) -> None:
    chat = await tg.user()
    await tg.send(chat, "/inbox")
    await tg.send(chat, "hello")
    await feed()
    texts = [m["text"] for m in await tg.messages(chat) if m["from_bot"]]
    assert any("not a member" in t for t in texts) and any("/start" in t for t in texts)
    assert await AuditEvent.filter(action="access.denied", actor_tg_user_id=chat).exists()


async def test_skip_and_timeline(db, tg, bot, feed, notifier) -> None:
    from bot.notify import notify_interaction

    seller = await make_seller()
    chat = await tg.user()
    await make_member(seller, chat)
    chat_item = await make_interaction(seller, channel=Channel.CHAT, text="Where is my order?", buyer_name="Ann")
    review = await make_interaction(seller, rating=1, text="Never arrived", buyer_name="Ann")
    await Link.create(seller=seller, a=chat_item, b=review, kind=LinkKind.PROBABILISTIC, confidence=0.7, reason="name")
    await notify_interaction(review.id, notifier)
    card = await _last(tg, chat)
    assert "🔗 1" in card["text"]
    await tg.press(chat, card["message_id"], text="🧵 Timeline")
    await feed()
    thread = (await _last(tg, chat))["text"]
    assert "Where is my order?" in thread and "(70%)" in thread and "▶" in thread
    await tg.press(chat, card["message_id"], text="⏭ Skip")
    await feed()
    skipped = next(m for m in await tg.messages(chat) if m["message_id"] == card["message_id"])
    assert "Skipped" in skipped["text"]
    await review.refresh_from_db()
    assert review.status == InteractionStatus.SKIPPED
    assert await AuditEvent.filter(action="interaction.skipped", interaction_id=review.id).exists()
    # Skip can be undone from the card at any time: the item is back in the queue with its first buttons.
    assert "↩️ Undo skip" in [b["text"] for row in skipped["buttons"] for b in row]
    await tg.press(chat, card["message_id"], text="↩️ Undo skip")
    await feed()
    back = next(m for m in await tg.messages(chat) if m["message_id"] == card["message_id"])
    assert "Needs a reply" in back["text"] and "⏭ Skip" in [b["text"] for row in back["buttons"] for b in row]
    await review.refresh_from_db()
    assert review.status == InteractionStatus.NEEDS_RESPONSE and review.needs_response
    # Skipped long ago, the card still offers Undo skip (a skipped item takes no reply until it is returned).
    await tg.press(chat, card["message_id"], text="⏭ Skip")
    await feed()
    await Interaction.filter(id=review.id).update(skipped_at=datetime.now(UTC) - timedelta(days=2))
    late = await tg.press(chat, card["message_id"], text="↩️ Undo skip")
    await feed()
    assert (await tg.callback(late["callback_query_id"]))["answered"]
    await review.refresh_from_db()
    assert review.status == InteractionStatus.NEEDS_RESPONSE and review.skipped_at is None


async def test_pressing_what_is_already_shown_answers_the_button(db, tg, bot, feed) -> None:
    # Telegram refuses an edit that changes nothing it stored ("message is not modified"); the bot must still
    # answer the button instead of failing the update.
    seller, _ = await _inbox_fixture()
    chat = await tg.user()
    await make_member(seller, chat)
    await tg.send(chat, "/inbox")
    await feed()
    listing = await _last(tg, chat)
    again = await tg.press(chat, listing["message_id"], text="• All")
    await feed()
    assert (await tg.callback(again["callback_query_id"]))["answered"]

    await tg.send(chat, "/settings")
    await feed()
    screen = await _last(tg, chat)
    await tg.press(chat, screen["message_id"], text="⏳ 12 h")
    await feed()
    screen = await _last(tg, chat)
    chosen = next(b["text"] for row in screen["buttons"] for b in row if "12 h" in b["text"])
    twice = await tg.press(chat, screen["message_id"], text=chosen)
    await feed()
    assert (await tg.callback(twice["callback_query_id"]))["answered"]
