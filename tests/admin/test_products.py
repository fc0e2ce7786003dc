"""The product page over HTTP: reached from the dashboard's top products, it shows weekly volume, rating and topic
charts (SVG bars linking to the week's items), the open items and the spike history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from core.models import Channel, Interaction, InteractionStatus, ProductSpike
from tests.factories import new_seller


async def test_product_page_from_dashboard(logged_in: httpx.AsyncClient) -> None:
    now = datetime.now(UTC)
    seller = await new_seller()
    for n in range(6):
        await Interaction.create(
            seller=seller, channel=Channel.REVIEW, external_id=f"r{n}", nm_id=4242, product_name="Kettle <b>X</b>",
            rating=1 if n < 3 else 5, topics=["packaging"] if n < 3 else ["praise_quality"],
            occurred_at=now - timedelta(days=n * 9 + 1), text=f"text {n}",
            status=InteractionStatus.NEEDS_RESPONSE if n == 0 else InteractionStatus.ANSWERED,
            needs_response=n == 0,
        )  # fmt: skip
    await ProductSpike.create(
        seller=seller, nm_id=4242, topic="packaging", recent=6, baseline=1, first_seen=now, last_seen=now,
        resolved_at=now,
    )  # fmt: skip

    dashboard = await logged_in.get("/", params={"seller_id": seller.id})
    href = f"/products/{seller.id}/4242"
    assert href in dashboard.text and "Kettle &lt;b&gt;X&lt;/b&gt;" in dashboard.text

    page = await logged_in.get(href, params={"lang": "en"})
    assert page.status_code == 200
    html = page.text
    assert "Kettle &lt;b&gt;X&lt;/b&gt;" in html and "<b>X</b>" not in html
    assert html.count("<svg") == 4  # volume, rating, and the two topics
    assert f"/interactions?seller_id={seller.id}&amp;nm_id=4242" in html and "since=" in html
    assert "/interactions/" in html and "text 0" in html  # the one open item
    assert "packaging" in html and "6 / 1" in html  # the spike history
    assert (await logged_in.get(f"/products/{seller.id}/999")).status_code == 200
