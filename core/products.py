"""One product (seller × nmId) over time, for the admin's product page: weekly volume, rating trend, top topics per
week, open items and spike history; and the busiest products of a period (the dashboard's drill-down)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tortoise.functions import Count

from core.analytics import ItemFilters, ItemPage, Period, interactions_query
from core.models import Channel, Interaction, ProductSpike

TOP_TOPICS = 3


@dataclass(frozen=True)
class Week:
    """One week of the product: its first day, items received, the average review rating, counts per topic."""

    start: date
    received: int
    rating: float | None
    topics: dict[str, int]


@dataclass(frozen=True)
class ProductView:
    seller_id: int
    nm_id: int
    zone: str
    name: str | None
    weeks: list[Week]
    top_topics: list[str]
    open_items: ItemPage
    spikes: list[ProductSpike]


async def product_view(*, seller_id: int, nm_id: int, now: datetime, zone: str, weeks: int = 8) -> ProductView:
    """The product's last `weeks` weeks of whole days of `zone` (the seller's; the last week ends with today there),
    its open items and every spike it had, newest first. Whole days, so each week is exactly the days its bar links
    to (`since`..`until` in `zone`)."""
    tz = ZoneInfo(zone)
    first = now.astimezone(tz).date() + timedelta(days=1) - timedelta(weeks=weeks)
    start = datetime.combine(first, time.min, tz).astimezone(UTC)
    end = datetime.combine(first + timedelta(weeks=weeks), time.min, tz).astimezone(UTC)
    rows = await Interaction.filter(
        seller_id=seller_id, nm_id=nm_id, occurred_at__gte=start, occurred_at__lt=end
    ).values("occurred_at", "channel", "rating", "topics", "product_name")
    buckets: list[list[dict]] = [[] for _ in range(weeks)]
    for item in rows:
        buckets[(item["occurred_at"].astimezone(tz).date() - first).days // 7].append(item)
    result = []
    for n, items in enumerate(buckets):
        ratings = [i["rating"] for i in items if i["channel"] == Channel.REVIEW and i["rating"]]
        topics = Counter(topic for i in items for topic in (i["topics"] or []))
        week_start = first + timedelta(weeks=n)
        result.append(Week(week_start, len(items), sum(ratings) / len(ratings) if ratings else None, dict(topics)))
    total: Counter[str] = Counter()
    for week in result:
        total.update(week.topics)
    name = next((i["product_name"] for i in rows if i["product_name"]), None)
    open_items = await interactions_query(ItemFilters(seller_id=seller_id, nm_id=nm_id, status="open", now=now))
    spikes = await ProductSpike.filter(seller_id=seller_id, nm_id=nm_id).order_by("-first_seen")
    return ProductView(
        seller_id, nm_id, zone, name, result, [t for t, _ in total.most_common(TOP_TOPICS)], open_items, list(spikes)
    )


@dataclass(frozen=True)
class ProductRow:
    seller_id: int
    nm_id: int
    name: str | None
    received: int


async def top_products(*, seller_id: int | None, period: Period, limit: int = 10) -> list[ProductRow]:
    """The products that received the most items in `period` (one seller, or all)."""
    query = Interaction.filter(occurred_at__gte=period.start, occurred_at__lt=period.end, nm_id__not_isnull=True)
    if seller_id is not None:
        query = query.filter(seller_id=seller_id)
    rows = (
        await query.annotate(n=Count("id"))
        .group_by("seller_id", "nm_id")
        .order_by("-n", "nm_id")
        .limit(limit)
        .values("seller_id", "nm_id", "n")
    )
    names = {}
    for r in rows:
        found = await Interaction.filter(
            seller_id=r["seller_id"], nm_id=r["nm_id"], product_name__not_isnull=True
        ).first()
        names[(r["seller_id"], r["nm_id"])] = found.product_name if found else None
    return [ProductRow(r["seller_id"], r["nm_id"], names[(r["seller_id"], r["nm_id"])], r["n"]) for r in rows]
