"""Durations as people read them: minutes under an hour, hours and minutes under a day, then days and hours."""

from __future__ import annotations

from babel.numbers import format_decimal

from core.i18n import Translator


def duration(seconds: float | None, t: Translator) -> str:
    """`26 с` under a minute, else `45 мин`, `3 ч 20 мин`, `1 д 14 ч` (rounded to the minute); "—" when there is
    nothing to show."""
    if seconds is None:
        return "—"
    if round(seconds) < 60:
        return t("duration-s", s=max(round(seconds), 0))
    minutes = round(seconds / 60)
    if minutes < 60:
        return t("duration-min", m=minutes)
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return t("duration-hm", h=hours, m=rest) if rest else t("duration-h", h=hours)
    days, hours = divmod(hours, 24)
    return t("duration-dh", d=days, h=hours) if hours else t("duration-d", d=days)


def number(value: float | int, language: str) -> str:
    """A number as the page's language writes it, at most two decimals: `0,1` / `1 234,5` (ru), `0.1` (en)."""
    return format_decimal(value, format="#,##0.##", locale=language)
