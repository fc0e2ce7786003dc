"""Numbers per locale on GO/NO-GO, and the reply form only where a reply is possible (issue #15)."""

from __future__ import annotations

import re

import httpx

from core.humanize import number
from core.models import InteractionStatus
from tests.admin.seed import seed


def test_numbers_are_written_per_locale() -> None:
    assert number(0.09764774999999999, "ru") == "0,1"
    assert number(1234.5, "en") == "1,234.5"
    assert number(1234.5, "ru") == "1\xa0234,5"
    assert number(3, "ru") == "3"


async def test_readiness_numbers_have_at_most_two_decimals(logged_in: httpx.AsyncClient) -> None:
    await seed()
    for lang in ("ru", "en"):
        page = (await logged_in.get(f"/readiness?lang={lang}")).text
        assert not re.search(r"\d[.,]\d{3,}", page), re.findall(r"\d+[.,]\d{3,}", page)


async def test_reply_form_only_where_a_reply_is_possible(logged_in: httpx.AsyncClient) -> None:
    seeded = await seed()
    assert 'id="reply-form"' in (await logged_in.get(f"/interactions/{seeded.chat.id}")).text
    assert seeded.question.status == InteractionStatus.ANSWERED
    assert 'id="reply-form"' not in (await logged_in.get(f"/interactions/{seeded.question.id}")).text
