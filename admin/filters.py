"""The interaction list's query string, validated, turned into `core.analytics.ItemFilters` (pages and API)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from core.analytics import AGE_BUCKETS, SLA_OUTCOMES, STATUS_OPEN, ItemFilters, Period
from core.analytics.recovery import RECOVERY_FILTERS
from core.analytics.ways import AnswerWay
from core.models import AnswerState, Channel, InteractionStatus, Priority, ReplyQuality
from core.reading import Mood, Situation
from core.timezones import valid_zone
from core.topics import Topic

STATUSES = (STATUS_OPEN, *(s.value for s in InteractionStatus))
AGE_KEYS = tuple(key for key, _low, _high in AGE_BUCKETS)
# An empty select in a GET form submits "", which means "any".
Blank = BeforeValidator(lambda v: v or None)


# The days a filter may name: well inside what date arithmetic in any time zone can hold.
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2199, 12, 31)


class ItemQuery(BaseModel):
    """Filters a chart bar or the filter form can carry; empty form fields mean "any"."""

    model_config = ConfigDict(extra="ignore")

    seller_id: int | None = None
    channel: Channel | None = None
    day: date | None = None
    answered_day: date | None = None
    priority: Priority | None = None
    status: str | None = None
    age_bucket: str | None = None
    overdue: bool | None = None
    nm_id: int | None = None
    # The stored reading (core.readings): items whose topics / situations hold the value, or of that mood.
    topic: Topic | None = None
    situation: Situation | None = None
    mood: Mood | None = None
    # An inclusive range of days (in the viewer's zone) on occurred_at: the export's period, also a list filter.
    since: date | None = None
    until: date | None = None
    # The dashboard's counters (core.analytics.ItemFilters): each links to exactly the items it counts.
    answered: bool | None = None
    sla: str | None = None
    reply_quality: ReplyQuality | None = None
    blocked_draft: bool | None = None
    answer_state: AnswerState | None = None
    # Answers that win buyers back (core.analytics.recovery): the answered or recovered negatives, of one way or member.
    recovery: str | None = None
    answer_way: AnswerWay | None = None
    answered_by: int | None = Field(default=None, ge=0)
    # The zone the days above are days of, when a page counted them in another zone than the viewer's (the product
    # page counts in the seller's zone); the viewer's zone otherwise. Not `tz`: that would change the viewer's zone.
    zone: str | None = None
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=50, ge=1, le=500)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_any(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("day", "answered_day", "since", "until")
    @classmethod
    def _plausible_day(cls, value: date | None) -> date | None:
        # Day arithmetic in a time zone overflows at the calendar's ends (0001-01-01, 9999-12-31).
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise ValueError(f"a day between {FIRST_DAY} and {LAST_DAY}")
        return value

    @field_validator("status")
    @classmethod
    def _status(cls, value: str | None) -> str | None:
        if value is not None and value not in STATUSES:
            raise ValueError(f"one of {', '.join(STATUSES)}")
        return value

    @field_validator("sla")
    @classmethod
    def _sla(cls, value: str | None) -> str | None:
        if value is not None and value not in SLA_OUTCOMES:
            raise ValueError(f"one of {', '.join(SLA_OUTCOMES)}")
        return value

    @field_validator("recovery")
    @classmethod
    def _recovery(cls, value: str | None) -> str | None:
        if value is not None and value not in RECOVERY_FILTERS:
            raise ValueError(f"one of {', '.join(RECOVERY_FILTERS)}")
        return value

    @field_validator("zone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None and valid_zone(value) is None:
            raise ValueError("an IANA time zone")
        return value

    @field_validator("age_bucket")
    @classmethod
    def _age(cls, value: str | None) -> str | None:
        if value is not None and value not in AGE_KEYS:
            raise ValueError(f"one of {', '.join(AGE_KEYS)}")
        return value

    def filters(self, now: datetime | None = None, zone: str = "UTC") -> ItemFilters:
        """The core filter object (age buckets and `overdue` are measured at `now`, days are days in the query's own
        `zone` if it names one, else in `zone`)."""
        zone = self.zone or zone
        values = self.model_dump(exclude={"since", "until", "zone"})
        return ItemFilters(**values, period=self.period(zone), now=now or datetime.now(UTC), zone=zone)

    def period(self, zone: str) -> Period | None:
        """`since`..`until` as a UTC range (either end may be open), None when neither is set."""
        if self.since is None and self.until is None:
            return None
        start = Period.day(self.since, zone).start if self.since else datetime.min.replace(tzinfo=UTC)
        end = Period.day(self.until, zone).end if self.until else datetime.max.replace(tzinfo=UTC)
        return Period(start, end)
