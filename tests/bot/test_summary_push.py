"""The summary pushed on subscription through the Telegram sandbox: /digest settings buttons subscribe (current
value marked, a forged value refused); the summary arrives once at 09:00 local time (not before, never twice), the
weekly one only on Monday, and waits for the end of quiet hours; unsubscribing stops it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.summaries import send_summaries
from core.models import SellerMember, SummaryEvery
from core.seller_settings import SellerSettings
from tests.bot.conftest import make_interaction, make_member, make_seller

MONDAY = datetime(2026, 11, 30, tzinfo=UTC)  # a Monday; Moscow is UTC+3 (no DST)


def _settings(**quiet) -> dict:
    base = SellerSettings().model_dump(mode="json")
    base["business_hours"]["timezone"] = "Europe/Moscow"
    base["quiet"] = {**base["quiet"], **quiet}
    return base


async def _from_bot(tg, chat: int) -> list[dict]:
    return [m for m in await tg.messages(chat) if m["from_bot"]]


async def _choose(tg, feed, chat: int, button: str) -> dict:
    await tg.send(chat, "/digest settings")
    await feed()
    screen = (await _from_bot(tg, chat))[-1]
    await tg.press(chat, screen["message_id"], text=button)
    await feed()
    return (await _from_bot(tg, chat))[-1]


async def test_daily_summary_once_at_local_nine(db, tg, bot, notifier, feed) -> None:
    seller = await make_seller(settings=_settings())
    chat = await tg.user()
    member = await make_member(seller, chat)
    # Sunday afternoon Moscow time: yesterday's figures for Monday's summary; Monday's item is not in it.
    await make_interaction(seller, topics=["packaging"], occurred_at=MONDAY - timedelta(hours=10))
    await make_interaction(seller, topics=["smell"], occurred_at=MONDAY + timedelta(hours=4))

    await tg.send(chat, "/digest settings")
    await feed()
    screen = (await _from_bot(tg, chat))[-1]
    assert [b["text"] for b in screen["buttons"][0]] == ["✅ Off", "Daily", "Weekly (Monday)"]
    await tg.press(chat, screen["message_id"], text="Daily")
    await feed()
    screen = (await _from_bot(tg, chat))[-1]
    assert [b["text"] for b in screen["buttons"][0]] == ["Off", "✅ Daily", "Weekly (Monday)"]
    assert (await SellerMember.get(id=member.id)).summary_every == SummaryEvery.DAILY
    before = len(await _from_bot(tg, chat))

    assert await send_summaries(notifier, MONDAY + timedelta(hours=5, minutes=59)) == 0  # 08:59 in Moscow
    assert await send_summaries(notifier, MONDAY + timedelta(hours=6, minutes=5)) == 1
    assert await send_summaries(notifier, MONDAY + timedelta(hours=9)) == 0  # redelivered / a second scheduler
    sent = await _from_bot(tg, chat)
    assert len(sent) == before + 1
    text = sent[-1]["text"]
    assert "Yesterday" in text and "Received 1" in text and "packaging (1)" in text and "smell" not in text
    assert await send_summaries(notifier, MONDAY + timedelta(days=1, hours=6)) == 1  # Tuesday's

    await _choose(tg, feed, chat, "Off")
    assert await send_summaries(notifier, MONDAY + timedelta(days=2, hours=6)) == 0
    assert (await SellerMember.get(id=member.id)).summary_every == SummaryEvery.OFF


async def test_weekly_only_on_monday_and_after_quiet_hours(db, tg, bot, notifier, feed) -> None:
    seller = await make_seller(settings=_settings(enabled=True, start="22:00", end="10:00"))
    chat = await tg.user()
    await make_member(seller, chat)
    await make_interaction(seller, topics=["defect"], occurred_at=MONDAY - timedelta(days=3))
    await _choose(tg, feed, chat, "Weekly (Monday)")
    before = len(await _from_bot(tg, chat))

    assert await send_summaries(notifier, MONDAY + timedelta(hours=6, minutes=5)) == 0  # 09:05, quiet until 10:00
    assert await send_summaries(notifier, MONDAY + timedelta(hours=7, minutes=5)) == 1
    assert await send_summaries(notifier, MONDAY + timedelta(hours=8)) == 0
    for day in range(1, 7):  # Tuesday to Sunday: nothing
        assert await send_summaries(notifier, MONDAY + timedelta(days=day, hours=8)) == 0
    assert await send_summaries(notifier, MONDAY + timedelta(days=7, hours=8)) == 1  # the next Monday
    sent = await _from_bot(tg, chat)
    assert len(sent) == before + 2
    assert "Last week" in sent[-2]["text"] and "Received 1" in sent[-2]["text"] and "defect (1)" in sent[-2]["text"]


async def test_forged_summary_button_is_refused(db, tg, bot, feed) -> None:
    seller = await make_seller(settings=_settings())
    chat = await tg.user()
    member = await make_member(seller, chat)
    await tg.send(chat, "/digest settings")
    await feed()
    screen = (await _from_bot(tg, chat))[-1]
    forged = await tg.press(chat, screen["message_id"], data="sm:hourly")
    await feed()
    assert (await tg.callback(forged["callback_query_id"]))["answered"]
    assert (await SellerMember.get(id=member.id)).summary_every == SummaryEvery.OFF
