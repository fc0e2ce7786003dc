"""No raw enum value or locale key on the admin's pages (issue #15), checked in the browser on ru and en pages."""

from __future__ import annotations

import re

from playwright.async_api import Browser

from core.models import AuditEvent, Draft, DraftOrigin, Reply, ReplyQuality, ReplyStatus, ReplyVia
from core.settings import Settings
from tests.admin.conftest import browser_admin
from tests.admin.seed import seed

# Values as the database stores them; on a Russian page none may show, on an English one not the coded ones.
RAW_RU = re.compile(
    r"\b(none|published|confirmed|pending|telegram|edited|as_is|queued|failed|running|ok|template|llm|review|"
    r"question|chat|reply\.approved|interaction\.skipped)\b"
)
RAW_ANY = re.compile(r"\b(as_is|reply\.approved|interaction\.skipped|needs_response|token_invalid|stale_sync)\b")
RAW_KEY = re.compile(r"\b(admin|enum|bot|alert|tz|au)-[a-z0-9-]+\b")


async def test_no_raw_enum_values_or_keys(settings: Settings, db: None, admin_user, browser: Browser) -> None:
    seeded = await seed()
    await Draft.create(interaction=seeded.review, text="Извините", origin=DraftOrigin.TEMPLATE)
    await Reply.create(
        interaction=seeded.chat, text="Добрый день", idempotency_key="c:1", status=ReplyStatus.SENT,
        via=ReplyVia.TELEGRAM, quality=ReplyQuality.AS_IS,
    )  # fmt: skip
    await AuditEvent.create(action="reply.approved", interaction=seeded.chat, seller=seeded.seller)
    await AuditEvent.create(action="interaction.skipped", interaction=seeded.review, seller=seeded.seller)
    async with browser_admin(browser, settings) as signed:
        page, base_url = signed.page, signed.base_url
        paths = [
            f"/interactions/{seeded.review.id}", f"/interactions/{seeded.chat.id}", "/sellers", "/sync-runs",
            "/alerts", "/readiness", "/", "/users",
            # The list a recovery figure opens names its filters (issue 31): the way and "no member" in words.
            "/interactions?recovery=answered&answer_way=seller&answered_by=0",
        ]  # fmt: skip
        for lang in ("ru", "en"):
            for path in paths:
                await page.goto(f"{base_url}{path}{'&' if '?' in path else '?'}lang={lang}")
                text = await page.locator("main").inner_text()
                assert not RAW_KEY.findall(text), (lang, path, RAW_KEY.findall(text))
                assert not RAW_ANY.findall(text), (lang, path, RAW_ANY.findall(text))
                if lang == "ru":
                    assert not RAW_RU.findall(text), (path, RAW_RU.findall(text))
