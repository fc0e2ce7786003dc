"""Business-hours SLA math: budgets skip nights and weekends in the seller's zone; DST counted in real time."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.models import Channel, Priority
from core.seller_settings import BusinessHours
from core.sla import add_business_time, business_time_between, due_at, sla_met

MSK = ZoneInfo("Europe/Moscow")
WEEKDAYS_9_18 = BusinessHours(timezone="Europe/Moscow", start=time(9), end=time(18), weekdays=[1, 2, 3, 4, 5])
ALWAYS_BERLIN = BusinessHours(timezone="Europe/Berlin", start=time(0), end=time(0), weekdays=[1, 2, 3, 4, 5, 6, 7])


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026 (the 27th is a Friday) in Moscow time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK)


def test_budget_carries_over_the_weekend() -> None:
    # Friday 17:00 + 4 h: 1 h on Friday, 3 h on Monday from 09:00.
    assert add_business_time(msk(27, 17), timedelta(hours=4), WEEKDAYS_9_18) == msk(30, 12)


def test_arrival_on_saturday_starts_the_clock_on_monday_morning() -> None:
    assert add_business_time(msk(28, 11), timedelta(hours=1), WEEKDAYS_9_18) == msk(30, 10)
    # Before opening on a weekday the clock starts at opening time.
    assert add_business_time(msk(30, 7), timedelta(minutes=30), WEEKDAYS_9_18) == msk(30, 9, 30)


def test_result_is_utc() -> None:
    result = add_business_time(msk(30, 9), timedelta(hours=1), WEEKDAYS_9_18)
    assert result.tzinfo == UTC and result == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def test_business_time_between_skips_night_and_weekend() -> None:
    assert business_time_between(msk(27, 17), msk(30, 10), WEEKDAYS_9_18) == timedelta(hours=2)
    assert business_time_between(msk(26, 20), msk(27, 8), WEEKDAYS_9_18) == timedelta(0)
    assert business_time_between(msk(30, 10), msk(27, 17), WEEKDAYS_9_18) == timedelta(0)


def test_round_trip_of_add_and_between() -> None:
    start = msk(26, 16, 45)
    for hours in (1, 5, 9, 13, 40):
        end = add_business_time(start, timedelta(hours=hours), WEEKDAYS_9_18)
        assert business_time_between(start, end, WEEKDAYS_9_18) == timedelta(hours=hours)


def test_dst_night_counts_real_elapsed_time() -> None:
    # Berlin springs forward on 2026-03-29: that local day has 23 hours.
    start = datetime(2026, 3, 29, 0, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    end = datetime(2026, 3, 30, 0, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert business_time_between(start, end, ALWAYS_BERLIN) == timedelta(hours=23)
    assert add_business_time(start, timedelta(hours=23), ALWAYS_BERLIN) == end.astimezone(UTC)


def test_due_at_by_channel_and_priority() -> None:
    friday_evening = msk(27, 17, 30)
    urgent_question = due_at(
        channel=Channel.QUESTION, priority=Priority.URGENT, occurred_at=friday_evening, business_hours=WEEKDAYS_9_18
    )
    assert urgent_question == msk(30, 9, 30)
    assert (
        due_at(channel=Channel.REVIEW, priority=Priority.LOW, occurred_at=friday_evening, business_hours=WEEKDAYS_9_18)
        is None
    )


def test_sla_met_states() -> None:
    due = msk(30, 12)
    assert sla_met(first_response_at=msk(30, 11), due=due, now=msk(30, 13)) is True
    assert sla_met(first_response_at=msk(30, 12, 1), due=due, now=msk(30, 13)) is False
    assert sla_met(first_response_at=None, due=due, now=msk(30, 13)) is False
    assert sla_met(first_response_at=None, due=due, now=msk(30, 11)) is None
    assert sla_met(first_response_at=None, due=None, now=msk(30, 11)) is None
