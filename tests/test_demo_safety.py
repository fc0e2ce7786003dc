"""`agentiq demo` as a person runs it (issue 24): the review its ready text suggests injecting, a burn with a legal
threat, reaches the seller's Telegram chat as a card that opens with the 🚨 line, urgent, with no answer sent."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from cli.demo import DEMO_USER_ID, SAFETY_EXAMPLE

ROOT = Path(__file__).resolve().parents[1]


async def test_demo_pages_the_owner_about_a_burn(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    args = ["--port-base", "0", "--inject-every", "3600", "--data-dir", str(tmp_path / "data")]
    proc = subprocess.Popen(  # noqa: ASYNC220
        [sys.executable, "-m", "cli", "demo", *args, "--ready-file", str(ready)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        async with asyncio.timeout(120):
            while not (ready.exists() and ready.read_text().count("\n") >= 4):
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                await asyncio.sleep(0.3)
            tg_url, wb_url, _admin_url, seller = ready.read_text().split()
            async with httpx.AsyncClient(timeout=10) as http:
                injected = await http.post(
                    f"{wb_url}/_sandbox/sellers/{seller}/reviews", json={"text": SAFETY_EXAMPLE, "rating": 5}
                )
                injected.raise_for_status()
                while True:
                    messages = (await http.get(f"{tg_url}/_sandbox/chats/{DEMO_USER_ID}/messages")).json()
                    card = next((m for m in messages if SAFETY_EXAMPLE in (m["text"] or "")), None)
                    if card is not None:
                        break
                    await asyncio.sleep(0.3)
                answers = (await http.get(f"{wb_url}/_sandbox/answers", params={"seller_id": seller})).json()
        assert card["text"].startswith("🚨 вред здоровью, юридическая угроза")
        assert "🏷" in card["text"] and "срочно" in card["text"].lower()
        assert all(a["item_id"] != injected.json()["id"] for a in answers["answers"])
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert proc.returncode == 0, out[-3000:]
