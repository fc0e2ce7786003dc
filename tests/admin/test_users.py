"""Issue 29 item 11: the admin users page. Invites and resets are one-time links (stored hashed, 72 h, single use);
an admin cannot disable or demote themselves or the last admin; only admins reach the page; the audit is the CLI's."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from admin import accounts
from core.models import AdminRole, AdminToken, AdminUser, AuditEvent
from tests.admin.conftest import PASSWORD, csrf_from, log_in, page_csrf, password_hash

NEW_PASSWORD = "another long secret"


async def _invite(http: httpx.AsyncClient, email: str, role: str = "viewer") -> tuple[httpx.Response, str]:
    """Invite through the page; the response and the one-time link it shows."""
    token = await page_csrf(http, "/users")
    response = await http.post("/users/invite", data={"email": email, "role": role, "csrf_token": token})
    found = re.search(r'class="link-url" readonly value="([^"]+)"', response.text)
    return response, (found.group(1).replace("&amp;", "&") if found else "")


async def _set_password(http: httpx.AsyncClient, link: str, password: str = NEW_PASSWORD) -> httpx.Response:
    # The session's CSRF token from a page that has a form (a dead link's page has none).
    csrf = csrf_from((await http.get("/login")).text)
    token = httpx.URL(link).params["token"]
    form = {"csrf_token": csrf, "token": token, "password": password, "confirm": password}
    return await http.post("/account/password", data=form)


async def test_invite_accept_sign_in_and_one_use(logged_in: httpx.AsyncClient, client_factory) -> None:
    response, link = await _invite(logged_in, " New@Example.com ")
    assert response.status_code == 200 and link.startswith("https://admin.test/account/password?token=")
    invited = await AdminUser.get(email="new@example.com")
    assert invited.role == AdminRole.VIEWER and invited.password_hash == ""
    # Only the token's hash is stored, never the token.
    token = httpx.URL(link).params["token"]
    row = await AdminToken.get(admin_id=invited.id)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in row.token_hash
    assert timedelta(hours=71) < row.expires_at - datetime.now(UTC) <= timedelta(hours=72)
    async with client_factory() as stranger:
        # No password yet: nothing signs in.
        assert (await log_in(stranger, "new@example.com", "any password at all")).status_code == 401
        assert (await stranger.get(link)).status_code == 200
        assert (await _set_password(stranger, link, "short")).status_code == 422
        done = await _set_password(stranger, link)
        assert done.status_code == 303 and done.headers["location"].startswith("https://admin.test/login")
        # Used once: the same link now refuses, also with another password.
        assert (await stranger.get(link)).status_code == 410
        assert (await _set_password(stranger, link, "yet another secret")).status_code == 410
        assert (await log_in(stranger, "new@example.com", NEW_PASSWORD)).status_code == 303
    actions = await AuditEvent.filter(object_id=invited.id, object_type="admin_user").values_list("action", flat=True)
    assert {"admin.created", "admin.invite_link", "admin.password_changed"} <= set(actions)


async def test_forged_and_expired_links_are_refused(logged_in: httpx.AsyncClient, client_factory) -> None:
    _, link = await _invite(logged_in, "late@example.com")
    async with client_factory() as stranger:
        forged = "https://admin.test/account/password?token=" + "A" * 43
        assert (await stranger.get(forged)).status_code == 410
        assert (await _set_password(stranger, forged)).status_code == 410
        await AdminToken.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        assert (await stranger.get(link)).status_code == 410
        assert (await _set_password(stranger, link)).status_code == 410
    assert (await AdminUser.get(email="late@example.com")).password_hash == ""


async def test_reset_link_replaces_the_password_and_ends_sessions(logged_in: httpx.AsyncClient, client_factory) -> None:
    other = await AdminUser.create(email="two@example.com", password_hash=password_hash(), role=AdminRole.VIEWER)
    async with client_factory() as two:
        assert (await log_in(two, "two@example.com")).status_code == 303
        token = await page_csrf(logged_in, "/users")
        first = await logged_in.post(f"/users/{other.id}/reset", data={"csrf_token": token})
        second = await logged_in.post(f"/users/{other.id}/reset", data={"csrf_token": token})
        old, new = (
            re.search(r'readonly value="([^"]+)"', r.text).group(1).replace("&amp;", "&") for r in (first, second)
        )
        # A newer link voids the older one.
        assert (await two.get(old)).status_code == 410
        assert (await _set_password(two, new)).status_code == 303
        assert (await two.get("/")).status_code == 303  # the session signed in with the old password has ended
        assert (await log_in(two, "two@example.com", PASSWORD)).status_code == 401
        assert (await log_in(two, "two@example.com", NEW_PASSWORD)).status_code == 303


async def test_no_disabling_or_demoting_oneself_or_the_last_admin(
    logged_in: httpx.AsyncClient, admin_user: AdminUser
) -> None:
    token = await page_csrf(logged_in, "/users")
    for path, form in (("disable", {}), ("role", {"role": "viewer"})):
        refused = await logged_in.post(f"/users/{admin_user.id}/{path}", data={"csrf_token": token, **form})
        assert refused.status_code == 409 and 'role="alert"' in refused.text
    me = await AdminUser.get(id=admin_user.id)
    assert me.role == AdminRole.ADMIN and not me.disabled
    # The last enabled admin, whoever acts (here a read-only account, as a direct call).
    viewer = await AdminUser.create(email="ro@example.com", password_hash="", role=AdminRole.VIEWER)
    with pytest.raises(accounts.AccountRefused, match="last-admin"):
        await accounts.set_disabled(me.email, True, actor=viewer)
    with pytest.raises(accounts.AccountRefused, match="last-admin"):
        await accounts.set_role(me.email, AdminRole.VIEWER, actor=viewer)
    # Another admin can be disabled and enabled; the audit is the CLI's, with the acting admin.
    second = await AdminUser.create(email="b@example.com", password_hash="", role=AdminRole.ADMIN)
    assert (await logged_in.post(f"/users/{second.id}/disable", data={"csrf_token": token})).status_code == 303
    assert (await logged_in.post(f"/users/{second.id}/enable", data={"csrf_token": token})).status_code == 303
    role = await logged_in.post(f"/users/{second.id}/role", data={"csrf_token": token, "role": "viewer"})
    assert role.status_code == 303 and (await AdminUser.get(id=second.id)).role == AdminRole.VIEWER
    events = await AuditEvent.filter(object_id=second.id, object_type="admin_user").order_by("id")
    assert [(e.action, e.actor_admin_id) for e in events] == [
        ("admin.disabled", admin_user.id), ("admin.enabled", admin_user.id), ("admin.role_changed", admin_user.id)
    ]  # fmt: skip
    # The CLI's own change of the same kind leaves the same action (its actor: the account itself).
    await accounts.set_disabled(second.email, True)
    assert (await AuditEvent.filter(object_id=second.id).order_by("-id").first()).action == "admin.disabled"


async def test_only_admins_reach_the_page_and_forms_need_csrf(
    logged_in: httpx.AsyncClient, client_factory, admin_user: AdminUser
) -> None:
    # No CSRF token: refused before anything happens.
    forged = await logged_in.post("/users/invite", data={"email": "x@example.com", "role": "admin"})
    assert forged.status_code == 403 and not await AdminUser.filter(email="x@example.com").exists()
    await AdminUser.create(email="ro@example.com", password_hash=password_hash(), role=AdminRole.VIEWER)
    async with client_factory() as viewer:
        assert (await viewer.get("/users")).status_code == 303  # anonymous: to the login page
        assert (await log_in(viewer, "ro@example.com")).status_code == 303
        assert (await viewer.get("/users")).status_code == 403
        assert 'href="/users"' not in (await viewer.get("/")).text
        token = await page_csrf(viewer, "/")
        for path, form in (
            ("/users/invite", {"email": "y@example.com", "role": "admin"}),
            (f"/users/{admin_user.id}/disable", {}),
            (f"/users/{admin_user.id}/reset", {}),
            (f"/users/{admin_user.id}/role", {"role": "viewer"}),
        ):
            assert (await viewer.post(path, data={"csrf_token": token, **form})).status_code == 403, path
    assert not await AdminUser.filter(email="y@example.com").exists()
    assert not await AdminToken.all().exists()
    me = await AdminUser.get(id=admin_user.id)
    assert me.role == AdminRole.ADMIN and not me.disabled
    # An e-mail taken already is refused on the page.
    taken, link = await _invite(logged_in, "ro@example.com")
    assert taken.status_code == 409 and link == ""


async def test_invite_link_kept_out_of_the_access_log(logged_in: httpx.AsyncClient, capsys) -> None:
    _, link = await _invite(logged_in, "log@example.com")
    await logged_in.get(link)
    token = httpx.URL(link).params["token"]
    out = capsys.readouterr()
    logged = out.out + out.err
    assert "path=/account/password" in logged and token not in logged


@pytest.fixture
def client_factory(app):
    """Fresh anonymous clients on the same app (a second browser)."""
    from tests.admin.conftest import BASE_URL

    return lambda: httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)
