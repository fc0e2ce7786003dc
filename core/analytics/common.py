"""What every analytics query shares: the period, the open statuses (`core.items.stage`), age buckets and a
portable SQL builder.

Queries are raw SQL aggregates written once for PostgreSQL and SQLite: `Sql` hands out placeholders (`$n` on
PostgreSQL, `?n` on SQLite) and the few expressions that differ (day of a timestamp, seconds between two).
Timestamps are stored in UTC (SQLite: ISO text in UTC, see core.db); days are calendar days in a named zone
(the seller's or the admin viewer's), UTC when none is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tortoise import connections

# Backlog age buckets: (key, lower bound inclusive, upper bound exclusive or None).
AGE_BUCKETS: tuple[tuple[str, timedelta, timedelta | None], ...] = (
    ("lt1h", timedelta(0), timedelta(hours=1)),
    ("1to4h", timedelta(hours=1), timedelta(hours=4)),
    ("4to24h", timedelta(hours=4), timedelta(hours=24)),
    ("1to3d", timedelta(days=1), timedelta(days=3)),
    ("gt3d", timedelta(days=3), None),
)


@dataclass(frozen=True)
class Period:
    """A half-open UTC range [start, end)."""

    start: datetime
    end: datetime

    @classmethod
    def last_days(cls, days: int, now: datetime, zone: str = "UTC") -> Period:
        """The `days` calendar days of `zone` ending with today (today included, up to `now`)."""
        tz = ZoneInfo(zone)
        first = now.astimezone(tz).date() - timedelta(days=days - 1)
        return cls(datetime.combine(first, time(0), tz).astimezone(UTC), now)

    @classmethod
    def day(cls, day: date, zone: str = "UTC") -> Period:
        """One whole calendar day of `zone` (its real length on DST days)."""
        tz = ZoneInfo(zone)
        start = datetime.combine(day, time(0), tz)
        return cls(start.astimezone(UTC), datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC))


def age_bucket_bounds(key: str, now: datetime) -> tuple[datetime | None, datetime]:
    """occurred_at bounds (older-than exclusive lower, newer-or-equal upper) of a backlog age bucket."""
    for name, low, high in AGE_BUCKETS:
        if name == key:
            return (None if high is None else now - high), now - low
    raise ValueError(f"unknown age bucket {key!r}")


class Sql:
    """Collects parameters for one raw query and writes the dialect-specific bits."""

    def __init__(self) -> None:
        self.conn = connections.get("default")
        self.postgres = self.conn.capabilities.dialect == "postgres"
        self.values: list[Any] = []

    def p(self, value: Any) -> str:
        """A placeholder bound to `value`."""
        if not self.postgres and isinstance(value, datetime):
            # SQLite stores tortoise datetimes as ISO text in UTC: compare like with like.
            value = value.astimezone(UTC).isoformat(" ")
        self.values.append(value)
        # Numbered on both dialects (SQLite: ?NNN), so one bound value may appear several times.
        return f"${len(self.values)}" if self.postgres else f"?{len(self.values)}"

    def day(self, column: str, zone: str = "UTC", at: datetime | None = None) -> str:
        """The calendar day in `zone` of a timestamp column (read it back with `as_date`).

        SQLite knows no zones: it shifts by the zone's UTC offset at `at` (exact for zones without DST, like
        Moscow; elsewhere days near a DST change are cut an hour off for the other half of the year).
        """
        name = ZoneInfo(zone).key  # validates the name before it reaches SQL
        if self.postgres:
            # date_trunc is cheaper than to_char on hundreds of thousands of rows.
            return f"date_trunc('day', {column} AT TIME ZONE {self.p(name)})"
        offset = (at or datetime.now(UTC)).astimezone(ZoneInfo(name)).utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        if minutes == 0:
            return f"substr({column}, 1, 10)"
        return f"date({column}, '{minutes:+d} minutes')"

    def seconds(self, later: str, earlier: str) -> str:
        """Seconds from `earlier` to `later` as a float."""
        if self.postgres:
            return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"
        # julianday is a float of days: round away its noise at millisecond precision.
        return f"ROUND((julianday({later}) - julianday({earlier})) * 86400.0, 3)"

    def seller(self, seller_id: int | None, column: str = "seller_id") -> str:
        """`AND column = ?` for one seller, nothing for all sellers."""
        # Inlined (an int, so safe): a bound seller id lets PostgreSQL settle on a generic plan after five runs,
        # and the generic plan scans the all-seller time index instead of the seller's rows (bench/README.md).
        return "" if seller_id is None else f" AND {column} = {int(seller_id)}"

    def in_(self, values: tuple[str, ...] | list[str]) -> str:
        """`(?, ?, ...)` bound to `values`."""
        return "(" + ", ".join(self.p(v) for v in values) + ")"

    async def rows(self, sql: str) -> list[dict[str, Any]]:
        """Run the query with the collected parameters."""
        return await self.conn.execute_query_dict(sql, self.values)


def as_datetime(value: datetime | str | None) -> datetime | None:
    """A timestamp from a raw row (SQLite hands them back as text)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def as_date(value: datetime | str) -> date:
    """A day from `Sql.day` (a timestamp on PostgreSQL, text on SQLite)."""
    return value.date() if isinstance(value, datetime) else date.fromisoformat(value)


def pct(part: int, whole: int) -> float | None:
    """part/whole in percent, None when there is nothing to measure."""
    return None if whole == 0 else round(100.0 * part / whole, 1)
