"""`agentiq demo` as a person runs it: a subprocess that comes up, takes one review from WB through the Telegram
sandbox to a published answer, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from playwright.async_api import Browser

from tests.demo_onboarding import onboard

ROOT = Path(__file__).resolve().parents[1]
REVIEW_TEXT = "Очень понравилась кофта, тёплая и мягкая, размер подошёл идеально"
SELLER_CHAT = 1001


async def _wait_for(probe):  # type: ignore[no-untyped-def]
    """Poll `probe` (an HTTP read of the sandboxes: nothing to subscribe to) until it returns something."""
    async with asyncio.timeout(90):
        while (found := await probe()) is None:
            await asyncio.sleep(0.3)
        return found


def _button(message: dict, prefix: str) -> dict | None:
    return next(
        (b for row in message["buttons"] for b in row if (b.get("callback_data") or "").startswith(prefix)), None
    )


async def test_demo_publishes_a_review_answer_and_stops_cleanly(
    tmp_path: Path, browser: Browser, screenshots: Path
) -> None:
    ready = tmp_path / "ready"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    args = ["--port-base", "0", "--inject-every", "3600", "--data-dir", str(tmp_path / "data")]
    # A real process, started and signalled like a person does it; the test only waits on it.
    proc = subprocess.Popen(  # noqa: ASYNC220
        [sys.executable, "-m", "cli", "demo", *args, "--ready-file", str(ready)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:

        async def is_ready() -> bool | None:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            return True if ready.exists() and ready.read_text().count("\n") >= 4 else None

        await _wait_for(is_ready)
        tg_url, wb_url, admin_url, seller = ready.read_text().split()
        async with httpx.AsyncClient(timeout=10) as http:
            # A fresh data dir: the first visit shows onboarding (language, the sandbox token's button, shop name).
            await onboard(http, tg_url)
            assert (await http.get(f"{admin_url}/healthz")).status_code == 200
            await http.patch(f"{wb_url}/_sandbox/config", json={"moderation_rate": 0})
            review = (
                await http.post(f"{wb_url}/_sandbox/sellers/{seller}/reviews", json={"text": REVIEW_TEXT, "rating": 5})
            ).json()

            async def card() -> dict | None:
                messages = (await http.get(f"{tg_url}/_sandbox/chats/{SELLER_CHAT}/messages")).json()
                # Auto-draft is on by default: the card arrives with its template draft and an Approve button.
                return next((m for m in messages if REVIEW_TEXT in (m["text"] or "") and _button(m, "c:a:")), None)

            found = await _wait_for(card)
            page = await browser.new_page(viewport={"width": 720, "height": 900})
            await page.goto(f"{tg_url}/chat/{SELLER_CHAT}")
            await page.wait_for_selector(f"text={REVIEW_TEXT[:30]}")
            # The chat page re-renders as messages arrive (an element handle may detach): scroll the window instead.
            await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            await page.screenshot(path=str(screenshots / "telegram_card.png"))
            press = f"{tg_url}/_sandbox/chats/{SELLER_CHAT}/press"
            assert "шаблон" in found["text"]  # the card says which drafter wrote it: templates by default
            await http.post(
                press, json={"message_id": found["message_id"], "data": _button(found, "c:g:")["callback_data"]}
            )

            async def drafted() -> dict | None:
                messages = (await http.get(f"{tg_url}/_sandbox/chats/{SELLER_CHAT}/messages")).json()
                current = next(m for m in messages if m["message_id"] == found["message_id"])
                return current if _button(current, "c:a:") and current["text"] != found["text"] else None

            draft = await _wait_for(drafted)
            approve = _button(draft, "c:a:")["callback_data"]
            await http.post(press, json={"message_id": found["message_id"], "data": approve})

            async def published() -> dict | None:
                answers = (await http.get(f"{wb_url}/_sandbox/answers", params={"seller_id": seller})).json()
                return next(
                    (a for a in answers["answers"] if a["item_id"] == review["id"] and a["state"] == "wbRu"), None
                )

            answer = await _wait_for(published)
            # The reply speaks to what the buyer praised (quality or fit: praise is echoed once, issue 25's composer),
            # not a canned "thank you for the message".
            assert re.search("качеств|размер|посадк", answer["answer"]), answer["answer"]
            assert answer["answer_calls"] == 1
            assert len(answer["answer"]) >= 2
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
            raise AssertionError(f"demo did not stop on Ctrl-C:\n{out[-3000:]}") from None
    assert proc.returncode == 0, out[-3000:]
    # The four addresses the README's quick start promises: seller's chat, ops channel, admin, WB's answers.
    addresses = [line for line in out.splitlines() if re.match(r"\s+[^:]+:\s+https?://", line)]
    assert len(addresses) == 4 and "prints four addresses" in (ROOT / "README.md").read_text(), addresses
    assert "Traceback" not in out, out[-3000:]
    # Ctrl-C is quiet: polling stops before the Telegram sandbox does, nothing is logged as an error.
    assert "Failed to fetch updates" not in out and "[error" not in out, out[-3000:]
