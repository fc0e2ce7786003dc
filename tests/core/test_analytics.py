"""Dashboard numbers against a hand-computed week that spans a weekend (seller works Mon–Fri 09–18 Moscow).

Items of seller A (times UTC; Moscow = UTC+3; 2026-11-27 is a Friday):
  r1  review 1★  Fri 27 13:00 (16:00 MSK), urgent 4 bh → due Mon 30 08:00; answered Mon 30 07:00 → met, 237600 s
  q2  question size Sat 28 09:00, urgent 1 bh → due Mon 30 07:00; answered Mon 30 08:00 → breached, 169200 s
  c3  chat Fri 27 14:30 (17:30 MSK), high 2 bh → due Mon 30 07:30; answered Fri 27 14:40 → met, 600 s
  r4  review 5★ text Mon 30 06:00, normal 16 bh → due Tue 01 13:00; open, not yet due
  r5  review 2★ Thu 26 06:00, urgent 4 bh → due Thu 26 10:00; open → breached
  r6  review 5★ without text Mon 30 10:00: needs no response, no SLA
Seller B has one answered chat on Fri 27. "Now" is Mon 30 12:00.
"""

from datetime import UTC, date, datetime, time

import pytest

from core.analytics import (
    BacklogRow,
    ItemFilters,
    Period,
    SlaRow,
    VolumeRow,
    backlog,
    daily_volume,
    first_response,
    interactions_query,
    sla_summary,
    stats,
)
from core.analytics import items as items_module
from core.models import Channel, Interaction, InteractionStatus, Priority, Seller
from core.priority import triage
from core.seller_settings import BusinessHours, SellerSettings
from tests.factories import new_seller

