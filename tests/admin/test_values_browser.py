"""Issue 29 item 7: every admin page, in both languages, in Chromium: no raw enum value (statuses, return decisions,
`hide`, link reasons…), no raw return status codes, no unformatted number (`2680.0`)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from playwright.async_api import Browser

from admin import accounts
from core import linking
from core.models import (
    AdminRole,
    AdminTokenPurpose,
    AdminUser,
    AnswerState,
    Channel,
    Interaction,
    InteractionStatus,
    Link,
    LinkKind,
    Reply,
    ReplyStatus,
    ReplyVia,
    WbSyncState,
)
from core.models import enums as model_enums
from core.returns import KNOWN_ACTIONS as CLAIM_ACTIONS
from core.settings import Settings
from tests.admin.conftest import browser_admin
from tests.admin.seed import seed

LINK_REASONS = (
    "supplement",
    "same_buyer_id",
    "same_order",
    "claim_from_chat",
    "same_buyer_product",
    "chat_names_product",
    "similar_buyer",
)
ENUM_VALUES = {
    str(member.value)
    for enum in vars(model_enums).values()
    if isinstance(enum, type) and issubclass(enum, StrEnum) and enum is not StrEnum
    for member in enum
}
# Coded values (underscores, digits) are raw on any page; on a Russian page every stored Latin value is.
CODED = sorted({*LINK_REASONS, *CLAIM_ACTIONS, *(v for v in ENUM_VALUES if re.search(r"[_\d.]", v))}, key=len)
RAW_ANY = re.compile(r"(?<![\w@.-])(" + "|".join(map(re.escape, CODED[::-1])) + r")(?![\w@-])")
LATIN = sorted({*ENUM_VALUES, "hide"}, key=len)
RAW_RU = re.compile(r"(?<![\w@./-])(" + "|".join(map(re.escape, LATIN[::-1])) + r")(?![\w@/-])")
UNFORMATTED = re.compile(r"(?<![\d.])\d+\.(?:0|\d{3,})(?![\d.])|\b\d+ / \d+ ·")
EMAIL = re.compile(r"\S+@\S+")
# A locale key shown instead of its text (the users page's keys start with au-).
RAW_KEY = re.compile(r"\b(?:au|admin|enum)-[a-z0-9-]+\b")


async def _seed_more(seeded) -> list[int]:
    """A return with WB's decision codes and price, a hidden question, a rejected reply, a delivered chat, links
    of every reason."""
    now = datetime.now(UTC)
    claim = await Interaction.create(
        seller=seeded.seller,
        channel=Channel.RETURN,
        external_id="claim-1",
        nm_id=777001,
        product_name="Чайник",
        text="Не греет",
        occurred_at=now - timedelta(hours=3),
        status=InteractionStatus.ANSWERED,
        raw_payload={"status": 2, "status_ex": 10, "actions": ["approve2", "reject1"], "price": 2680.0,
                     "currency_code": "643", "currency": "643", "srid": "s-1", "claim_type": 3},
    )  # fmt: skip
    await Reply.create(
        interaction=claim, text="", action="approve2", idempotency_key="cl:1", status=ReplyStatus.SENT,
        via=ReplyVia.TELEGRAM,
    )  # fmt: skip
    hidden = await Interaction.create(
        seller=seeded.seller, channel=Channel.QUESTION, external_id="q-2", nm_id=777001, text="Пишите в тг",
        occurred_at=now - timedelta(hours=4), status=InteractionStatus.CLOSED, answer_state=AnswerState.REJECTED,
    )  # fmt: skip
    await Reply.create(
        interaction=hidden, text="Скрыт", action="hide", idempotency_key="q2:1", status=ReplyStatus.SENT,
        via=ReplyVia.TELEGRAM,
    )  # fmt: skip
    await Interaction.filter(id=seeded.chat.id).update(
        answer_state=AnswerState.NONE, wb_sync_state=WbSyncState.CONFIRMED, status=InteractionStatus.ANSWERED
    )
    for n, reason in enumerate(LINK_REASONS):
        other = await Interaction.create(
            seller=seeded.seller, channel=Channel.REVIEW, external_id=f"l-{n}", nm_id=777001, text=f"связь {n}",
            occurred_at=now - timedelta(hours=5 + n), rating=4, buyer_name="Анна",
        )  # fmt: skip
        kind = LinkKind.PROBABILISTIC if reason == "similar_buyer" else LinkKind.DETERMINISTIC
        await Link.create(seller=seeded.seller, a=claim, b=other, kind=kind, confidence=0.9, reason=reason)
    assert linking.LINK_MIN_CONFIDENCE < 0.9
    return [claim.id, hidden.id]


async def _seed_accounts(admin_user: AdminUser) -> str:
    """A pending invite, a disabled read-only account and a reset link; the reset link's token."""
    now = datetime.now(UTC)
    await accounts.invite("new@example.com", AdminRole.ADMIN, actor=admin_user, now=now)
    viewer, _ = await accounts.invite("ro@example.com", AdminRole.VIEWER, actor=admin_user, now=now)
    await accounts.set_disabled(viewer.email, True, actor=admin_user)
    return await accounts.issue_link(admin_user, AdminTokenPurpose.RESET, actor=admin_user, now=now)


async def test_every_page_in_both_languages_shows_no_raw_values(
    settings: Settings, db: None, admin_user, browser: Browser
) -> None:
    seeded = await seed()
    extra = await _seed_more(seeded)
    reset_token = await _seed_accounts(admin_user)
    items = [seeded.review.id, seeded.chat.id, seeded.question.id, *extra]
    sid = seeded.seller.id
    paths = [
        "/", "/interactions", "/interactions?status=open", *(f"/interactions/{i}" for i in items), "/sellers",
        f"/sellers/{sid}/drafting", "/alerts", "/sync-runs", "/readiness", f"/products/{sid}/777001", "/users",
        f"/account/password?token={reset_token}", "/account/password?token=forged",
        "/interactions?answered=true&answer_state=rejected&sla=breached&reply_quality=as_is&blocked_draft=true",
    ]  # fmt: skip
    found: list[tuple[str, str, list[str]]] = []
    async with browser_admin(browser, settings) as signed:
        page, base_url = signed.page, signed.base_url
        for lang in ("ru", "en"):
            for path in paths:
                response = await page.goto(f"{base_url}{path}{'&' if '?' in path else '?'}lang={lang}")
                expected = 410 if path.endswith("forged") else 200
                assert response is not None and response.status == expected, (path, lang)
                text = EMAIL.sub(" ", await page.locator("main").inner_text())
                bad = RAW_ANY.findall(text) + UNFORMATTED.findall(text) + RAW_KEY.findall(text)
                if lang == "ru":
                    bad += RAW_RU.findall(text)
                if bad:
                    found.append((lang, path, sorted(set(bad))))
                if path == f"/interactions/{seeded.chat.id}":
                    # A delivered chat: no "no answer" beside "confirmed by WB".
                    assert ("нет ответа" if lang == "ru" else "no answer") not in text.lower(), text
    assert not found, found
