"""Attack: post forged updates to the bot's webhook. A real `agentiq bot` process in webhook mode: without a
configured secret it generates one, registers it with the Bot API server and refuses (401) every update that does
not carry it — nothing is answered, nothing is stored. A secret shorter than 32 characters stops the process."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from cli.serving import free_port, serve_app
from core.models import AuditEvent, Seller
from sandbox.telegram.server import create_app as telegram_app
from tests.conftest import ENCRYPTION_KEY

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "7000000004:AAH-webhook-forgery-token"
VICTIM = 4401


def _env(database_url: str, data_dir: Path, tg: str, port: int, **extra: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")} | {
        "AGENTIQ_DATABASE_URL": database_url,
        "AGENTIQ_ENCRYPTION_KEYS": ENCRYPTION_KEY,
        "AGENTIQ_DATA_DIR": str(data_dir),
        "AGENTIQ_TELEGRAM__BOT_TOKEN": TOKEN,
        "AGENTIQ_TELEGRAM__API_BASE_URL": tg,
        "AGENTIQ_TELEGRAM__WEBHOOK_URL": f"http://127.0.0.1:{port}/webhook",
        **extra,
    }


def _forged(update_id: int, text: str) -> dict:
    user = {"id": VICTIM, "is_bot": False, "first_name": "Owner"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": {"id": VICTIM, "type": "private", "first_name": "Owner"},
            "from": user,
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


async def test_forged_updates_are_refused(database_url: str, tmp_path: Path, db: None) -> None:
    port = free_port()
    async with serve_app(telegram_app()) as tg, httpx.AsyncClient(base_url=tg, timeout=10) as http:
        await http.post("/_sandbox/bots", json={"token": TOKEN})
        # The victim has a chat with the bot, so a reply to a forged update could reach it.
        await http.post("/_sandbox/users", json={"id": VICTIM, "first_name": "Owner", "start": False})
        log = tmp_path / "bot.log"
        proc = subprocess.Popen(  # noqa: ASYNC220 - a real process, only waited on
            [sys.executable, "-m", "cli", "bot", "--port", str(port)],
            cwd=ROOT,
            env=_env(database_url, tmp_path, tg, port),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            async with asyncio.timeout(60):
                while (await http.get("/_sandbox/bots")).json()[0]["webhook_url"] is None:
                    assert proc.poll() is None, log.read_text()
                    await asyncio.sleep(0.2)
            hook = f"http://127.0.0.1:{port}/webhook"
            async with httpx.AsyncClient(timeout=10) as attacker:
                missing = await attacker.post(hook, json=_forged(1, "/start"))
                wrong = await attacker.post(
                    hook, json=_forged(2, "/inbox"), headers={"X-Telegram-Bot-Api-Secret-Token": "x" * 43}
                )
                assert [missing.status_code, wrong.status_code] == [401, 401]
                secret = (tmp_path / "webhook.secret").read_text().strip()
                assert len(secret) >= 32
                near = await attacker.post(
                    hook,
                    json=_forged(3, "/invite"),
                    headers={"X-Telegram-Bot-Api-Secret-Token": (secret[:-1] + "Ж").encode()},
                )
            assert near.status_code == 401
            # The genuine path still works: the Bot API server pushes with the secret it was given.
            await http.post("/_sandbox/users", json={"id": 4402, "first_name": "Ann", "start": True})
            async with asyncio.timeout(30):
                while not [m for m in (await http.get("/_sandbox/chats/4402/messages")).json() if m["from_bot"]]:
                    await asyncio.sleep(0.2)
            assert not [m for m in (await http.get(f"/_sandbox/chats/{VICTIM}/messages")).json() if m["from_bot"]]
            assert await Seller.all().count() == 0
            assert not await AuditEvent.filter(actor_tg_user_id=VICTIM).exists()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    assert proc.returncode == 0, log.read_text()


def test_short_secret_stops_the_process(database_url: str, tmp_path: Path) -> None:
    env = _env(database_url, tmp_path, "http://127.0.0.1:9", free_port(), AGENTIQ_TELEGRAM__WEBHOOK_SECRET="short1")
    done = subprocess.run(
        [sys.executable, "-m", "cli", "bot"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "AGENTIQ_TELEGRAM__WEBHOOK_SECRET" in done.stderr + done.stdout
