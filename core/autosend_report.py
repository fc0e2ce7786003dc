"""The daily line of what auto-send published: at SEND_AT in the seller's zone (outside quiet hours), the replies
auto-send made during the seller's previous day, each with a way to open its card.

Exactly once per seller and day: the day is claimed by inserting its `AutoSendReport` row (unique seller × day)
before anything is sent, so a redelivered or concurrent run finds it claimed. A day with nothing auto-sent sends
nothing and claims nothing. Like the summaries, a line lost between the claim and the send is not re-sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from core.models import AutoSendReport, MemberRole, Reply, ReplyVia, Seller, SellerMember
from core.quiet import in_quiet_hours
from core.seller_settings import SellerSettings
from core.summary_push import SEND_AT

# A day's auto-sent replies are looked for among the replies of the last LOOKBACK (any zone's yesterday).
LOOKBACK = timedelta(hours=50)


@dataclass(frozen=True)
class AutoSent:
    """One auto-sent reply as the line lists it."""

    interaction_id: int
    rating: int | None
    product_name: str | None
    text: str


@dataclass(frozen=True)
class DueReport:
    """A seller's day to report: its key (local date), the replies and who is told (the owners)."""

    seller_id: int
    day: str
    items: list[AutoSent]
    members: list[SellerMember]


def report_day(local: datetime) -> tuple[str, datetime, datetime] | None:
    """The local day a line due at `local` covers (yesterday) with its bounds; None before SEND_AT."""
    if local.time() < SEND_AT:
        return None
    midnight = datetime.combine(local.date(), time(0), local.tzinfo)
    start = midnight - timedelta(days=1)
    return start.date().isoformat(), start, midnight


async def due(now: datetime) -> list[DueReport]:
    """Sellers with auto-sent replies in their previous local day whose line is due and not yet claimed."""
    rows = await Reply.filter(via=ReplyVia.AUTO, created_at__gte=now - LOOKBACK).values_list(
        "interaction__seller_id", flat=True
    )
    out = []
    for seller in await Seller.filter(id__in=set(rows)).order_by("id"):
        current = SellerSettings.of(seller.settings)
        zone = current.business_hours.timezone
        window = report_day(now.astimezone(ZoneInfo(zone)))
        if window is None or in_quiet_hours(current.quiet, zone, now):
            continue
        day, start, end = window
        if await AutoSendReport.filter(seller_id=seller.id, day=day).exists():
            continue
        items = await _auto_sent(seller.id, start, end)
        members = await SellerMember.filter(
            seller_id=seller.id, role=MemberRole.OWNER, active=True, blocked_bot=False
        ).order_by("id")
        if items and members:
            out.append(DueReport(seller.id, day, items, list(members)))
    return out


async def _auto_sent(seller_id: int, start: datetime, end: datetime) -> list[AutoSent]:
    replies = (
        await Reply.filter(
            via=ReplyVia.AUTO,
            action__isnull=True,
            interaction__seller_id=seller_id,
            created_at__gte=start,
            created_at__lt=end,
        )
        .prefetch_related("interaction")
        .order_by("created_at", "id")
    )
    return [AutoSent(r.interaction_id, r.interaction.rating, r.interaction.product_name, r.text) for r in replies]


async def claim(seller_id: int, day: str, count: int) -> bool:
    """Claim the seller's line for `day`; False when another run claimed it first."""
    try:
        await AutoSendReport.create(seller_id=seller_id, day=day, count=count)
    except IntegrityError:
        return False
    return True
