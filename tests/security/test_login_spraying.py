"""Attack: password spraying (many e-mails from one address) and brute force of one account from many addresses.
Both slow down — per IP and per account — while the account's owner, in a browser that signed in before, still gets
in from another address. X-Forwarded-For counts only when it comes through a configured trusted proxy."""

from __future__ import annotations

import httpx

from admin.app import create_app
from admin.throttle import DEVICE_COOKIE
from core.models import AdminUser
from core.settings import Settings, load_settings
from tests.admin.conftest import PASSWORD
from tests.security.admin_support import client_at


def _tight(settings: Settings, **admin: object) -> Settings:
    # Small budgets keep the number of (slow on purpose) bcrypt checks in these tests low.
    limits = {"login_attempts_per_minute": 3, "login_ip_attempts_per_minute": 4, **admin}
    return load_settings(**{**settings.model_dump(), "admin": limits})


async def _login(http: httpx.AsyncClient, email: str, password: str, **headers: str) -> int:
    page = await http.get("/login")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"email": email, "password": password, "csrf_token": token, "next": "/"}
    return (await http.post("/login", data=form, headers=headers)).status_code


async def test_spraying_many_emails_from_one_address_is_throttled(settings: Settings, db: None) -> None:
    settings = _tight(settings)
    app = create_app(settings)
    per_ip = settings.admin.login_ip_attempts_per_minute
    async with client_at(app, "203.0.113.50") as sprayer:
        codes = [await _login(sprayer, f"user{n}@example.com", "Spring2026!") for n in range(per_ip + 3)]
    assert codes[:per_ip] == [401] * per_ip
    assert codes[per_ip:] == [429] * 3
    # Another address is not affected.
    async with client_at(app, "203.0.113.51") as other:
        assert await _login(other, "user0@example.com", "x") == 401


async def test_brute_force_from_many_addresses_spares_the_owners_browser(
    settings: Settings, admin_user: AdminUser
) -> None:
    settings = _tight(settings)
    app = create_app(settings)
    # The owner signed in from home once: the browser keeps its device cookie.
    async with client_at(app, "198.51.100.10") as home:
        assert await _login(home, "ops@example.com", PASSWORD) == 303
        device = home.cookies[DEVICE_COOKIE]
    # Every attempt counts, the owner's own too (it is counted before its password is known).
    budget = settings.admin.login_attempts_per_minute - 1
    codes = []
    for n in range(budget + 4):  # a new address for every guess
        async with client_at(app, f"203.0.113.{100 + n}") as bot:
            codes.append(await _login(bot, "ops@example.com", f"guess-{n}"))
    assert codes.count(401) == budget and codes[budget:] == [429] * 4
    # A fresh browser, even with the right password, waits like the attacker (nothing tells them apart)...
    async with client_at(app, "198.51.100.11") as fresh:
        assert await _login(fresh, "ops@example.com", PASSWORD) == 429
    # ...but the owner's browser, now on another network, gets in.
    async with client_at(app, "198.51.100.77") as travelling:
        travelling.cookies.set(DEVICE_COOKIE, device)
        assert await _login(travelling, "ops@example.com", PASSWORD) == 303
    # A device cookie is bound to its account and cannot be forged.
    async with client_at(app, "198.51.100.78") as thief:
        thief.cookies.set(DEVICE_COOKIE, device[:-2] + "xx")
        assert await _login(thief, "ops@example.com", PASSWORD) == 429


async def test_forwarded_for_only_counts_through_a_trusted_proxy(settings: Settings, db: None) -> None:
    proxied = _tight(settings, trusted_proxies=["10.0.0.0/8"])
    app = create_app(proxied)
    per_ip = proxied.admin.login_ip_attempts_per_minute
    # Through the trusted proxy each client is counted on its own address.
    async with client_at(app, "10.1.2.3") as proxy:
        codes = [
            await _login(proxy, f"p{n}@example.com", "x", **{"X-Forwarded-For": f"1.2.3.4, 192.0.2.{n}"})
            for n in range(per_ip + 3)
        ]
    assert codes == [401] * (per_ip + 3)
    # A client that is no proxy cannot pick its address: its made-up header is ignored.
    async with client_at(app, "203.0.113.9") as liar:
        codes = [
            await _login(liar, f"q{n}@example.com", "x", **{"X-Forwarded-For": f"192.0.2.{n}"})
            for n in range(per_ip + 3)
        ]
    assert codes[per_ip:] == [429] * 3
