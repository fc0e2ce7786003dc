"""SLA clocks in the seller's business hours.

An item's budget is business time (hours the seller's team works), chosen by channel, rating and intent; `due_at`
is that budget laid over the seller's calendar (timezone, ISO weekdays, start/end). Because `due_at` already
skips nights and weekends, "SLA met" is simply `first_response_at <= due_at`, which the analytics compute in SQL.
Arithmetic runs in UTC between window edges computed in the seller's zone, so DST shifts are counted correctly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from core.models import Channel, Priority
from core.seller_settings import BusinessHours

# Business-time budgets per (channel, priority); a missing pair means "no SLA" (e.g. a bare 5★ rating).
SLA_BUDGETS: dict[tuple[Channel, Priority], timedelta] = {
    (Channel.REVIEW, Priority.URGENT): timedelta(hours=4),
    (Channel.REVIEW, Priority.HIGH): timedelta(hours=8),
    (Channel.REVIEW, Priority.NORMAL): timedelta(hours=16),
    (Channel.QUESTION, Priority.URGENT): timedelta(hours=1),
    (Channel.QUESTION, Priority.HIGH): timedelta(hours=4),
    (Channel.QUESTION, Priority.NORMAL): timedelta(hours=8),
    (Channel.CHAT, Priority.URGENT): timedelta(hours=1),
    (Channel.CHAT, Priority.HIGH): timedelta(hours=2),
    (Channel.CHAT, Priority.NORMAL): timedelta(hours=4),
    # A return application waits for the seller's decision; WB decides by itself when the seller stays silent.
    (Channel.RETURN, Priority.URGENT): timedelta(hours=8),
    (Channel.RETURN, Priority.HIGH): timedelta(hours=16),
}
# A harm or legal item (core.reading.SAFETY) is due this soon whatever its channel: a person answers it first.
SAFETY_BUDGET = timedelta(minutes=30)
# Longest search for the next open window (a calendar with one weekday still finds one within a week).
_MAX_DAYS = 400


@lru_cache(maxsize=8192)
def _window(day: date, zone: str, start: time, end: time) -> tuple[datetime, datetime]:
    """The business window (UTC start, UTC end) of one local day; cached: a page of items shares its few days, and
    building the zoned datetimes was most of the SLA's cost on the ingest path."""
    tz = ZoneInfo(zone)
    opens = datetime.combine(day, start, tz)
    # end <= start means "until midnight" (00:00–00:00 is a 24-hour day).
    closes_day = day if end > start else day + timedelta(days=1)
    closes = datetime.combine(closes_day, end if end > start else time(0), tz)
    return opens.astimezone(UTC), closes.astimezone(UTC)


def _windows(after: datetime, hours: BusinessHours) -> Iterator[tuple[datetime, datetime]]:
    """Business windows (UTC start, UTC end) from the local day containing `after` onwards."""
    day = after.astimezone(ZoneInfo(hours.timezone)).date()
    for offset in range(_MAX_DAYS):
        current = day + timedelta(days=offset)
        if current.isoweekday() in hours.weekdays:
            yield _window(current, hours.timezone, hours.start, hours.end)


def add_business_time(start: datetime, budget: timedelta, hours: BusinessHours) -> datetime:
    """The UTC moment when `budget` of business time has elapsed after `start`."""
    cursor = start.astimezone(UTC)
    remaining = budget
    for opens, closes in _windows(cursor, hours):
        if closes <= cursor:
            continue
        cursor = max(cursor, opens)
        available = closes - cursor
        if remaining <= available:
            return cursor + remaining
        remaining -= available
        cursor = closes
    raise ValueError("business hours leave no working time")


def business_time_between(start: datetime, end: datetime, hours: BusinessHours) -> timedelta:
    """Business time elapsed between `start` and `end` (zero when end <= start)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    total = timedelta(0)
    if end <= start:
        return total
    for opens, closes in _windows(start, hours):
        if opens >= end:
            break
        overlap = min(closes, end) - max(opens, start)
        if overlap > timedelta(0):
            total += overlap
    return total


def sla_budget(channel: Channel, priority: Priority) -> timedelta | None:
    """The business-time budget for an item of this channel and priority (None: no SLA)."""
    return SLA_BUDGETS.get((channel, priority))


def due_at(
    *,
    channel: Channel,
    priority: Priority,
    occurred_at: datetime,
    business_hours: BusinessHours,
    safety: bool = False,
) -> datetime | None:
    """When the first response is due (UTC), or None for items without an SLA (`safety`: the short SAFETY_BUDGET)."""
    budget = SAFETY_BUDGET if safety else sla_budget(channel, priority)
    return None if budget is None else add_business_time(occurred_at, budget, business_hours)


def sla_met(*, first_response_at: datetime | None, due: datetime | None, now: datetime) -> bool | None:
    """True/False once decided, None while still open and not yet due (or without an SLA)."""
    if due is None:
        return None
    if first_response_at is not None:
        return first_response_at <= due
    return False if now > due else None
