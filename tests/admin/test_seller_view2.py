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