HOURS = BusinessHours(timezone="Europe/Moscow", start=time(9), end=time(18), weekdays=[1, 2, 3, 4, 5])
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
PERIOD = Period(datetime(2026, 11, 26, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


async def _item(seller: Seller, key: str, channel: Channel, at: datetime, *, answered: datetime | None = None, **kw):
    t = triage(
        channel=channel,
        rating=kw.get("rating"),
        intent=kw.pop("intent", None),
        text=kw.get("text", ""),
        occurred_at=at,
        business_hours=HOURS,
    )
    status = InteractionStatus.ANSWERED if answered else InteractionStatus.NEEDS_RESPONSE
    return await Interaction.create(
        seller=seller, channel=channel, external_id=key, occurred_at=at, first_response_at=answered,
        answered_at=answered, status=status, priority=t.priority, priority_rank=t.priority_rank, due_at=t.due_at,
        needs_response=t.needs_response, **kw,
    )  # fmt: skip


@pytest.fixture
async def week(db: None) -> dict:
    a = await new_seller("A", settings=SellerSettings(business_hours=HOURS).model_dump(mode="json"))
    b = await new_seller("B")
    items = {
        "r1": await _item(a, "r1", Channel.REVIEW, utc(27, 13), answered=utc(30, 7), rating=1, text="Брак"),
        "q2": await _item(a, "q2", Channel.QUESTION, utc(28, 9), answered=utc(30, 8), intent="size", text="Размер?"),
        "c3": await _item(a, "c3", Channel.CHAT, utc(27, 14, 30), answered=utc(27, 14, 40), text="Здравствуйте"),
        "r4": await _item(a, "r4", Channel.REVIEW, utc(30, 6), rating=5, text="Отлично"),
        "r5": await _item(a, "r5", Channel.REVIEW, utc(26, 6), rating=2, text="Плохо"),
        "r6": await _item(a, "r6", Channel.REVIEW, utc(30, 10), rating=5),
        "b1": await _item(b, "b1", Channel.CHAT, utc(27, 9), answered=utc(27, 9, 5), text="?"),
    }
    return {"a": a, "b": b, **items}


async def test_due_at_crosses_the_weekend_in_business_hours(week: dict) -> None:
    assert week["r1"].due_at == utc(30, 8)
    assert week["q2"].due_at == utc(30, 7)
    assert week["c3"].due_at == utc(30, 7, 30)
    assert week["r4"].due_at == datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
    assert week["r5"].due_at == utc(26, 10)
    assert week["r6"].due_at is None


async def test_daily_volume_per_channel(week: dict) -> None:
    rows = await daily_volume(seller_id=week["a"].id, period=PERIOD)
    d = lambda day: date(2026, 11, day)  # noqa: E731
    assert rows == [
        VolumeRow(d(26), Channel.REVIEW, 1, 0),
        VolumeRow(d(27), Channel.CHAT, 1, 1),
        VolumeRow(d(27), Channel.REVIEW, 1, 0),
        VolumeRow(d(28), Channel.QUESTION, 1, 0),
        VolumeRow(d(30), Channel.QUESTION, 0, 1),
        VolumeRow(d(30), Channel.REVIEW, 2, 1),
    ]
    everyone = await daily_volume(seller_id=None, period=PERIOD)
    assert VolumeRow(d(27), Channel.CHAT, 2, 2) in everyone


async def test_first_response_percentiles(week: dict) -> None:
    times = await first_response(seller_id=week["a"].id, period=PERIOD)
    # Sorted 600, 169200, 237600: median 169200; p90 = 169200 + 0.8 × (237600 − 169200).
    assert (times.answered, times.p50_s, times.p90_s) == (3, 169200.0, 223920.0)
    chat = await first_response(seller_id=week["a"].id, period=PERIOD, channel=Channel.CHAT)
    assert (chat.answered, chat.p50_s, chat.p90_s) == (1, 600.0, 600.0)
    empty = await first_response(seller_id=week["a"].id, period=Period(utc(1, 0), utc(2, 0)))
    assert (empty.answered, empty.p50_s) == (0, None)


async def test_sla_met_percent(week: dict) -> None:
    rows = await sla_summary(seller_id=week["a"].id, period=PERIOD, now=NOW)
    assert rows == [
        SlaRow(Channel.CHAT, 1, 1, 0, 100.0),
        SlaRow(Channel.QUESTION, 1, 0, 1, 0.0),
        SlaRow(Channel.REVIEW, 2, 1, 1, 50.0),
        SlaRow(None, 4, 2, 2, 50.0),
    ]


async def test_backlog_by_channel_priority_age(week: dict) -> None:
    assert await backlog(seller_id=week["a"].id, now=NOW) == [
        BacklogRow(Channel.REVIEW, Priority.URGENT, "gt3d", 1, 1),
        BacklogRow(Channel.REVIEW, Priority.NORMAL, "4to24h", 1, 0),
    ]
    assert await backlog(seller_id=week["b"].id, now=NOW) == []


async def test_drill_down_lists_the_items_behind_a_bar(week: dict) -> None:
    a = week["a"].id

    async def ids(**filters) -> list[int]:
        return [row.id for row in (await interactions_query(ItemFilters(seller_id=a, now=NOW, **filters))).items]

    assert await ids(channel=Channel.REVIEW, day=date(2026, 11, 30)) == [week["r4"].id, week["r6"].id]
    assert await ids(answered_day=date(2026, 11, 30)) == [week["r1"].id, week["q2"].id]
    assert await ids(age_bucket="gt3d") == [week["r5"].id]
    assert await ids(status="open") == [week["r5"].id, week["r4"].id]
    assert await ids(overdue=True) == [week["r5"].id]
    assert await ids(priority=Priority.URGENT, status=InteractionStatus.ANSWERED) == [week["r1"].id, week["q2"].id]
    page = await interactions_query(ItemFilters(seller_id=None, channel=Channel.CHAT, page=2, page_size=1))
    assert (page.total, page.pages, [r.id for r in page.items]) == (2, 2, [week["c3"].id])
    assert ItemFilters(seller_id=a, day=date(2026, 11, 30)).as_query() == {
        "seller_id": str(a), "day": "2026-11-30", "page": "1", "page_size": "50",
    }  # fmt: skip


async def test_stats_for_the_bot(week: dict) -> None:
    today, seven, thirty = await stats(seller_id=week["a"].id, now=NOW)
    assert (today.key, today.received, today.answered, today.median_first_response_s, today.sla_met_pct) == (
        "today", 2, 2, None, None,
    )  # fmt: skip
    assert (seven.received, seven.answered, seven.median_first_response_s, seven.sla_met_pct) == (6, 3, 169200.0, 50.0)
    assert (thirty.key, thirty.received) == ("30d", 6)


async def test_drill_down_count_stops_at_the_cap(week: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(items_module, "COUNT_CAP", 3)
    page = await interactions_query(ItemFilters(page_size=2))
    assert (page.total, page.total_capped, page.pages, len(page.items)) == (3, True, 2, 2)
    exact = await interactions_query(ItemFilters(seller_id=week["b"].id))
    assert (exact.total, exact.total_capped) == (1, False)
