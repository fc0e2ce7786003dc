"""Issue 29 item 11 in Chromium: an admin invites a colleague on the users page, the colleague opens the one-time
link in a browser of their own, sets a password and signs in; the admin disables the account; the colleague's
session ends and signing in again is refused."""

from __future__ import annotations

from playwright.async_api import Browser, Page

from core.models import AdminUser
from core.settings import Settings
from tests.admin.conftest import browser_admin

COLLEAGUE = "colleague@example.com"
SECRET = "colleague's long secret"


async def _sign_in(page: Page, base_url: str, password: str) -> None:
    await page.goto(f"{base_url}/login")
    await page.fill("input[name=email]", COLLEAGUE)
    await page.fill("input[name=password]", password)
    await page.click("button[type=submit]")


async def test_invite_accept_sign_in_disable(settings: Settings, db: None, admin_user, browser: Browser) -> None:
    async with browser_admin(browser, settings) as signed:
        page, base_url = signed.page, signed.base_url
        await page.goto(f"{base_url}/?lang=en")
        await page.click("header nav >> text=Users")
        await page.wait_for_url(f"{base_url}/users")
        await page.fill("form.invite input[name=email]", COLLEAGUE)
        await page.select_option("form.invite select[name=role]", "viewer")
        await page.click("form.invite button[type=submit]")
        link = await page.locator("input.link-url").input_value()
        assert link.startswith(f"{base_url}/account/password?token=")
        row = page.locator(f'tr[data-email="{COLLEAGUE}"]')
        assert "invited" in await row.locator("td.state").inner_text()

        # The colleague: a browser of their own (no cookie of the admin's).
        other = await browser.new_context()
        try:
            theirs = await other.new_page()
            await theirs.goto(link)
            await theirs.fill("input[name=password]", SECRET)
            await theirs.fill("input[name=confirm]", SECRET)
            await theirs.click("button[type=submit]")
            await theirs.wait_for_url(f"{base_url}/login**")
            assert await theirs.locator("p.notice").count() == 1
            await _sign_in(theirs, base_url, SECRET)
            await theirs.wait_for_url(f"{base_url}/")
            assert COLLEAGUE in await theirs.locator("header .who").inner_text()
            # The link worked once.
            gone = await theirs.goto(link)
            assert gone is not None and gone.status == 410

            # The admin disables the account.
            await page.goto(f"{base_url}/users")
            await page.locator(f'tr[data-email="{COLLEAGUE}"] button.disable').click()
            await page.wait_for_url(f"{base_url}/users")
            assert "disabled" in await page.locator(f'tr[data-email="{COLLEAGUE}"] td.state').inner_text()
            assert (await AdminUser.get(email=COLLEAGUE)).disabled

            # The colleague's open session has ended, and the password no longer signs in.
            await theirs.goto(f"{base_url}/")
            assert theirs.url.startswith(f"{base_url}/login")
            await _sign_in(theirs, base_url, SECRET)
            await theirs.wait_for_load_state()
            assert theirs.url.startswith(f"{base_url}/login")
            assert await theirs.locator("p.error").count() == 1
        finally:
            await other.close()
