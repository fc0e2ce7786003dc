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
from core.analytics import STATUS_OPEN, ItemFilters
from core.i18n import Translator
from core.items.view import seller_zone
from core.models import Channel
from core.topics import Topic

router = APIRouter(prefix="/products", include_in_schema=False)


def _href(view: products.ProductView, week: products.Week, **filters: object) -> str:
    # The week's days are the seller's (view.zone): the link names that zone, whatever the viewer's is.
    drill = ItemFilters(seller_id=view.seller_id, nm_id=view.nm_id, **filters)  # type: ignore[arg-type]
    return drill_href(drill, since=week.start, until=week.start + timedelta(days=6), zone=view.zone)


def charts(view: products.ProductView, t: Translator) -> dict[str, Chart]:
    """Volume, rating and one chart per top topic: a bar per week (the rating's bars open the week's reviews)."""
    label = lambda w: w.start.strftime("%d.%m")  # noqa: E731
    volume = [Bar(label(w), w.received, "review", _href(view, w), f"{label(w)}: {w.received}") for w in view.weeks]
    rating = [
        Bar(
            label(w),
            w.rating or 0,
            "question",
            _href(view, w, channel=Channel.REVIEW),
            f"{label(w)}: {w.rating:.1f}★" if w.rating else "—",
        )
        for w in view.weeks
    ]
    out = {"volume": layout(volume), "rating": layout(rating)}
    for topic in view.top_topics:
        name = t(f"topic-{topic}") if t.has(f"topic-{topic}") else topic
        # A topic no longer in core.topics.Topic cannot be filtered on: its bars open the week.
        picked = {"topic": Topic(topic)} if topic in set(Topic) else {}
        bars = [
            Bar(
                label(w),
                w.topics.get(topic, 0),
                "chat",
                _href(view, w, **picked),
                f"{name} {label(w)}: {w.topics.get(topic, 0)}",
            )
            for w in view.weeks
        ]
        out[name] = layout(bars)
    return out


@router.get("/{seller_id}/{nm_id}", name="product")
async def product_page(request: Request, admin: CurrentAdmin, t: T, seller_id: int, nm_id: int) -> Response:
    """The product's page, its weeks in the seller's time zone."""
    view = await products.product_view(
        seller_id=seller_id, nm_id=nm_id, now=datetime.now(UTC), zone=await seller_zone(seller_id)
    )
    open_href = drill_href(ItemFilters(seller_id=seller_id, nm_id=nm_id, status=STATUS_OPEN))
    context = {"admin": admin, "active": "dashboard", "view": view, "charts": charts(view, t), "open_href": open_href}
    return templates.TemplateResponse(request, "product.html", context)
