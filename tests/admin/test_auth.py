"""Login, logout, throttling, CSRF and the session cookie's flags."""

from __future__ import annotations

import httpx

from core.models import AuditEvent
from tests.admin.conftest import PASSWORD, csrf_from, log_in


async def test_login_sets_a_hardened_session_cookie_and_redirects(client: httpx.AsyncClient, admin_user) -> None:
    response = await log_in(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
    assert await AuditEvent.filter(action="admin.login", actor_admin_id=admin_user.id).count() == 1


async def test_wrong_password_is_refused_with_a_message(client: httpx.AsyncClient, admin_user) -> None:
    response = await log_in(client, password="not the password")
    assert response.status_code == 401
    assert "Неверный e-mail или пароль." in response.text
    assert "admin_id" not in response.headers.get("set-cookie", "")


async def test_login_is_throttled_after_the_configured_failures(
    client: httpx.AsyncClient, admin_user, settings
) -> None:
    for _ in range(settings.admin.login_attempts_per_minute):
        assert (await log_in(client, password="wrong")).status_code == 401
    # Even the right password is not checked while the window is full.
    throttled = await log_in(client, password=PASSWORD)
    assert throttled.status_code == 429
    assert "Слишком много" in throttled.text
    # Another e-mail from the same IP is counted separately.
    assert (await log_in(client, email="other@example.com", password="x")).status_code == 401


async def test_post_without_csrf_token_is_refused(client: httpx.AsyncClient, admin_user) -> None:
    await client.get("/login")
    form = {"email": "ops@example.com", "password": PASSWORD, "next": "/"}
    assert (await client.post("/login", data=form)).status_code == 403
    assert (await client.post("/login", data={**form, "csrf_token": "forged"})).status_code == 403


async def test_a_token_from_another_session_is_refused(app, client: httpx.AsyncClient, admin_user) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://admin.test") as other:
        foreign = csrf_from((await other.get("/login")).text)
    await client.get("/login")
    form = {"email": "ops@example.com", "password": PASSWORD, "csrf_token": foreign}
    assert (await client.post("/login", data=form)).status_code == 403


async def test_anonymous_pages_redirect_to_login_and_api_answers_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/sellers?status=active")
    assert response.status_code == 303
    assert response.headers["location"].endswith("/login?next=%2Fsellers%3Fstatus%3Dactive")
    assert (await client.get("/api/sellers")).status_code == 401


async def test_login_never_redirects_off_site(client: httpx.AsyncClient, admin_user) -> None:
    token = csrf_from((await client.get("/login")).text)
    form = {"email": "ops@example.com", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/x"}
    response = await client.post("/login", data=form)
    assert response.headers["location"] == "/"


async def test_logout_ends_the_session(logged_in: httpx.AsyncClient) -> None:
    token = csrf_from((await logged_in.get("/")).text)
    assert (await logged_in.post("/logout", data={"csrf_token": token})).status_code == 303
    assert (await logged_in.get("/")).status_code == 303


async def test_language_from_query_sticks_in_a_cookie(client: httpx.AsyncClient) -> None:
    assert "Sign in" in (await client.get("/login?lang=en")).text
    assert "Sign in" in (await client.get("/login")).text
    assert "Вход" in (await client.get("/login?lang=ru")).text
