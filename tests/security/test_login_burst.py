"""Attack: a burst of concurrent logins. Every attempt is counted before its password is checked, so of 30
simultaneous wrong passwords for one account only the account's budget is checked and the rest are refused; and
bcrypt runs off the event loop, so many anonymous logins at once do not stall everybody else's requests."""

from __future__ import annotations

import asyncio
import time

import pytest
from fastapi import FastAPI

from admin.app import create_app
from admin.security import verify_password
from core.models import AdminUser
from core.settings import Settings, load_settings
from tests.admin.conftest import password_hash
from tests.security.admin_support import client_at


async def _attempt(app: FastAPI, ip: str, email: str, password: str) -> int:
    async with client_at(app, ip) as http:
        page = await http.get("/login")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        form = {"email": email, "password": password, "csrf_token": token, "next": "/"}
        return (await http.post("/login", data=form)).status_code


@pytest.mark.parametrize("shared", [False, True], ids=["embedded", "redis"])
async def test_concurrent_wrong_passwords_are_counted_before_checking(
    settings: Settings, admin_user: AdminUser, redis_client, redis_url: str, shared: bool
) -> None:
    if shared:
        settings = load_settings(**{**settings.model_dump(), "redis_url": redis_url})
    app = create_app(settings)
    budget = settings.admin.login_attempts_per_minute
    # 30 attempts at once, each from its own address (an attacker with many IPs).
    codes = await asyncio.gather(*(_attempt(app, f"203.0.113.{n}", "ops@example.com", f"guess {n}") for n in range(30)))
    assert codes.count(401) == budget, codes
    assert codes.count(429) == 30 - budget


async def test_bcrypt_does_not_stall_the_event_loop(settings: Settings, db: None) -> None:
    app = create_app(settings)
    started = time.perf_counter()
    verify_password("x", password_hash())
    one_check = time.perf_counter() - started
    gaps: list[float] = []
    done = asyncio.Event()

    async def heartbeat() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    beat = asyncio.create_task(heartbeat())
    # Unknown e-mails from many addresses: nothing throttles them, each costs one bcrypt check.
    codes = await asyncio.gather(*(_attempt(app, f"192.0.2.{n}", f"u{n}@example.com", "pw") for n in range(10)))
    done.set()
    await beat
    assert set(codes) <= {401, 429}
    # On the event loop the checks would freeze it for about 10 bcrypt runs in all; in the pool it hardly stops.
    frozen = sum(gap for gap in gaps if gap >= 0.5 * one_check)
    assert frozen < 2 * one_check, (one_check, frozen, sorted(gaps)[-5:])
