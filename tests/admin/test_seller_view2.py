"""Issue 29, admin: after a page re-rendered by a POST (a blocked reply), the header's language and zone controls
still reload the page instead of answering 405."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from admin.app import create_app
from core.settings import Settings
from tests.admin.conftest import page_csrf
from tests.admin.seed import seed
from tests.brokers import recording_broker
from tests.factories import new_seller

BLOCKED = "Спасибо! Пишите нам в телеграм @shop_help или звоните +7 999 123-45-67"


@pytest.fixture
def app(settings: Settings, db: None) -> FastAPI:
    return create_app(settings, broker=recording_broker()[0])


async def test_header_links_work_after_a_blocked_reply(logged_in: httpx.AsyncClient) -> None:
    seeded = await seed()
    path = f"/interactions/{seeded.chat.id}"
    token = await page_csrf(logged_in, path)
    refused = await logged_in.post(f"{path}/reply", data={"text": BLOCKED, "csrf_token": token})
    assert refused.status_code == 422
    langs = re.findall(r'<a href="([^"]*lang=(?:ru|en)[^"]*)"', refused.text)
    zone_form = re.search(r'<form method="get" class="inline zone" action="([^"]+)"', refused.text)
    assert len(langs) == 2 and zone_form is not None
    for href in langs:
        href = href.replace("&amp;", "&")
        assert httpx.URL(href).path == path
        assert (await logged_in.get(href)).status_code == 200
    assert zone_form.group(1) == path
    assert (await logged_in.get(zone_form.group(1), params={"tz": "Asia/Yekaterinburg"})).status_code == 200


async def _bars(http: httpx.AsyncClient, path: str, chart: str) -> list[tuple[int, str]]:
    """(value, href) of each bar of the page's chart `chart`."""
    html = (await http.get(path)).text
    svg = html.split(f'data-chart="{chart}"', 1)[1].split("</svg>", 1)[0]
    return [
        (int(float(v)), h.replace("&amp;", "&")) for h, v in re.findall(r'href="([^"]+)" data-value="([^"]+)"', svg)
    ]


async def _listed(http: httpx.AsyncClient, href: str) -> int:
    html = (await http.get(href + "&lang=en")).text
    return len(re.findall(r'class="item-link" href="/interactions/\d+"', html))


async def test_product_week_bars_count_what_they_link_to(logged_in: httpx.AsyncClient) -> None:
    from datetime import UTC, datetime, timedelta

    from core.models import Channel, Interaction

    now = datetime.now(UTC)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    seller = await new_seller()
    # Items on every day of the chart, early and late in the day, today's included (before and after this hour).
    moments = [today - timedelta(days=d, hours=-h) for d in range(0, 56, 3) for h in (0, 1, 23)]
    moments = [m for m in moments if m <= now] + [now - timedelta(seconds=5)]
    for n, at in enumerate(moments):
        await Interaction.create(
            seller=seller, channel=Channel.REVIEW, external_id=f"w{n}", nm_id=5151, rating=4, text=f"t{n}",
            occurred_at=at,
        )  # fmt: skip
    bars = await _bars(logged_in, f"/products/{seller.id}/5151", "product-1")  # weekly volume
    assert len(bars) == 8 and sum(v for v, _ in bars) == len(moments)
    for value, href in bars:
        assert await _listed(logged_in, href) == value, href


async def test_admin_export_in_the_pages_language_and_zone(logged_in: httpx.AsyncClient) -> None:
    import csv
    import io
    from zoneinfo import ZoneInfo

    seeded = await seed()
    for lang, sep, title in (("ru", ";", "Канал"), ("en", ",", "Channel")):
        response = await logged_in.get("/interactions/export.csv", params={"lang": lang, "tz": "Europe/Moscow"})
        assert response.content.startswith("\ufeff".encode())
        header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=sep))
        assert header[2] == title and all(len(r) == len(header) for r in rows)
        review = next(dict(zip(header, r, strict=True)) for r in rows if r[0] == str(seeded.review.id))
        received = review["Получено" if lang == "ru" else "Received"]
        # The time the screen shows: the viewer's zone (Moscow), not UTC.
        assert received.endswith("+03:00")
        assert received == seeded.review.occurred_at.astimezone(ZoneInfo("Europe/Moscow")).isoformat(timespec="seconds")
        assert review["Канал" if lang == "ru" else "Channel"] == ("Отзыв" if lang == "ru" else "Review")
