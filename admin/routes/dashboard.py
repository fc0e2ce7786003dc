"""Dashboard: volume, backlog, response times, SLA, reply quality and sync health, each bar a drill-down link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from admin.charts import Bar, Chart, drill_href, layout
from admin.deps import AppSettings, CurrentAdmin, T, request_zone
from admin.loaders import Dashboard, Days, load_dashboard
from admin.templating import templates
from core import analytics, products
from core.analytics import AGE_BUCKETS, ItemFilters, Period
from core.analytics.recovery import NO_MEMBER, RECOVERY_FILTERS, RecoveryStats, recovery
from core.analytics.ways import answer_ways
from core.i18n import Translator
from core.models import PRIORITY_RANK, AnswerState, Channel, Priority, ReplyQuality, Seller
from core.timezones import local

router = APIRouter(include_in_schema=False)
SYNC_ROWS = 20
# "Which drafts to trust" always covers the last 30 days (like /stats), whatever the page's period.
TRUST_DAYS = 30


def _volume_chart(data: Dashboard, t: Translator, *, answered: bool) -> Chart:
    counts = {(r.day, r.channel): (r.answered if answered else r.received) for r in data.volume}
    bars = []
    day, last = local(data.period.start, data.zone).date(), local(data.period.end, data.zone).date()
    while day <= last:
        for i, channel in enumerate(Channel):
            value = counts.get((day, channel), 0)
            on_day: dict[str, Any] = {"answered_day" if answered else "day": day}
            drill = ItemFilters(seller_id=data.seller_id, channel=channel, **on_day)
            title = f"{day.isoformat()} · {t(f'admin-channel-{channel}')}: {value}"
            label = day.strftime("%d.%m") if i == 0 else ""
            bars.append(Bar(label, value, channel.value, drill_href(drill), title))
        day += timedelta(days=1)
    return layout(bars)


def _backlog_charts(data: Dashboard, t: Translator) -> tuple[Chart, Chart]:
    by_age: dict[tuple[str, Channel], int] = {}
    by_priority: dict[Priority, int] = {}
    for row in data.backlog:
        by_age[(row.age_bucket, row.channel)] = by_age.get((row.age_bucket, row.channel), 0) + row.count
        by_priority[row.priority] = by_priority.get(row.priority, 0) + row.count
    age_bars = []
    for key, _low, _high in AGE_BUCKETS:
        for i, channel in enumerate(Channel):
            value = by_age.get((key, channel), 0)
            drill = ItemFilters(seller_id=data.seller_id, channel=channel, age_bucket=key, status=analytics.STATUS_OPEN)
            title = f"{t(f'admin-age-{key}')} · {t(f'admin-channel-{channel}')}: {value}"
            label = t(f"admin-age-{key}") if i == 0 else ""
            age_bars.append(Bar(label, value, channel.value, drill_href(drill), title))
    priority_bars = [
        Bar(
            t(f"admin-priority-{p}"),
            by_priority.get(p, 0),
            p.value,
            drill_href(ItemFilters(seller_id=data.seller_id, priority=p, status=analytics.STATUS_OPEN)),
            f"{t(f'admin-priority-{p}')}: {by_priority.get(p, 0)}",
        )
        for p in sorted(Priority, key=PRIORITY_RANK.__getitem__)
    ]
    return layout(age_bars), layout(priority_bars)


def _counter_links(data: Dashboard, top: list[products.ProductRow]) -> dict[str, str]:
    """Where each counter of the page leads: the items received in the period that it counts."""
    since, until = local(data.period.start, data.zone).date(), local(data.period.end, data.zone).date()

    def href(**filters: object) -> str:
        drill = ItemFilters(seller_id=data.seller_id, **filters)  # type: ignore[arg-type]
        return drill_href(drill, since=since, until=until, zone=data.zone)

    links = {}
    for channel in (None, *Channel):
        key = channel.value if channel else "all"
        links[f"answered-{key}"] = href(channel=channel, answered=True)
        links[f"sla-breached-{key}"] = href(channel=channel, sla="breached")
        links[f"sla-decided-{key}"] = href(channel=channel, sla="decided")
    for quality in ReplyQuality:
        links[f"quality-{quality}"] = href(reply_quality=quality)
    links["moderation-rejected"] = href(answered=True, answer_state=AnswerState.REJECTED)
    links["blocked-drafts"] = href(blocked_draft=True)
    for p in top:
        drill = ItemFilters(seller_id=p.seller_id, nm_id=p.nm_id)
        links[f"top-{p.seller_id}-{p.nm_id}"] = drill_href(drill, since=since, until=until, zone=data.zone)
    return links


def _recovery_links(data: Dashboard, stats: RecoveryStats) -> dict[str, str]:
    """Each recovery figure's list: the answered (or recovered) negatives of its group, written in the period."""
    since, until = local(data.period.start, data.zone).date(), local(data.period.end, data.zone).date()
    links = {}
    for group in (stats.total, *stats.products, *stats.members, *stats.ways):
        if group.key.startswith("nm-") and group.nm_id is None:
            continue  # no product filter matches "no product": shown without a link
        member = None if group.key == "all" or not group.key.startswith("member-") else group.member_id or NO_MEMBER
        for which in RECOVERY_FILTERS:
            drill = ItemFilters(
                seller_id=data.seller_id, recovery=which, nm_id=group.nm_id, answer_way=group.way, answered_by=member
            )
            links[f"recovery-{which}-{group.key}"] = drill_href(drill, since=since, until=until, zone=data.zone)
    return links


def _unhealthy(row: analytics.SyncHealthRow, stale_s: float) -> bool:
    return row.lag_s is None or row.lag_s > stale_s or row.consecutive_failures > 0 or row.consecutive_429 > 0


@router.get("/", name="dashboard")
async def dashboard(
    request: Request, admin: CurrentAdmin, t: T, settings: AppSettings, days: Days = 14, seller_id: int | None = None
) -> Response:
    """The dashboard page."""
    data = await load_dashboard(seller_id=seller_id, days=days, now=datetime.now(UTC), zone=request_zone(request))
    stale_s = settings.ops.stale_sync_min * 60
    age_chart, priority_chart = _backlog_charts(data, t)
    # Drill-down to a product's page (admin.routes.products).
    top = await products.top_products(seller_id=seller_id, period=data.period)
    won_back = await recovery(seller_id=seller_id, period=data.period)
    trust = await answer_ways(seller_id=seller_id, period=Period.last_days(TRUST_DAYS, datetime.now(UTC), data.zone))
    context = {
        "admin": admin,
        "active": "dashboard",
        "data": data,
        "days": days,
        "sellers": await Seller.all().order_by("id").values("id", "name"),
        "received_chart": _volume_chart(data, t, answered=False),
        "answered_chart": _volume_chart(data, t, answered=True),
        "age_chart": age_chart,
        "priority_chart": priority_chart,
        "channels": list(Channel),
        "stale_s": stale_s,
        # Thousands of cursors are healthy; the dashboard lists the ones that need a look.
        "sync_rows": [r for r in data.sync if _unhealthy(r, stale_s)][:SYNC_ROWS],
        "qualities": list(ReplyQuality),
        "top_products": top,
        "links": _counter_links(data, top) | _recovery_links(data, won_back),
        "recovery": won_back,
        "trust": trust,
    }
    return templates.TemplateResponse(request, "dashboard.html", context)
