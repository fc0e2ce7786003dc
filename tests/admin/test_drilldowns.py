"""Issue 29 item 8: every chart bar and every counter of the dashboard and the product page links to exactly the
items it counts. A seeded store shaped like WB's data (times with +03:00 offsets, every channel, answered and open,
return decisions and hidden questions beside hand-written answers); each number shown equals the length of the list
its link opens."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import httpx

from core.models import (
    AnswerState,
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    Priority,
    Reply,
    ReplyQuality,
    ReplyStatus,
    Seller,
    SellerStatus,
)

MSK = timezone(timedelta(hours=3))
QUALITIES = [ReplyQuality.AS_IS, ReplyQuality.EDITED, ReplyQuality.MANUAL, ReplyQuality.AUTO]
PRIORITIES = [(Priority.URGENT, 0), (Priority.HIGH, 1), (Priority.NORMAL, 2), (Priority.LOW, 3)]


async def _seed_store(now: datetime) -> tuple[Seller, int]:
    """Twelve days of items on two products; returns the seller and how many items have a hand-written answer."""
    seller = await Seller.create(name="Shop", status=SellerStatus.ACTIVE)
    today = now.astimezone(MSK).date()
    n = manual = 0
    for back in range(12):
        day = today - timedelta(days=back)
        for hour, minute in ((0, 20), (11, 0), (23, 40)):
            at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=MSK)  # as WB writes it: +03:00
            if at > now - timedelta(minutes=5):
                continue
            for channel in Channel:
                n += 1
                answered = n % 3 != 0
                priority, rank = PRIORITIES[n % 4]
                item = await Interaction.create(
                    seller=seller, channel=channel, external_id=f"x{n}", nm_id=5151 if n % 2 else 6262,
                    product_name="Чайник" if n % 2 else "Кружка", text=f"t{n}",
                    rating=(n % 5) + 1 if channel == Channel.REVIEW else None, occurred_at=at,
                    status=InteractionStatus.ANSWERED if answered else InteractionStatus.NEEDS_RESPONSE,
                    needs_response=not answered, priority=priority, priority_rank=rank,
                    due_at=at + timedelta(hours=2) if n % 4 else None,
                    # Answered minutes to hours later, and never after now.
                    first_response_at=min(at + timedelta(minutes=30 * (n % 7)), now) if answered else None,
                    answer_state=AnswerState.REJECTED if answered and n % 11 == 0 else AnswerState.NONE,
                    topics=["defect"] if n % 5 == 0 else ["size_small"] if n % 5 == 1 else None,
                )  # fmt: skip
                if n % 6 == 0:
                    await Draft.create(interaction=item, text="Пишите в телеграм", origin=DraftOrigin.LLM, ok=False)
                if not answered:
                    continue
                sent = {"status": ReplyStatus.SENT, "sent_at": item.first_response_at}
                if channel == Channel.RETURN:
                    # A return decision: stored with the default quality (manual), yet nobody wrote an answer.
                    await Reply.create(interaction=item, text="", action="approve1", idempotency_key=f"k{n}", **sent)
                elif channel == Channel.QUESTION and n % 2:
                    await Reply.create(interaction=item, text="", action="hide", idempotency_key=f"k{n}", **sent)
                else:
                    quality = QUALITIES[n % 4]
                    await Reply.create(interaction=item, text=f"r{n}", quality=quality, idempotency_key=f"k{n}", **sent)
                    if channel == Channel.CHAT:  # a chat answered twice is still one item
                        await Reply.create(
                            interaction=item, text=f"r{n}b", quality=quality, idempotency_key=f"k{n}b", **sent
                        )
                    manual += quality == ReplyQuality.MANUAL
    return seller, manual


def _links(html: str) -> list[tuple[str, int, str]]:
    """(what, number shown, href) of every bar (`data-value`) and counter (`data-count`) of a page."""
    found = []
    for href, value in re.findall(r'<a class="bar [^"]*" href="([^"]+)" data-value="([^"]+)"', html):
        found.append(("bar", int(float(value)), href.replace("&amp;", "&")))
    for name, href, value in re.findall(r'<a class="count" data-counter="([^"]*)" href="([^"]+)">([\d\s]+)</a>', html):
        found.append((name, int(re.sub(r"\s", "", value)), href.replace("&amp;", "&")))
    return found


async def _listed(http: httpx.AsyncClient, href: str) -> int:
    """How many items the list behind `href` holds (one page of up to 500)."""
    html = (await http.get(str(httpx.URL(href).copy_set_param("page_size", 500)))).text
    return len(re.findall(r'class="item-link" href="/interactions/\d+"', html))


async def _check_page(http: httpx.AsyncClient, path: str, params: dict[str, str | int]) -> dict[str, int]:
    response = await http.get(path, params=params)
    assert response.status_code == 200
    # The product's rating chart (product-2) shows averages, not counts; everything else counts items.
    html = re.sub(r'<svg[^>]*data-chart="product-2".*?</svg>', "", response.text, flags=re.S)
    links = _links(html)
    mismatches = [(what, shown, await _listed(http, href), href) for what, shown, href in links]
    assert [m for m in mismatches if m[1] != m[2]] == []
    return {what: shown for what, shown, _ in links if what != "bar"}


async def test_dashboard_numbers_equal_their_lists(logged_in: httpx.AsyncClient) -> None:
    now = datetime.now(UTC)
    seller, manual = await _seed_store(now)
    for zone in ("Europe/Moscow", "Asia/Vladivostok"):
        counters = await _check_page(logged_in, "/", {"seller_id": seller.id, "days": 14, "tz": zone})
        # «Written by hand» counts hand-written answers only: no return decision, no hidden question.
        assert counters["quality-manual"] == manual
        for name in ("answered-all", "sla-breached-all", "sla-decided-all", "moderation-rejected", "blocked-drafts"):
            assert counters[name] > 0, name
    # The list keeps a counter's own filters when its form narrows it further.
    html = (await logged_in.get("/interactions", params={"sla": "breached", "blocked_draft": "true"})).text
    assert '<input type="hidden" name="sla" value="breached">' in html
    assert '<input type="hidden" name="blocked_draft" value="true">' in html
    shown = (await logged_in.get("/interactions", params={"reply_quality": "manual", "lang": "ru"})).text
    assert "Отбор счётчика: Написано вручную" in shown


async def test_readiness_backlog_equals_its_list(logged_in: httpx.AsyncClient) -> None:
    seller, _ = await _seed_store(datetime.now(UTC))
    counters = await _check_page(logged_in, "/readiness", {"seller_id": seller.id})
    assert counters[f"backlog-{seller.id}"] == await Interaction.filter(seller=seller, needs_response=True).count()


async def test_product_numbers_equal_their_lists(logged_in: httpx.AsyncClient) -> None:
    now = datetime.now(UTC)
    seller, _ = await _seed_store(now)
    # The seller's zone (Moscow) sets the weeks whatever the viewer's zone; today's items are in the last bar.
    for zone in ("Europe/Moscow", "Asia/Vladivostok", "America/New_York"):
        counters = await _check_page(logged_in, f"/products/{seller.id}/5151", {"tz": zone})
        assert counters["product-open"] > 0
    html = (await logged_in.get(f"/products/{seller.id}/5151")).text
    volume = html.split('data-chart="product-1"', 1)[1].split("</svg>", 1)[0]
    values = [int(float(v)) for v in re.findall(r'data-value="([^"]+)"', volume)]
    assert sum(values) == await Interaction.filter(seller=seller, nm_id=5151).count()
    assert values[-1] > 0
