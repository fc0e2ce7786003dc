"""The weekly line of answers that won buyers back (core.analytics.recovery): on Mondays from SEND_AT in the seller's
zone (outside quiet hours), the last 30 days' «recovered N of M (x %)», the median days to the supplement and the
way of answering that recovered the most, to the seller's owners.

Exactly once per seller and ISO week: the week is claimed by inserting its `RecoveryReport` row (unique seller ×
week) before anything is sent, so a redelivered or concurrent run finds it claimed (like core.autosend_report).
A seller with no answered negative review in the 30 days gets nothing and claims nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from core.analytics.common import Period
from core.analytics.recovery import NEGATIVE_MAX, RecoveryGroup, recovery
from core.models import Channel, Interaction, MemberRole, RecoveryReport, Seller, SellerMember
from core.quiet import in_quiet_hours
from core.seller_settings import SellerSettings
from core.summary_push import SEND_AT

DAYS = 30
MONDAY = 0


@dataclass(frozen=True)
class DueRecovery:
    """A seller's week to report: its key, the figures and who is told (the owners)."""

    seller_id: int
    week: str
    total: RecoveryGroup
    best: RecoveryGroup | None
    members: list[SellerMember]


def report_week(local: datetime) -> str | None:
    """The ISO week key ("2026-W50") of a line due at `local` (a Monday from SEND_AT on), else None."""
    if local.weekday() != MONDAY or local.time() < SEND_AT:
        return None
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


async def due(now: datetime) -> list[DueRecovery]:
    """Sellers whose weekly line is due now, not yet claimed, with answered negative reviews in the last 30 days."""
    candidates = await Interaction.filter(
        channel=Channel.REVIEW,
        rating__lte=NEGATIVE_MAX,
        parent_external_id__isnull=True,
        occurred_at__gte=now - timedelta(days=DAYS + 1),
    ).values_list("seller_id", flat=True)
    out = []
    for seller in await Seller.filter(id__in=set(candidates)).order_by("id"):
        current = SellerSettings.of(seller.settings)
        zone = current.business_hours.timezone
        week = report_week(now.astimezone(ZoneInfo(zone)))
        if week is None or in_quiet_hours(current.quiet, zone, now):
            continue
        if await RecoveryReport.filter(seller_id=seller.id, week=week).exists():
            continue
        stats = await recovery(seller_id=seller.id, period=Period.last_days(DAYS, now, zone))
        if not stats.total.answered:
            continue
        members = await SellerMember.filter(
            seller_id=seller.id, role=MemberRole.OWNER, active=True, blocked_bot=False
        ).order_by("id")
        best = max(stats.ways, key=lambda g: (g.recovered, -g.answered), default=None)
        if members:
            out.append(DueRecovery(seller.id, week, stats.total, best if best and best.recovered else None, members))
    return out


async def claim(seller_id: int, week: str, total: RecoveryGroup) -> bool:
    """Claim the seller's line for `week`; False when another run claimed it first."""
    try:
        await RecoveryReport.create(seller_id=seller_id, week=week, recovered=total.recovered, answered=total.answered)
    except IntegrityError:
        return False
    return True
