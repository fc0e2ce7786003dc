"""`agentiq demo` as a person runs it (issue 24): the review its ready text suggests injecting, a burn with a legal
threat, reaches the seller's Telegram chat as a card that opens with the 🚨 line, urgent, with no answer sent."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx

from cli.demo import DEMO_USER_ID, SAFETY_EXAMPLE
from tests.demo_onboarding import onboard
from tests.processes import spawn, stop, tail, wait_until


async def test_demo_pages_the_owner_about_a_burn(tmp_path: Path) -> None:
    ready, log = tmp_path / "ready", tmp_path / "demo.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    args = ["demo", "--port-base", "0", "--inject-every", "3600", "--data-dir", str(tmp_path / "data")]
    proc = spawn([*args, "--ready-file", str(ready)], env, log)
    try:

        async def is_ready() -> bool:
            return ready.exists() and ready.read_text().count("\n") >= 4

        await wait_until(is_ready, proc, log)
        tg_url, wb_url, _admin_url, seller = ready.read_text().split()
        async with httpx.AsyncClient(timeout=10) as http:
            # A fresh data dir: the owner goes through the first visit (language, demo token, shop name) first.
            await onboard(http, tg_url)
            injected = await http.post(
                f"{wb_url}/_sandbox/sellers/{seller}/reviews", json={"text": SAFETY_EXAMPLE, "rating": 5}
            )
            injected.raise_for_status()
            injected_at = time.monotonic()
            found: list[dict] = []

            async def paged() -> bool:
                messages = (await http.get(f"{tg_url}/_sandbox/chats/{DEMO_USER_ID}/messages")).json()
                found[:] = [m for m in messages if SAFETY_EXAMPLE in (m["text"] or "")]
                return bool(found)

            await wait_until(paged, proc, log)
            # Told within a minute of WB showing it (the demo polls every 5 s; production reviews every 30 s).
            assert time.monotonic() - injected_at < 60
            answers = (await http.get(f"{wb_url}/_sandbox/answers", params={"seller_id": seller})).json()
        card = found[0]["text"]
        assert card.startswith("🚨 вред здоровью, юридическая угроза"), tail(log)
        assert "🏷" in card and "срочно" in card.lower()
        assert all(a["item_id"] != injected.json()["id"] for a in answers["answers"])
    finally:
        code = stop(proc, log, signal.SIGINT)
    assert code == 0, tail(log)
