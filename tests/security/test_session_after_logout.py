"""Attack: keep a copy of a signed-in session cookie and use it after the session should have ended — after a
logout, a password change, a role change, disabling the account, a long idle time or the absolute lifetime."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from admin.app import SESSION_COOKIE
from admin.security import session_secret
from core.models import AdminUser, AuditEvent
from core.settings import Settings
from tests.admin.conftest import PASSWORD, log_in, page_csrf
from tests.security.admin_support import client_at, read_session, session_cookie, sign_session

AGENTIQ = str(Path(sys.executable).with_name("agentiq"))


async def _replay(app: FastAPI, cookie: str) -> tuple[int, int]:
    """(page status, API status) for a fresh client presenting only the copied cookie."""
    async with client_at(app, "198.51.100.7") as thief:
        thief.cookies.set(SESSION_COOKIE, cookie)
        page = await thief.get("/sellers")
        api = await thief.get("/api/sellers")
    return page.status_code, api.status_code


async def test_cookie_copied_before_logout_is_dead_after_it(app: FastAPI, logged_in: httpx.AsyncClient) -> None:
    stolen = session_cookie(logged_in)
    assert await _replay(app, stolen) == (200, 200), "the copy works while the session lives"
    response = await logged_in.post("/logout", data={"csrf_token": await page_csrf(logged_in)})
    assert response.status_code == 303
    assert await _replay(app, stolen) == (303, 401)
    assert await AuditEvent.filter(action="admin.logout").exists()


def _cli(database_url: str, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AGENTIQ_DATABASE_URL": database_url, "AGENTIQ_DATA_DIR": str(tmp_path)}
    return subprocess.run([AGENTIQ, "admin", *args], input=stdin, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["set-password", "--email", "ops@example.com", "--password-stdin"], "a brand new passphrase\n"),
        (["set-role", "--email", "ops@example.com", "--role", "viewer"], ""),
        (["disable-user", "--email", "ops@example.com"], ""),
    ],
)
async def test_account_changes_end_its_sessions(
    app: FastAPI, logged_in: httpx.AsyncClient, database_url: str, tmp_path: Path, args: list[str], stdin: str
) -> None:
    stolen = session_cookie(logged_in)
    done = _cli(database_url, tmp_path, *args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    assert await _replay(app, stolen) == (303, 401)
    assert (await logged_in.get("/api/sellers")).status_code == 401, "the owner's own browser is signed out too"


async def test_disabled_account_cannot_sign_in(
    client: httpx.AsyncClient, admin_user: AdminUser, database_url: str, tmp_path: Path
) -> None:
    assert _cli(database_url, tmp_path, "disable-user", "--email", "ops@example.com").returncode == 0
    assert (await log_in(client)).status_code == 401
    assert _cli(database_url, tmp_path, "enable-user", "--email", "ops@example.com").returncode == 0
    assert (await log_in(client)).status_code == 303


async def test_set_password_of_unknown_account_fails(database_url: str, tmp_path: Path, db: None) -> None:
    done = _cli(
        database_url,
        tmp_path,
        "set-password",
        "--email",
        "nobody@example.com",
        "--password-stdin",
        stdin="a brand new passphrase\n",
    )
    assert done.returncode == 1 and "no admin" in done.stderr


@pytest.mark.parametrize(("field", "age_s"), [("seen", 31 * 60), ("iat", 13 * 3600)])
async def test_idle_and_too_old_sessions_end(
    app: FastAPI, logged_in: httpx.AsyncClient, settings: Settings, field: str, age_s: int
) -> None:
    secret = session_secret(settings)
    data = read_session(session_cookie(logged_in), secret)
    assert await _replay(app, sign_session(data, secret)) == (200, 200)
    aged = {**data, field: int(time.time()) - age_s}
    assert await _replay(app, sign_session(aged, secret)) == (303, 401)


async def test_a_new_password_works_and_the_old_one_does_not(
    client: httpx.AsyncClient, admin_user: AdminUser, database_url: str, tmp_path: Path
) -> None:
    args = ["set-password", "--email", "ops@example.com", "--password-stdin"]
    assert _cli(database_url, tmp_path, *args, stdin="a brand new passphrase\n").returncode == 0
    assert (await log_in(client, password=PASSWORD)).status_code == 401
    assert (await log_in(client, password="a brand new passphrase")).status_code == 303
