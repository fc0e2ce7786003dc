"""Quiet hours through the Telegram sandbox: a card arriving at night is held (drafted, counted, never sent) and
listed in the one digest sent when the night ends, urgent first, with a button that opens it; a 1★ review and a
return still page; a redelivered notification or digest task sends nothing twice; /settings has the section."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.notify import notify_interaction
from bot.quiet_digest import send_digests
from core.models import Card, Channel, DeliveryState, Digest, Priority, Seller
from core.seller_settings import SellerSettings
from tests.bot.conftest import make_interaction, make_member, make_seller


def _night_settings(now: datetime, **quiet) -> dict:
    """Quiet hours from an hour ago to two hours ahead (UTC), so `now` is in them and `now + 3 h` is not."""
    window = {"enabled": True, "start": f"{(now.hour - 1) % 24:02d}:00", "end": f"{(now.hour + 2) % 24:02d}:00"}
    base = SellerSettings().model_dump(mode="json")
    base["business_hours"]["timezone"] = "UTC"
    base["auto_draft"] = True
    base["quiet"] = {**base["quiet"], **window, **quiet}
    return base


async def _from_bot(tg, chat: int) -> list[dict]:
    return [m for m in await tg.messages(chat) if m["from_bot"]]


async def test_night_cards_are_held_then_digested_once(db, tg, bot, notifier, feed) -> None:
    now = datetime.now(UTC)
    seller = await make_seller(settings=_night_settings(now))
    chat = await tg.user()
    await make_member(seller, chat)
    happy = await make_interaction(seller, rating=5, text="Nice <b>shoes</b>", priority=Priority.NORMAL)
    question = await make_interaction(
        seller, channel=Channel.QUESTION, text="XL?", rating=None, priority=Priority.URGENT, priority_rank=0
    )
    angry = await make_interaction(seller, rating=1, text="Broken sole", priority=Priority.URGENT, priority_rank=0)
    refund = await make_interaction(seller, channel=Channel.CHAT, text="Хочу вернуть", rating=None, intent="return")

    for item in (happy, question, angry, refund, happy):  # `happy` twice: a redelivered task
        await notify_interaction(item.id, notifier)
    sent = await _from_bot(tg, chat)
    # The night rule: 1★ (≤ 2★) and the return page now; the others wait, drafted but unsent.
    assert [m["text"].count("Broken sole") + m["text"].count("Хочу вернуть") for m in sent] == [1, 1]
    held = (
        await Card.filter(state=DeliveryState.HELD).order_by("interaction_id").values_list("interaction_id", flat=True)
    )
    assert held == [happy.id, question.id]
    assert await happy.drafts.all().count() == 1

    assert await send_digests(notifier, now) == 0  # still night
    assert await send_digests(notifier, now + timedelta(hours=3)) == 1
    assert await send_digests(notifier, now + timedelta(hours=3)) == 0  # a redelivered digest task
    digest = (await _from_bot(tg, chat))[-1]
    assert len(await _from_bot(tg, chat)) == 3 and await Digest.all().count() == 1
    text = digest["text"]
    assert "2 new items" in text and "Reviews 1" in text and "Questions 1" in text and "urgent 1" in text
    assert text.index("XL?") < text.index("Nice <b>shoes</b>")  # urgent first; buyer text escaped (shown as text)
    assert [b["text"] for b in digest["buttons"][0]] == ["1", "2"]

    await tg.press(chat, digest["message_id"], text="1")
    await feed()
    opened = (await _from_bot(tg, chat))[-1]
    assert "XL?" in opened["text"] and opened["message_id"] != digest["message_id"]
    assert await Card.filter(interaction_id=question.id, state=DeliveryState.SENT).exists()


async def test_rule_off_holds_low_ratings_too(db, tg, bot, notifier) -> None:
    now = datetime.now(UTC)
    seller = await make_seller(settings=_night_settings(now, page_max_rating=0, page_returns=False))
    chat = await tg.user()
    await make_member(seller, chat)
    angry = await make_interaction(seller, rating=1, text="Broken")
    await notify_interaction(angry.id, notifier)
    assert await _from_bot(tg, chat) == []
    assert await send_digests(notifier, now + timedelta(hours=3)) == 1
    assert "Broken" in (await _from_bot(tg, chat))[-1]["text"]


async def test_settings_quiet_section(db, tg, bot, feed) -> None:
    seller = await make_seller(settings=SellerSettings().model_dump(mode="json"))
    chat = await tg.user()
    await make_member(seller, chat)
    await tg.send(chat, "/settings")
    await feed()
    screen = (await _from_bot(tg, chat))[-1]
    assert "Quiet hours</b>: off, 22:00–08:00" in screen["html"]
    for button in ("❌ Quiet hours", "🌙 from 22:00", "☀️ to 08:00", "🔔 ≤ 2★ page", "✅ Returns page"):
        await tg.press(chat, screen["message_id"], text=button)
        await feed()
        screen = (await _from_bot(tg, chat))[-1]
    quiet = SellerSettings.of((await Seller.get(id=seller.id)).settings).quiet
    assert (quiet.enabled, quiet.start.hour, quiet.end.hour, quiet.page_max_rating, quiet.page_returns) == (
        True, 23, 9, 3, False,
    )  # fmt: skip
    assert "on, 23:00–09:00" in screen["html"]


async def test_digest_summary_on_request(db, tg, bot, feed) -> None:
    from core.models import InteractionStatus

    seller = await make_seller(settings=SellerSettings().model_dump(mode="json"))
    chat = await tg.user()
    await make_member(seller, chat)
    now = datetime.now(UTC)
    await make_interaction(seller, topics=["packaging", "defect"], occurred_at=now - timedelta(seconds=3))
    # Seconds ago, so "today" in the seller's zone whenever the test runs.
    await make_interaction(
        seller, topics=["packaging"], occurred_at=now - timedelta(seconds=2), status=InteractionStatus.ANSWERED,
        first_response_at=now - timedelta(seconds=1),
    )  # fmt: skip
    await make_interaction(seller, topics=["smell"], occurred_at=now - timedelta(days=3))
    await tg.send(chat, "/digest")
    await tg.send(chat, "/digest week")
    await feed()
    today, week = [m["text"] for m in await _from_bot(tg, chat)][-2:]
    assert "Received 2, answered 1" in today and "packaging (2)" in today and "smell" not in today
    assert "Last 7 days" in week and "Received 3" in week and "smell (1)" in week
