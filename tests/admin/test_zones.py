"""Time zones in the admin, through the browser: times in the viewer's chosen zone (Moscow by default, remembered
in a cookie), and the seller's own zone set from the sellers page."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.async_api import Browser

from core.models import Channel, Interaction, Seller
from core.seller_settings import SellerSettings
from core.settings import Settings
from tests.admin.conftest import browser_admin
from tests.factories import new_seller


async def test_viewer_zone_and_seller_zone(settings: Settings, db: None, admin_user, browser: Browser) -> None:
    seller = await new_seller("Магазин")
    item = await Interaction.create(
        seller=seller, channel=Channel.REVIEW, external_id="z1", rating=4, text="ok",
        occurred_at=datetime(2026, 11, 30, 21, 30, tzinfo=UTC),
    )  # fmt: skip
    async with browser_admin(browser, settings) as signed:
        page, base_url = signed.page, signed.base_url

        await page.goto(f"{base_url}/interactions/{item.id}")
        # 21:30 UTC is 00:30 on the next day in Moscow, the default.
        assert "2026-12-01 00:30" in await page.locator("main").inner_text()
        await page.select_option("header form.zone select[name=tz]", "UTC")
        await page.click("header form.zone button")
        await page.wait_for_url("**tz=UTC**")
        assert "2026-11-30 21:30" in await page.locator("main").inner_text()
        # Remembered: the next page without ?tz= still shows UTC.
        await page.goto(f"{base_url}/interactions/{item.id}")
        assert "2026-11-30 21:30" in await page.locator("main").inner_text()

        await page.goto(f"{base_url}/sellers")
        form = page.locator(f"#seller-{seller.id} form.zone-form")
        await form.locator("select[name=zone]").select_option("Asia/Yekaterinburg")
        await form.locator("button").click()
        await page.wait_for_url(f"**/sellers#seller-{seller.id}")
        stored = SellerSettings.of((await Seller.get(id=seller.id)).settings)
        assert stored.business_hours.timezone == "Asia/Yekaterinburg"
        selected = await page.locator(f"#seller-{seller.id} form.zone-form select[name=zone]").input_value()
        assert selected == "Asia/Yekaterinburg"
