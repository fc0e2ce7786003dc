"""Product page: one seller's product (nmId) over the last weeks — volume, rating trend, top topics per week (SVG
bars, each a link to the items), open items and spike history; the dashboard links here from its top products."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response

from admin.charts import Bar, Chart, drill_href, layout
from admin.deps import CurrentAdmin, T
from admin.templating import templates
from core import products
from core.analytics import ItemFilters, Period
from core.i18n import Translator

router = APIRouter(prefix="/products", include_in_schema=False)


def _week_filters(view: products.ProductView, week: products.Week) -> ItemFilters:
    start = datetime.combine(week.start, datetime.min.time(), UTC)
    return ItemFilters(seller_id=view.seller_id, nm_id=view.nm_id, period=Period(start, start + timedelta(weeks=1)))


def _href(view: products.ProductView, week: products.Week) -> str:
    # The list's From/To filter carries the week (ItemFilters.as_query leaves periods out).
    last = week.start + timedelta(days=6)
    return drill_href(_week_filters(view, week)) + f"&since={week.start}&until={last}&tz=UTC"


def charts(view: products.ProductView, t: Translator) -> dict[str, Chart]:
    """Volume, rating and one chart per top topic: a bar per week."""
    label = lambda w: w.start.strftime("%d.%m")  # noqa: E731
    volume = [Bar(label(w), w.received, "review", _href(view, w), f"{label(w)}: {w.received}") for w in view.weeks]
    rating = [
        Bar(label(w), w.rating or 0, "question", _href(view, w), f"{label(w)}: {w.rating:.1f}★" if w.rating else "—")
        for w in view.weeks
    ]
    out = {"volume": layout(volume), "rating": layout(rating)}
    for topic in view.top_topics:
        name = t(f"topic-{topic}") if t.has(f"topic-{topic}") else topic
        bars = [
            Bar(
                label(w), w.topics.get(topic, 0), "chat", _href(view, w), f"{name} {label(w)}: {w.topics.get(topic, 0)}"
            )
            for w in view.weeks
        ]
        out[name] = layout(bars)
    return out


@router.get("/{seller_id}/{nm_id}", name="product")
async def product_page(request: Request, admin: CurrentAdmin, t: T, seller_id: int, nm_id: int) -> Response:
    """The product's page."""
    view = await products.product_view(seller_id=seller_id, nm_id=nm_id, now=datetime.now(UTC))
    context = {"admin": admin, "active": "dashboard", "view": view, "charts": charts(view, t)}
    return templates.TemplateResponse(request, "product.html", context)
