"""The owner signing in during a login flood: `attempts` attempts from `addresses` addresses (four in five for
made-up e-mails, one in five wrong passwords for the owner's account), `concurrency` in flight, against the admin
app in this process (embedded shape: in-memory throttle, SQLite), while the owner signs in again and again from a
browser that signed in before (its device cookie; four such browsers, each within its own budget of 5 a minute).
Default budgets otherwise. Prints the owner's sign-in times (p50/p95/max) and how the
flood's attempts were answered.

Run: `.venv/bin/python bench/login_flood.py [--attempts 500] [--addresses 100] [--concurrency 20]`.
`tests/security/test_login_flood.py` runs the same `flood` and asserts p95 < 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI

OWNER_IP = "192.0.2.10"
BASE_URL = "https://admin.test"


def _client(app: FastAPI, ip: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(ip, 40000)), base_url=BASE_URL)


async def form_token(http: httpx.AsyncClient) -> str:
    """The login form's CSRF token for this client's session."""
    page = await http.get("/login")
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


async def attempt(http: httpx.AsyncClient, email: str, password: str, token: str | None = None) -> int:
    """One sign-in the way the login form posts it (the form fetched first unless its `token` is known); the status
    code (303 signed in, 401, 429)."""
    form = {"email": email, "password": password, "csrf_token": token or await form_token(http), "next": "/"}
    return (await http.post("/login", data=form)).status_code


@dataclass
class FloodResult:
    owner_s: list[float]  # the owner's sign-ins that started while the flood ran, in seconds each
    owner_codes: Counter[int]
    flood_codes: Counter[int]
    flood_s: float

    def percentile(self, p: float) -> float:
        """The owner's sign-in time at percentile `p` (0-100)."""
        ordered = sorted(self.owner_s)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def known_devices(app: FastAPI, owner: str, password: str, count: int = 4) -> list[str]:
    """The device cookies of `count` browsers the owner signed in from (before the flood)."""
    cookies = []
    for n in range(count):
        async with _client(app, f"192.0.2.{20 + n}") as http:
            assert await attempt(http, owner, password) == 303
            cookies.append(http.cookies["agentiq_device"])
    return cookies


async def flood(
    app: FastAPI, *, owner: str, password: str, devices: list[str], attempts: int = 500, addresses: int = 100,
    concurrency: int = 20, per_device: int = 5,
) -> FloodResult:  # fmt: skip
    """Run the flood and the owner's sign-ins side by side (see the module's docstring)."""
    flood_codes: Counter[int] = Counter()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(attempts):
        queue.put_nowait(n)

    # One session per address, its form fetched once (as a script would): every attempt is a POST.
    sessions: dict[int, tuple[httpx.AsyncClient, str]] = {}

    async def attacker() -> None:
        while not queue.empty():
            n = queue.get_nowait()
            if n % addresses not in sessions:
                http = _client(app, f"100.64.{n % addresses}.7")  # each address in a /24 of its own
                sessions[n % addresses] = (http, await form_token(http))
            http, token = sessions[n % addresses]
            email, guess = (owner, f"guess-{n}") if n % 5 == 0 else (f"nobody{n}@example.com", "Spring2026!")
            flood_codes[await attempt(http, email, guess, token)] += 1

    started = time.perf_counter()
    attackers = [asyncio.create_task(attacker()) for _ in range(concurrency)]
    owner_s: list[float] = []
    owner_codes: Counter[int] = Counter()
    sign_ins = 0
    while not all(task.done() for task in attackers) and sign_ins < per_device * len(devices):
        async with _client(app, OWNER_IP) as http:
            http.cookies.set("agentiq_device", devices[sign_ins % len(devices)])
            sign_ins += 1
            began = time.perf_counter()
            code = await attempt(http, owner, password)
            owner_s.append(time.perf_counter() - began)
            owner_codes[code] += 1
        await asyncio.sleep(0.2)
    await asyncio.gather(*attackers)
    for http, _ in sessions.values():
        await http.aclose()
    return FloodResult(owner_s, owner_codes, flood_codes, time.perf_counter() - started)


async def _main(args: argparse.Namespace) -> None:
    from admin.app import create_app
    from admin.security import hash_password
    from core import db
    from core.models import AdminRole, AdminUser
    from core.settings import load_settings

    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(data_dir=Path(folder), redis_url=None)
        await db.upgrade(settings)
        async with db.database(settings):
            password = "correct horse battery"
            await AdminUser.create(
                email="owner@example.com", password_hash=hash_password(password), role=AdminRole.ADMIN
            )
            app = create_app(settings)
            devices = await known_devices(app, "owner@example.com", password)
            result = await flood(
                app, owner="owner@example.com", password=password, devices=devices, attempts=args.attempts,
                addresses=args.addresses, concurrency=args.concurrency,
            )  # fmt: skip
            app.state.login_throttle.close()
    print(f"flood: {args.attempts} attempts from {args.addresses} addresses, {args.concurrency} in flight, "
          f"{result.flood_s:.1f} s; answers {dict(sorted(result.flood_codes.items()))}")  # fmt: skip
    print(f"owner: {len(result.owner_s)} sign-ins during the flood, answers {dict(result.owner_codes)}")
    print(f"owner sign-in time: p50 {statistics.median(result.owner_s):.2f} s, p95 {result.percentile(95):.2f} s, "
          f"max {max(result.owner_s):.2f} s")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--attempts", type=int, default=500)
    parser.add_argument("--addresses", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=20)
    asyncio.run(_main(parser.parse_args()))
