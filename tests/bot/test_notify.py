"""Cards through the Telegram sandbox: hostile buyer text renders valid HTML, one card per interaction and member
even when the task is redelivered, a member who blocked the bot is marked, the notification switches apply."""

from __future__ import annotations

import html

from bot.notify import notify_interaction, refresh_cards
from core.models import AuditEvent, Card, Channel, DeliveryState, Interaction, InteractionStatus, SellerMember
from tests.bot.conftest import make_interaction, make_member, make_seller

HOSTILE = [
    "<script>alert('x')</script> & <b>bold</b> </i> <a href='javascript:1'>",
    "Тест &amp; &lt; &#x26; & ;&",
    "مرحبا بالعالم\u200f שלום \u202eevil\u202c 👩‍👩‍👧‍👦🏳️‍🌈 zero\u200bwidth\u200d\ufeff",
    "А" * 10_000,
    "😀" * 3000,
    "&" * 5000,
    "line\x01with\x07controls\x1b[31m\x7f\x9b end",
]


async def test_hostile_buyer_text_renders_a_valid_card(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    for text in HOSTILE:
        interaction = await make_interaction(seller, text=text, buyer_name="<b>Ann & Co</b>", product_name="<i>x")
        assert await notify_interaction(interaction.id, notifier) == 1
    messages = await tg.messages(chat)
    cards = [m for m in messages if m["from_bot"]]
    assert len(cards) == len(HOSTILE)
    assert all(len(card["text"]) <= 4096 for card in cards)
    assert "<script>alert('x')</script>" in cards[0]["text"]  # shown as text, not markup
    assert "<b>Ann & Co</b>" in cards[0]["text"]
    assert "[truncated]" in cards[3]["text"] and "[truncated]" in cards[4]["text"]
    assert "[truncated]" not in cards[0]["text"]
    assert html.escape("<script>") in cards[0]["html"]
    assert await Card.filter(state=DeliveryState.SENT).count() == len(HOSTILE)


async def test_redelivered_notification_sends_one_card(db, tg, notifier) -> None:
    chat_a, chat_b = await tg.user(), await tg.user()
    seller = await make_seller()
    await make_member(seller, chat_a)
    await make_member(seller, chat_b)
    interaction = await make_interaction(seller)
    assert await notify_interaction(interaction.id, notifier) == 2
    assert await notify_interaction(interaction.id, notifier) == 0
    assert len(await tg.messages(chat_a)) == 2  # the user's /start and one card
    assert len(await tg.messages(chat_b)) == 2
    assert await Card.filter(interaction_id=interaction.id).count() == 2


async def test_member_who_blocked_the_bot_is_marked_and_skipped(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller()
    member = await make_member(seller, chat)
    (await tg.http.post(f"/_sandbox/users/{chat}/block")).raise_for_status()
    first = await make_interaction(seller)
    assert await notify_interaction(first.id, notifier) == 0
    await member.refresh_from_db()
    assert member.blocked_bot
    card = await Card.get(interaction_id=first.id)
    assert card.state == DeliveryState.FAILED
    second = await make_interaction(seller)
    assert await notify_interaction(second.id, notifier) == 0
    assert not await Card.filter(interaction_id=second.id).exists()


async def test_notification_switches(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller(settings={"notify": {"max_review_rating": 3, "chats": False}})
    await make_member(seller, chat)
    happy = await make_interaction(seller, rating=5)
    angry = await make_interaction(seller, rating=2)
    chat_item = await make_interaction(seller, channel=Channel.CHAT)
    question = await make_interaction(seller, channel=Channel.QUESTION)
    sent = [await notify_interaction(i.id, notifier) for i in (happy, angry, chat_item, question)]
    assert sent == [0, 1, 0, 1]


async def test_refresh_re_renders_cards_from_the_database(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    interaction = await make_interaction(seller)
    await notify_interaction(interaction.id, notifier)
    await interaction.__class__.filter(id=interaction.id).update(
        status=InteractionStatus.ANSWERED, answer="Thanks", answer_state="published"
    )
    assert await refresh_cards(interaction.id, notifier) == 1
    # A redelivered refresh changes nothing ("message is not modified" is not a failure).
    assert await refresh_cards(interaction.id, notifier) == 0
    card = (await tg.messages(chat))[-1]
    assert "Answered elsewhere" in card["text"]
    # The final card keeps the answer that was given.
    assert "Answer from the WB cabinet" in card["text"] and "Thanks" in card["text"]
    assert [b["text"] for row in card["buttons"] for b in row] == ["🧵 Timeline", "🛍 Open product"]
    assert len(card["edits"]) == 1
    assert not await AuditEvent.exists()
    assert await SellerMember.filter(blocked_bot=True).count() == 0


async def test_auto_draft_on_arrival(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller(settings={"auto_draft": True})
    await make_member(seller, chat)
    interaction = await make_interaction(seller, rating=2, text="Пришло с браком")
    await notify_interaction(interaction.id, notifier)
    card = (await tg.messages(chat))[-1]
    assert "Draft (" in card["text"]
    assert "✅ Approve" in [b["text"] for row in card["buttons"] for b in row]


async def test_overdue_card_is_refreshed_once_when_it_becomes_overdue(db, tg, notifier) -> None:
    from datetime import UTC, datetime, timedelta

    from core.overdue import claim_overdue

    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    late = await make_interaction(seller, text="Days ago", due_at=datetime.now(UTC) - timedelta(days=2, hours=3))
    await notify_interaction(late.id, notifier)
    card = (await tg.messages(chat))[-1]
    assert "Overdue by 2 d 3 h" in card["text"] and "Needs a reply" not in card["text"]
    assert [b["text"] for row in card["buttons"] for b in row][:3] == ["✍️ Draft", "💬 Reply", "⏭ Skip"]

    soon = await make_interaction(seller, text="Due soon", due_at=datetime.now(UTC) + timedelta(minutes=30))
    await Interaction.filter(id__in=[late.id, soon.id]).update(notified_at=datetime.now(UTC))
    await notify_interaction(soon.id, notifier)
    assert "Needs a reply" in (await tg.messages(chat))[-1]["text"]
    # Half an hour later the card is re-rendered, once, as overdue (the early one is claimed too, unchanged).
    later = datetime.now(UTC) + timedelta(minutes=31)
    claimed = await claim_overdue(later)
    assert claimed == sorted([late.id, soon.id])
    await Interaction.filter(id=soon.id).update(due_at=datetime.now(UTC) - timedelta(minutes=1))
    assert await refresh_cards(soon.id, notifier) == 1
    assert await claim_overdue(later) == []
    card = (await tg.messages(chat))[-1]
    assert "Due soon" in card["text"] and "Overdue by 1 min" in card["text"]


async def test_chat_rows_and_the_product_a_chat_names(db, tg, bot, notifier) -> None:
    from bot.render import render_line
    from core.i18n import translator

    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    await make_interaction(seller, nm_id=246813579, product_name="Льняной сарафан")
    asking = await make_interaction(
        seller, channel=Channel.CHAT, nm_id=None, product_name=None, buyer_name="Анна",
        text="Здравствуйте! Артикул 246813579 будет в размере M?",
    )  # fmt: skip
    await notify_interaction(asking.id, notifier)
    card = (await tg.messages(chat))[-1]["text"]
    assert "Льняной сарафан · nm 246813579" in card and "product unknown" not in card
    bare = await make_interaction(seller, channel=Channel.CHAT, nm_id=None, product_name=None, buyer_name=None)
    t = translator("ru")
    assert render_line(asking, t).startswith("💬 Анна: Здравствуйте")
    assert render_line(bare, t).startswith("💬 Чат: ") and "💬 :" not in render_line(bare, t)
