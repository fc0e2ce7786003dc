"""Login denial of service: a flood of attempts for made-up e-mails from many addresses must not lock the owner out.
Unknown accounts cost no bcrypt (the same wait, no thread, no place in the shared queue); an IPv6 /64 counts as one
address (and unknown-account attempts also count per IPv4 /24); a browser the owner signed in from before keeps
its own budget and its own bcrypt thread. Proof: the flood of `bench/login_flood.py` (500 attempts from 100
addresses) while the owner signs in again and again: every sign-in succeeds, p95 under 2 s."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import time

from admin.app import create_app
from core.models import AdminUser
from core.settings import Settings
from tests.admin.conftest import PASSWORD
from tests.processes import ROOT
from tests.security.admin_support import client_at

_spec = importlib.util.spec_from_file_location("login_flood", ROOT / "bench" / "login_flood.py")
login_flood = importlib.util.module_from_spec(_spec)
sys.modules["login_flood"] = login_flood  # its dataclass looks its module up
_spec.loader.exec_module(login_flood)


async def _login(app, ip: str, email: str, password: str = "Spring2026!") -> int:
    async with client_at(app, ip) as http:
        return await login_flood.attempt(http, email, password)


async def test_the_owner_signs_in_during_a_flood(settings: Settings, admin_user: AdminUser) -> None:
    app = create_app(settings)
    devices = await login_flood.known_devices(app, admin_user.email, PASSWORD)
    # 10 in flight: the attackers' own requests run on this process's event loop too (in reality they are elsewhere).
    result = await login_flood.flood(app, owner=admin_user.email, password=PASSWORD, devices=devices, concurrency=10)
    print(f"owner p95 {result.percentile(95):.2f} s over {len(result.owner_s)}; flood {dict(result.flood_codes)}")
    assert len(result.owner_s) >= 10 and result.owner_codes == {303: len(result.owner_s)}
    assert result.percentile(95) < 2.0, result.owner_s
    assert sum(result.flood_codes.values()) == 500 and 303 not in result.flood_codes


async def test_unknown_accounts_take_no_place_in_the_bcrypt_queue(settings: Settings, db: None) -> None:
    app = create_app(settings)
    started = time.perf_counter()
    # More at once than the shared queue admits (32): none is refused, and they wait side by side, not in turn.
    codes = await asyncio.gather(*(_login(app, f"100.65.{n}.1", f"nobody{n}@example.com") for n in range(48)))
    assert codes == [401] * 48
    assert time.perf_counter() - started < 48 * 0.25 / 2


async def test_an_ipv6_64_is_one_address(settings: Settings, db: None) -> None:
    app = create_app(settings)
    per_ip = settings.admin.login_ip_attempts_per_minute
    # A new address of the same /64 for every attempt (and a new e-mail: no account budget is hit).
    codes = [await _login(app, f"2001:db8:1:2::{n + 1:x}", f"spray{n}@example.com") for n in range(per_ip + 3)]
    assert codes[:per_ip] == [401] * per_ip and codes[per_ip:] == [429] * 3
    # The next /64 is somebody else.
    assert await _login(app, "2001:db8:1:3::1", "spray0@example.com") == 401


async def test_unknown_accounts_count_per_ipv4_24(settings: Settings, db: None) -> None:
    app = create_app(settings)
    per_net = settings.admin.login_ip_attempts_per_minute * 5
    # Every address of the /24 once or twice: under any address's budget, over the network's for unknown accounts.
    codes = [await _login(app, f"198.18.7.{n % 250 + 1}", f"who{n}@example.com") for n in range(per_net + 2)]
    assert codes[:per_net] == [401] * per_net and codes[per_net:] == [429] * 2
