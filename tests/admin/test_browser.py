"""A real browser (Debian's Chromium through Playwright) against the admin served over HTTP by uvicorn:
log in, open the dashboard, click a chart bar, land on the filtered items, open one and see its timeline."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser

from admin.app import create_app
from cli.serving import serve_app
from core.settings import Settings
from tests.admin.conftest import PASSWORD
from tests.admin.seed import seed


async def test_login_dashboard_drill_down_and_timeline(
    settings: Settings, db: None, admin_user, browser: Browser, screenshots: Path
) -> None:
    screenshot = screenshots / "dashboard.png"
    seeded = await seed()
    # Plain http on loopback: the Secure flag would keep the browser from sending the cookie back.
    app = create_app(settings.model_copy(update={"admin": settings.admin.model_copy(update={"secure_cookies": False})}))
    async with serve_app(app) as base_url:
        page = await browser.new_page(viewport={"width": 1280, "height": 1000})
        await page.goto(f"{base_url}/interactions")
        assert page.url.startswith(f"{base_url}/login")
        await page.fill("input[name=email]", "ops@example.com")
        await page.fill("input[name=password]", PASSWORD)
        await page.click("button[type=submit]")
        # Back where the login interrupted, then to the dashboard.
        await page.wait_for_url(f"{base_url}/interactions")
        await page.click("header nav >> text=Обзор")
        await page.wait_for_url(f"{base_url}/")
        await page.screenshot(path=str(screenshot), full_page=True)

        # The "backlog by priority" chart: the urgent bar holds the 2★ review.
        bar = page.locator('svg[data-chart="backlog-priority"] a.bar.urgent')
        assert await bar.get_attribute("data-value") == "1"
        await bar.click()
        await page.wait_for_url("**/interactions?**")
        assert "priority=urgent" in page.url and "status=open" in page.url
        links = page.locator("a.item-link")
        assert await links.count() == 1
        await links.first.click()
        await page.wait_for_url(f"{base_url}/interactions/{seeded.review.id}")

        timeline = page.locator("#timeline li")
        assert await timeline.count() == 2
        assert "Чат" in (await timeline.nth(1).inner_text())
        assert "same buyer" in (await timeline.nth(1).inner_text())
        # Buyer text is shown, never executed.
        assert "<script>alert(1)</script>" in await page.locator("blockquote.text").inner_text()
    assert screenshot.stat().st_size > 10_000
