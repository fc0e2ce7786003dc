"""Admin test wiring: the app on the real test database, an HTTPS-looking client (Secure cookies travel), a user."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from functools import lru_cache

import httpx
import pytest
from fastapi import FastAPI
from playwright.async_api import Browser

from admin.app import create_app
from admin.security import hash_password
from core.models import AdminRole, AdminUser
from core.settings import Settings

PASSWORD = "correct horse battery"
BASE_URL = "https://admin.test"


@lru_cache(maxsize=1)
def password_hash() -> str:
    # bcrypt is slow on purpose: hash once per run.
    return hash_password(PASSWORD)


@pytest.fixture
def app(settings: Settings, db: None) -> FastAPI:
    """The admin app on the test database (its lifespan is not run: the `db` fixture opened the ORM)."""
    return create_app(settings)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An anonymous client."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as http:
        yield http


@pytest.fixture
async def admin_user(db: None) -> AdminUser:
    """An admin account with the password `PASSWORD`."""
    return await AdminUser.create(email="ops@example.com", password_hash=password_hash(), role=AdminRole.ADMIN)


def csrf_from(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


async def log_in(http: httpx.AsyncClient, email: str = "ops@example.com", password: str = PASSWORD) -> httpx.Response:
    """Submit the login form the way a browser does (token from the page first)."""
    token = csrf_from((await http.get("/login")).text)
    return await http.post("/login", data={"email": email, "password": password, "csrf_token": token, "next": "/"})


@pytest.fixture
async def logged_in(client: httpx.AsyncClient, admin_user: AdminUser) -> httpx.AsyncClient:
    """The client with an admin session."""
    response = await log_in(client)
    assert response.status_code == 303, response.text
    return client


async def page_csrf(http: httpx.AsyncClient, path: str = "/") -> str:
    """The session's CSRF token as a signed-in page shows it."""
    return csrf_from((await http.get(path)).text)


class browser_admin:
    """The admin served over HTTP (plain-http cookies) and a browser page signed in on its dashboard."""

    def __init__(self, browser: Browser, settings: Settings) -> None:
        self.browser, self.settings = browser, settings

    async def __aenter__(self) -> browser_admin:
        from cli.serving import serve_app

        admin = self.settings.admin.model_copy(update={"secure_cookies": False})
        self._serving = serve_app(create_app(self.settings.model_copy(update={"admin": admin})))
        self.base_url = await self._serving.__aenter__()
        self.page = await self.browser.new_page()
        await self.page.goto(f"{self.base_url}/login")
        await self.page.fill("input[name=email]", "ops@example.com")
        await self.page.fill("input[name=password]", PASSWORD)
        await self.page.click("button[type=submit]")
        await self.page.wait_for_url(f"{self.base_url}/")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._serving.__aexit__(*exc)
