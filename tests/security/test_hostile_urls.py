"""Hostile values in admin URLs: ids beyond a 64-bit integer and dates at the calendar's ends (0001, 9999) are
answered 404 or 422 — never a 500 from the database or the date arithmetic."""

from __future__ import annotations

import httpx

HUGE = str(2**63)
GETS = [
    f"/interactions/{HUGE}",
    f"/interactions/-{HUGE}0",
    f"/products/{HUGE}/1",
    f"/products/1/{2**64}",
    f"/sellers/{HUGE}/drafting",
    f"/api/interactions/{HUGE}",
    f"/interactions?seller_id={HUGE}",
    f"/interactions?nm_id={2**70}",
    f"/interactions/export.csv?seller_id={HUGE}",
    f"/?seller_id={HUGE}",
    f"/readiness?seller_id={HUGE}",
    f"/api/dashboard?seller_id={HUGE}",
    "/interactions?day=0001-01-01",
    "/interactions?day=9999-12-31",
    "/interactions?since=0001-01-01&until=9999-12-31",
    "/interactions/export.csv?since=9999-12-31",
    "/interactions?answered_day=0001-01-01",
    "/api/interactions?until=9999-12-31",
]


async def test_hostile_values_are_refused_not_crashed(logged_in: httpx.AsyncClient) -> None:
    # One signed-in client for every URL (a login is a bcrypt check: one is enough).
    answered = {path: (await logged_in.get(path)).status_code for path in GETS}
    assert {path: code for path, code in answered.items() if code not in (404, 422)} == {}


async def test_an_ordinary_day_still_works(logged_in: httpx.AsyncClient) -> None:
    assert (await logged_in.get("/interactions?day=2026-12-01")).status_code == 200
    assert (await logged_in.get("/interactions/9223372036854775807")).status_code == 404
