"""Chart geometry for server-rendered SVG bar charts: every bar is a link to the items behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from core.analytics import ItemFilters

WIDTH = 640
HEIGHT = 180
AXIS = 20  # room under the bars for labels
GAP = 4


@dataclass(frozen=True)
class Bar:
    """One bar: its label under the axis, its value, the series (CSS class) and where a click leads."""

    label: str
    value: float
    series: str
    href: str
    title: str


@dataclass(frozen=True)
class PlacedBar:
    bar: Bar
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    """Bars placed in a `WIDTH` × `HEIGHT` viewBox, tallest bar at full height."""

    bars: list[PlacedBar]
    max_value: float
    width: int = WIDTH
    height: int = HEIGHT
    axis: int = AXIS


def drill_href(
    filters: ItemFilters, *, since: date | None = None, until: date | None = None, zone: str | None = None
) -> str:
    """The interaction list filtered like the bar or counter; `since`..`until` are the days (of `zone` if given,
    else of the viewer's zone) the number counted over."""
    query = filters.as_query()
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            query[name] = value.isoformat()
    if zone is not None:
        query["zone"] = zone
    return "/interactions?" + urlencode(query)


def layout(bars: list[Bar]) -> Chart:
    """Place `bars` left to right with equal widths."""
    if not bars:
        return Chart([], 0)
    top = max(b.value for b in bars) or 1
    slot = WIDTH / len(bars)
    width = max(slot - GAP, 1)
    plot = HEIGHT - AXIS
    placed = []
    for i, bar in enumerate(bars):
        # A zero bar stays one pixel tall so it can still be seen and clicked.
        height = max(plot * bar.value / top, 1)
        placed.append(
            PlacedBar(bar, round(i * slot + GAP / 2, 1), round(plot - height, 1), round(width, 1), round(height, 1))
        )
    return Chart(placed, top)
