"""Analytics with WB-shaped timestamps (`+03:00`, `Z`, fractional seconds) on both dialects.

WB sends review times with Moscow's offset and chat times in UTC. Whatever the offset, every stored time is UTC, so
SQLite's text comparisons and day cuts agree with PostgreSQL. The seller works in Moscow (UTC+3); "now" is
Mon 2026-11-30 12:00 UTC = 15:00 MSK, so the seller's "today" began Sun 29 21:00 UTC.

  r1 review   2026-11-30T10:00:00+03:00          (07:00Z)  answered 2026-11-30T11:30:00.5+03:00  → 5400.5 s
  r2 review   2026-11-30T00:30:00+03:00          (29 21:30Z, today in Moscow, yesterday in UTC)
  r3 review   2026-11-30T14:59:00+03:00          (11:59Z, one minute before now)
  q1 question 2026-11-30T06:00:00Z                          answered 2026-11-30T06:10:00.250Z     → 600.25 s
  c1 chat     2026-11-29T23:59:59.999+03:00      (29 20:59:59.999Z, yesterday in Moscow)

Hand counts, seller's today: received r1 r2 r3 q1 = 4, answered r1 q1 = 2, median (5400.5 + 600.25) / 2 = 3000.375 s.
Seven days: received 5. Per Moscow day: 29 Nov: 1 chat; 30 Nov: 3 reviews + 1 question; answered 30 Nov: 1 + 1.
"""

from datetime import UTC, date, datetime

import pytest
from tortoise import connections

from core.analytics import Period, daily_volume, first_response, stats
from core.models import Channel, Interaction, InteractionStatus, Seller
from core.seller_settings import SellerSettings
from sync import ingest
from sync.wb.models import Feedback, Question
from tests.factories import new_seller

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def wb(value: str) -> datetime:
    """A timestamp as WB writes it (Python 3.11 reads `Z` and up to 6 fractional digits)."""
    return datetime.fromisoformat(value)


def _review(key: str, at: str) -> Feedback:
    return Feedback.model_validate(
        {"id": key, "text": "Хорошо", "productValuation": 3, "createdDate": at, "productDetails": {"nmId": 1}}
    )


def _question(key: str, at: str) -> Question:
    return Question.model_validate({"id": key, "text": "Есть размер M?", "createdDate": at, "state": "none"})


@pytest.fixture
async def shop(db: None) -> Seller:
    """The items above, ingested through the sync's own bulk path from WB-shaped JSON."""
    settings = SellerSettings()
    seller = await new_seller(settings=settings.model_dump(mode="json"))
    reviews = [ingest.from_feedback(_review(k, at)) for k, at in (
        ("r1", "2026-11-30T10:00:00+03:00"), ("r2", "2026-11-30T00:30:00+03:00"), ("r3", "2026-11-30T14:59:00+03:00"),
    )]  # fmt: skip
    await ingest.upsert_items(seller.id, Channel.REVIEW, reviews, settings, NOW)
    await ingest.upsert_items(
        seller.id, Channel.QUESTION, [ingest.from_question(_question("q1", "2026-11-30T06:00:00Z"))], settings, NOW
    )
    await Interaction.create(
        seller=seller, channel=Channel.CHAT, external_id="c1", occurred_at=wb("2026-11-29T23:59:59.999+03:00")
    )
    for key, answered in (("r1", "2026-11-30T11:30:00.5+03:00"), ("q1", "2026-11-30T06:10:00.250Z")):
        await Interaction.filter(seller=seller, external_id=key).update(
            first_response_at=wb(answered), answered_at=wb(answered), status=InteractionStatus.ANSWERED
        )
    return seller


async def test_every_stored_time_is_utc(shop: Seller) -> None:
    rows = await connections.get("default").execute_query_dict(
        "SELECT external_id, occurred_at FROM interaction ORDER BY external_id"
    )
    stored = {r["external_id"]: r["occurred_at"] for r in rows}
    for value in stored.values():
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        assert moment.utcoffset().total_seconds() == 0, stored
    r1 = stored["r1"]
    assert (r1 if isinstance(r1, datetime) else datetime.fromisoformat(r1)) == datetime(2026, 11, 30, 7, tzinfo=UTC)


async def test_stats_today_is_the_sellers_day(shop: Seller) -> None:
    today, seven, _ = await stats(seller_id=shop.id, now=NOW, zone="Europe/Moscow")
    assert (today.received, today.answered, today.median_first_response_s) == (4, 2, 3000.375)
    assert (seven.received, seven.answered) == (5, 2)


async def test_first_response_with_fractional_seconds(shop: Seller) -> None:
    period = Period(datetime(2026, 11, 29, 21, tzinfo=UTC), NOW)
    times = await first_response(seller_id=shop.id, period=period, channel=Channel.REVIEW)
    assert (times.answered, times.p50_s) == (1, 5400.5)


async def test_daily_volume_in_the_viewers_zone(shop: Seller) -> None:
    period = Period.last_days(7, NOW, "Europe/Moscow")
    rows = {(r.day, r.channel): (r.received, r.answered) for r in await daily_volume(
        seller_id=shop.id, period=period, zone="Europe/Moscow")}  # fmt: skip
    assert rows == {
        (date(2026, 11, 29), Channel.CHAT): (1, 0),
        (date(2026, 11, 30), Channel.REVIEW): (3, 1),
        (date(2026, 11, 30), Channel.QUESTION): (1, 1),
    }
    utc_rows = {(r.day, r.channel): r.received for r in await daily_volume(seller_id=shop.id, period=period)}
    assert utc_rows[(date(2026, 11, 29), Channel.REVIEW)] == 1
