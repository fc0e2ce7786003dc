"""The reading as filters (issue 24): the drill-down list and the CSV export pick items by topic, situation and
mood, and the export carries the situations, mood and reply language. PostgreSQL and SQLite."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from core import exports
from core.analytics import ItemFilters, interactions_query
from core.models import Channel, Interaction, Seller
from core.reading import Mood, Situation
from core.topics import Topic

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


async def _seed() -> tuple[Seller, list[Interaction]]:
    shop = await Seller.create(name="Shop")
    rows = [
        # (topics, situations, mood): a burn, a refund waited for, plain praise, one not read yet.
        (["quality"], ["harm", "legal"], "negative"),
        (["return"], ["refund_pending"], "negative"),
        (["praise_quality"], [], "positive"),
        (None, None, None),
    ]
    items = [
        await Interaction.create(
            seller=shop, channel=Channel.REVIEW, external_id=f"r{n}", occurred_at=T0 + timedelta(hours=n),
            text=f"text {n}", topics=topics, situations=situations, mood=mood, reply_language=mood and "ru",
        )
        for n, (topics, situations, mood) in enumerate(rows)
    ]  # fmt: skip
    # Another seller's burn: the seller filter still applies.
    await Interaction.create(
        seller=await Seller.create(name="Other"), channel=Channel.CHAT, external_id="c", occurred_at=T0,
        situations=["harm"], mood="negative", topics=[],
    )  # fmt: skip
    return shop, items


async def _ids(filters: ItemFilters) -> list[int]:
    return sorted(row.id for row in (await interactions_query(filters)).items)


async def test_the_list_filters_by_situation_topic_and_mood(db: None) -> None:
    shop, items = await _seed()
    burn, refund, praise, _unread = items
    assert await _ids(ItemFilters(seller_id=shop.id, situation=Situation.HARM)) == [burn.id]
    assert await _ids(ItemFilters(seller_id=shop.id, situation=Situation.REFUND_PENDING)) == [refund.id]
    assert await _ids(ItemFilters(seller_id=shop.id, topic=Topic.PRAISE_QUALITY)) == [praise.id]
    assert await _ids(ItemFilters(seller_id=shop.id, mood=Mood.NEGATIVE)) == [burn.id, refund.id]
    assert await _ids(ItemFilters(seller_id=shop.id, mood=Mood.NEGATIVE, situation=Situation.LEGAL)) == [burn.id]
    assert await _ids(ItemFilters(seller_id=shop.id, situation=Situation.EMPTY_BOX)) == []
    assert len(await _ids(ItemFilters(situation=Situation.HARM))) == 2  # all sellers


async def test_the_export_carries_and_filters_the_reading(db: None) -> None:
    shop, items = await _seed()
    text = "".join([c async for c in exports.csv_chunks(ItemFilters(seller_id=shop.id, situation=Situation.HARM))])
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(exports.BOM))))
    assert [int(r["id"]) for r in rows] == [items[0].id]
    assert (rows[0]["situations"], rows[0]["mood"], rows[0]["reply_language"]) == ("harm legal", "negative", "ru")
    everything = "".join([c async for c in exports.csv_chunks(ItemFilters(seller_id=shop.id))])
    unread = list(csv.DictReader(io.StringIO(everything.removeprefix(exports.BOM))))[-1]
    assert (unread["situations"], unread["mood"]) == ("", "")
