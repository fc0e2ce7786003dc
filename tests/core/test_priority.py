"""Triage puts negatives and pre-purchase questions on top and times them in business hours."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from core.models import Channel, Priority
from core.priority import triage, triage_new
from core.seller_settings import BusinessHours

HOURS = BusinessHours(timezone="Europe/Moscow", start=time(9), end=time(18), weekdays=[1, 2, 3, 4, 5])
# Friday 2026-11-27, 17:00 Moscow.
FRIDAY_17 = datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def _triage(channel: Channel, rating: int | None = None, intent: str | None = None, text: str = "text"):
    return triage(channel=channel, rating=rating, intent=intent, text=text, occurred_at=FRIDAY_17, business_hours=HOURS)


def test_negative_review_is_urgent_and_due_after_the_weekend() -> None:
    result = _triage(Channel.REVIEW, rating=1, text="")
    assert (result.priority, result.priority_rank, result.needs_response) == (Priority.URGENT, 0, True)
    # 4 business hours: 1 on Friday, 3 on Monday → Monday 12:00 Moscow = 09:00 UTC.
    assert result.due_at == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_pre_purchase_question_is_urgent_other_questions_high() -> None:
    for intent in ("size", "availability", "delivery"):
        assert _triage(Channel.QUESTION, intent=intent).priority == Priority.URGENT
    other = _triage(Channel.QUESTION, intent="other")
    assert (other.priority, other.priority_rank) == (Priority.HIGH, 1)
    assert _triage(Channel.QUESTION, intent="size").due_at < other.due_at


def test_ratings_order_reviews() -> None:
    assert _triage(Channel.REVIEW, rating=2).priority == Priority.URGENT
    assert _triage(Channel.REVIEW, rating=3).priority == Priority.HIGH
    assert _triage(Channel.REVIEW, rating=5, text="Отличный товар").priority == Priority.NORMAL


def test_bare_positive_rating_needs_no_response() -> None:
    result = _triage(Channel.REVIEW, rating=5, text="  ")
    assert (result.priority, result.needs_response, result.due_at) == (Priority.LOW, False, None)


def test_chats_are_high_complaints_urgent() -> None:
    assert _triage(Channel.CHAT, intent=None).priority == Priority.HIGH
    assert _triage(Channel.CHAT, intent="defect").priority == Priority.URGENT


def test_review_from_a_buyer_who_returned_the_item_is_urgent() -> None:
    happy = "Отличный товар"
    returned = triage(
        channel=Channel.REVIEW,
        rating=5,
        intent=None,
        text=happy,
        occurred_at=FRIDAY_17,
        business_hours=HOURS,
        order_status="returned",
    )
    assert (returned.priority, returned.needs_response) == (Priority.URGENT, True)
    bought = _triage(Channel.REVIEW, rating=5, text=happy)
    assert bought.priority == Priority.NORMAL and returned.due_at < bought.due_at
    for status in ("buyout", "rejected", "notSpecified", None):
        kept = triage(
            channel=Channel.REVIEW,
            rating=4,
            intent=None,
            text=happy,
            occurred_at=FRIDAY_17,
            business_hours=HOURS,
            order_status=status,
        )
        assert kept.priority == Priority.NORMAL


def test_new_items_are_triaged_from_what_the_buyer_wrote() -> None:
    """One triage for a new review, question or chat line (ingest and the chat sync share it)."""
    asked = "Какой размер взять на рост 170?"
    for channel in (Channel.QUESTION, Channel.CHAT):
        intent, result = triage_new(
            channel=channel, text=asked, rating=None, occurred_at=FRIDAY_17, business_hours=HOURS
        )
        assert intent == "size" and result == _triage(channel, intent="size", text=asked)
    intent, result = triage_new(channel=Channel.REVIEW, text="", rating=1, occurred_at=FRIDAY_17, business_hours=HOURS)
    assert intent is None and result == _triage(Channel.REVIEW, rating=1, text="")
    assert (
        triage_new(channel=Channel.CHAT, text="", rating=None, occurred_at=FRIDAY_17, business_hours=HOURS)[0] is None
    )
