"""Webhook mode for real: `agentiq bot` with a webhook URL registers it with the Bot API server, which then pushes
updates to the bot's aiohttp endpoint (with the secret header); the bot answers /start with onboarding, and the
language button (a second update, handled in another task) asks for the token in that language."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from cli.serving import free_port, serve_app
from core.models import SellerMember
from sandbox.telegram.server import create_app as telegram_app
from tests.conftest import ENCRYPTION_KEY

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "7000000003:AAH-webhook-test-token"


async def test_bot_in_webhook_mode_answers_start(db: None, database_url: str, tmp_path: Path) -> None:
    port = free_port()
    async with serve_app(telegram_app()) as tg, httpx.AsyncClient(base_url=tg, timeout=10) as http:
        await http.post("/_sandbox/bots", json={"token": TOKEN})
        env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")} | {
            "AGENTIQ_DATABASE_URL": database_url,
            "AGENTIQ_ENCRYPTION_KEYS": ENCRYPTION_KEY,
            "AGENTIQ_DATA_DIR": str(tmp_path),
            "AGENTIQ_TELEGRAM__BOT_TOKEN": TOKEN,
            "AGENTIQ_TELEGRAM__API_BASE_URL": tg,
            "AGENTIQ_TELEGRAM__WEBHOOK_URL": f"http://127.0.0.1:{port}/webhook",
            "AGENTIQ_TELEGRAM__WEBHOOK_SECRET": "webhook-secret-" + "1" * 32,
        }
        log = tmp_path / "bot.log"
        proc = subprocess.Popen(  # noqa: ASYNC220 - a real process, only waited on
            [sys.executable, "-m", "cli", "bot", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            async with asyncio.timeout(60):
                while (await http.get("/_sandbox/bots")).json()[0]["webhook_url"] is None:
                    assert proc.poll() is None, log.read_text()
                    await asyncio.sleep(0.2)
            await http.post("/_sandbox/users", json={"id": 3001, "first_name": "Ann", "start": True})
            async with asyncio.timeout(30):
                while not [m for m in (await http.get("/_sandbox/chats/3001/messages")).json() if m["from_bot"]]:
                    await asyncio.sleep(0.2)
            stats = (await http.get("/_sandbox/stats")).json()
            assert stats["webhook_deliveries"] >= 1 and stats["webhook_errors"] == 0
            (answer,) = [m for m in (await http.get("/_sandbox/chats/3001/messages")).json() if m["from_bot"]]
            assert answer["buttons"], "onboarding starts with the language choice"
            english = next(b for row in answer["buttons"] for b in row if b.get("callback_data") == "l:en")
            press = {"message_id": answer["message_id"], "data": english["callback_data"]}
            await http.post("/_sandbox/chats/3001/press", json=press)
            async with asyncio.timeout(30):
                while not any(
                    "WB API token" in m["text"]
                    for m in (await http.get("/_sandbox/chats/3001/messages")).json()
                    if m["from_bot"]
                ):
                    assert proc.poll() is None, log.read_text()
                    await asyncio.sleep(0.2)
            # The choice is answered in English and stores nothing: only an accepted token makes a seller.
            assert not await SellerMember.filter(tg_user_id=3001).exists()
        finally:
            proc.send_signal(signal.SIGTERM)
            # Waited for off the event loop: the sandbox (served by this loop) must keep answering the handler
            # the bot finishes before it exits (the update is answered only after its handler).
            await asyncio.to_thread(proc.wait, 30)
    assert proc.returncode == 0, log.read_text()
