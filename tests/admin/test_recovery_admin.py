"""Answers that win buyers back and which drafts to trust on the admin dashboard (issue 31 items 4 and 5): every
recovery figure (total, per way, per member, per product) links to exactly the negatives it counts, the recovered
list holds the recovered reviews, and the list names the figure's filters."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx

from core.models import (
    Draft,
    DraftOrigin,
    Interaction,
    MemberRole,
    Reply,
    ReplyQuality,
    ReplyStatus,
    Seller,
    SellerMember,
    SellerStatus,
)
from tests.admin.test_drilldowns import _check_page


async def _negative(seller, n: int, member, origin, supplement: int | None, now: datetime) -> Interaction:
    at = now - timedelta(days=9, hours=n)
    item = await Interaction.create(
        seller=seller, channel="review", external_id=f"n{n}", rating=1 + n % 3, occurred_at=at, text="плохо",
        nm_id=7000 + n % 2, product_name=f"Товар {n % 2}", first_response_at=at + timedelta(hours=2),
    )  # fmt: skip
    draft = await Draft.create(interaction=item, text="ответ", origin=origin) if origin else None
    await Reply.create(
        interaction=item, draft=draft, text="ответ", idempotency_key=f"k{n}", status=ReplyStatus.SENT,
        quality=ReplyQuality.AS_IS if draft else ReplyQuality.MANUAL, approved_by=member,
        sent_at=at + timedelta(hours=2),
    )  # fmt: skip
    if supplement is not None:
        await Interaction.create(
            seller=seller, channel="review", external_id=f"s{n}", rating=supplement, text="дополнение",
            occurred_at=at + timedelta(days=3), nm_id=item.nm_id, parent_external_id=item.external_id,
        )  # fmt: skip
    return item


async def test_recovery_figures_equal_their_lists(logged_in: httpx.AsyncClient) -> None:
    now = datetime.now(UTC)
    seller = await Seller.create(name="Shop", status=SellerStatus.ACTIVE)
    anna = await SellerMember.create(seller=seller, tg_user_id=1, tg_chat_id=1, name="Анна", role=MemberRole.OWNER)
    plan = [  # (member, origin, supplement stars): 3 of 8 recovered
        (anna, DraftOrigin.LLM, 5), (anna, DraftOrigin.LLM, 1), (None, DraftOrigin.TEMPLATE, 4),
        (anna, None, 5), (anna, DraftOrigin.TEMPLATE, None), (None, None, None), (anna, DraftOrigin.LLM, None),
        (anna, DraftOrigin.FALLBACK, 1),
    ]  # fmt: skip
    items = [await _negative(seller, n, *row, now) for n, row in enumerate(plan)]
    recovered = {items[0].id, items[2].id, items[3].id}
    counters = await _check_page(logged_in, "/", {"seller_id": seller.id, "days": 14, "tz": "Europe/Moscow"})
    assert (counters["recovery-recovered-all"], counters["recovery-answered-all"]) == (3, 8)
    assert counters["recovery-recovered-way-llm"] == 1 and counters["recovery-answered-way-llm"] == 3
    assert counters[f"recovery-recovered-member-{anna.id}"] == 2 and counters["recovery-answered-member-0"] == 2
    assert counters["recovery-recovered-nm-7000"] + counters["recovery-recovered-nm-7001"] == 3
    page = (await logged_in.get("/", params={"seller_id": seller.id, "lang": "ru"})).text
    href = re.search(r'data-counter="recovery-recovered-all" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    listed = (await logged_in.get(href + "&lang=ru")).text
    assert {int(i) for i in re.findall(r'class="item-link" href="/interactions/(\d+)"', listed)} == recovered
    assert "вернули покупателя" in listed
    assert "37,5 %" in page or "37.5 %" in page  # 3 of 8
    assert "Каким черновикам доверять" in page and "черновик LLM" in page
    member = (await logged_in.get("/interactions", params={"recovery": "answered", "answered_by": anna.id})).text
    assert "Анна" in member
    assert (await logged_in.get("/interactions", params={"recovery": "everything"})).status_code == 422
