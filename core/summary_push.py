"""The summary pushed on subscription (/digest settings): off, daily or weekly, at SEND_AT in the seller's zone
(weekly on Monday), covering the day or the week that has just ended.

Exactly once: before sending, a member's period is claimed with one conditional UPDATE (`summary_period` is not yet
this period's key → this key), so a redelivered or concurrent task finds it claimed and sends nothing. During the
seller's quiet hours the summary waits until they end (the same day's key). Like digests, a summary lost between
the claim and the send is not re-sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from core.models import SellerMember, SummaryEvery
from core.quiet import in_quiet_hours
from core.seller_settings import SellerSettings

SEND_AT = time(9, 0)  # local time in the seller's zone
WEEKLY_DAY = 0  # Monday


def period_key(every: SummaryEvery, local: datetime) -> str | None:
    """The period a summary due at `local` (the seller's wall clock) belongs to; None when none is due yet."""
    if every == SummaryEvery.OFF or local.time() < SEND_AT:
        return None
    if every == SummaryEvery.DAILY:
        return f"d{local.date().isoformat()}"
    if local.weekday() != WEEKLY_DAY:
        return None
    year, week, _ = local.isocalendar()
    return f"w{year}-{week:02d}"


def covered_until(local: datetime) -> datetime:
    """The summary covers whole days up to the start of the local day it is sent on (just before midnight)."""
    midnight = datetime.combine(local.date(), time(0), local.tzinfo)
    return midnight - timedelta(microseconds=1)


@dataclass(frozen=True)
class DueSummary:
    member: SellerMember
    key: str
    weekly: bool
    zone: str
    until: datetime


async def due(now: datetime) -> list[DueSummary]:
    """Subscribed members whose summary for the current period is due and not yet claimed."""
    members = (
        await SellerMember.filter(active=True, blocked_bot=False)
        .exclude(summary_every=SummaryEvery.OFF)
        .prefetch_related("seller")
        .order_by("id")
    )
    out = []
    for member in members:
        current = SellerSettings.of(member.seller.settings)
        zone = current.business_hours.timezone
        local = now.astimezone(ZoneInfo(zone))
        key = period_key(member.summary_every, local)
        if key is None or key == member.summary_period or in_quiet_hours(current.quiet, zone, now):
            continue
        weekly = member.summary_every == SummaryEvery.WEEKLY
        out.append(DueSummary(member, key, weekly, zone, covered_until(local)))
    return out


async def claim(member_id: int, key: str) -> bool:
    """Claim the member's summary for the period `key`; False when another run claimed it first."""
    unclaimed = Q(summary_period__isnull=True) | ~Q(summary_period=key)
    return bool(await SellerMember.filter(unclaimed, id=member_id).update(summary_period=key))


async def subscribe(member_id: int, every: SummaryEvery) -> None:
    """Set how often the member gets the summary pushed."""
    await SellerMember.filter(id=member_id).update(summary_every=every)
