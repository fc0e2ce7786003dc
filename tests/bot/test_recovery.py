"""Answers that win buyers back in the bot (issue 31 items 4 and 5), through the Telegram sandbox: /stats shows
«recovered N of M (x %)» with the median days and the breakdowns, and which drafts to trust; the weekly line goes to
the owners once per seller and week, on Mondays from 09:00 in the seller's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.recovery import send_recovery_reports
from core.models import (
    Draft,
    DraftOrigin,
    Interaction,
    MemberRole,
    Reply,
    ReplyQuality,
    ReplyStatus,
    Seller,
    SellerMember,
)
from core.seller_settings import SellerSettings
from tests.bot.conftest import make_interaction, make_member, make_seller

MONDAY = datetime(2026, 11, 30, tzinfo=UTC)  # Moscow is UTC+3: Monday 03:00 local


async def _answered(
    seller: Seller, member: SellerMember, rating: int, at: datetime, origin: DraftOrigin, supplement: int | None
) -> Interaction:
    """A negative review answered a day after it was written from a draft of `origin` (as is), and the buyer's
    supplement of `supplement` stars two days after the answer."""
    item = await make_interaction(seller, rating=rating, text="Плохо", occurred_at=at, product_name="Кеды <b>")
    draft = await Draft.create(interaction=item, text="Спасибо", origin=origin)
    answered = at + timedelta(days=1)
    await Reply.create(
        interaction=item, draft=draft, text="Спасибо", idempotency_key=f"k-{item.id}", status=ReplyStatus.SENT,
        quality=ReplyQuality.AS_IS, approved_by=member, sent_at=answered, created_at=answered,
    )  # fmt: skip
    if supplement is not None:
        await make_interaction(
            seller, rating=supplement, occurred_at=answered + timedelta(days=2), parent_external_id=item.external_id
        )
    return item


async def test_stats_shows_recovered_and_trust(db, tg, feed) -> None:
    seller = await make_seller()
    chat = await tg.user()
    member = await make_member(seller, chat)
    now = datetime.now(UTC)
    await _answered(seller, member, 1, now - timedelta(days=6), DraftOrigin.LLM, supplement=5)
    await _answered(seller, member, 2, now - timedelta(days=6), DraftOrigin.TEMPLATE, supplement=2)
    await _answered(seller, member, 3, now - timedelta(days=5), DraftOrigin.TEMPLATE, supplement=None)
    await tg.send(chat, "/stats")
    await feed()
    text = [m for m in await tg.messages(chat) if m["from_bot"]][-1]["text"]
    assert "Recovered 1 of 3 (33%), median 2 d from the answer to the follow-up review" in text
    assert "By way of answering: template 0 of 2, LLM draft 1 of 1" in text
    assert f"By member: User {chat} 1 of 3" in text
    assert "By product: Кеды <b> 1 of 3" in text  # escaped in the HTML, shown as written
    assert "LLM draft: unchanged 100%, edited 0%, rejected by WB 0% · 1 answers" in text
    assert "template: unchanged 100%, edited 0%, rejected by WB 0% · 2 answers" in text


async def test_weekly_line_once_per_seller_and_week_to_owners(db, tg, notifier) -> None:
    base = SellerSettings().model_dump(mode="json")
    base["business_hours"]["timezone"] = "Europe/Moscow"
    seller = await make_seller(language="ru", settings=base)
    owner_chat, operator_chat = await tg.user(language="ru"), await tg.user(language="ru")
    owner = await make_member(seller, owner_chat, language="ru")
    await make_member(seller, operator_chat, role=MemberRole.OPERATOR, language="ru")
    for n in range(4):
        await _answered(
            seller, owner, 1, MONDAY - timedelta(days=10 + n), DraftOrigin.LLM, supplement=(5, 4, 1, None)[n]
        )
    quiet_seller = await make_seller(settings=base)  # nothing answered: no line, nothing claimed
    await make_member(quiet_seller, await tg.user())

    assert await send_recovery_reports(notifier, MONDAY + timedelta(hours=5)) == 0  # 08:00 in Moscow
    nine = MONDAY + timedelta(hours=6, minutes=5)
    assert await send_recovery_reports(notifier, nine) == 1
    assert await send_recovery_reports(notifier, nine + timedelta(minutes=30)) == 0  # a redelivered task
    assert await send_recovery_reports(notifier, nine + timedelta(days=1)) == 0  # Tuesday
    [line] = [m for m in await tg.messages(owner_chat) if m["from_bot"]]
    assert "вернули 2 из 4 покупателей (50%)" in line["text"] and "медиана 2 дн." in line["text"]
    assert "Лучше всего работает: черновик LLM (2 из 4)." in line["text"]
    assert not [m for m in await tg.messages(operator_chat) if m["from_bot"]]
    # The next Monday is a new week.
    assert await send_recovery_reports(notifier, nine + timedelta(days=7)) == 1
