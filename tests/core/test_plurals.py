"""Russian counts agree with their number through Fluent plurals (issue 29: «найдено 2 обращений»)."""

from __future__ import annotations

import pytest

from core.i18n import translator

ru = translator("ru")


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 обращение "), (2, "2 обращения "), (5, "5 обращений "), (21, "21 обращение ")],
)
def test_backlog_alert_counts(count: int, expected: str) -> None:
    assert "найдено " + expected in ru("alert-backlog", seller="Лето", total=count, overdue=0)


@pytest.mark.parametrize(("count", "word"), [(1, "1 раз"), (3, "3 раза"), (5, "5 раз"), (22, "22 раза")])
def test_rate_limit_streaks(count: int, word: str) -> None:
    for key in ("sync-alert-rate-limited", "analytics-alert-rate-limited"):
        text = ru(key, seller="Лето", count=count)
        assert f"{word} " in text + " " and f"{word}а" not in text, text


@pytest.mark.parametrize(("items", "word"), [(1, "из 1 элемента"), (3, "из 3 элементов"), (21, "из 21 элемента")])
def test_malformed_items(items: int, word: str) -> None:
    assert word in ru("wb-check-channel-malformed", name="reviews", malformed=1, items=items)


def test_english_backlog_alert_singular() -> None:
    assert "1 unanswered item found" in translator("en")("alert-backlog", seller="Shop", total=1, overdue=0)
