"""Attack (or accident): a second bot on the same token takes the webhook. On start the bot reads the current
webhook (getWebhookInfo on the Telegram sandbox): held by another address, it refuses to start unless told to take
it over; and updates refused for a wrong secret are logged, once a minute at most, with their count."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from cli.serving import free_port, serve_app
from sandbox.telegram.server import create_app as telegram_app
from tests.security.test_forged_webhook import ROOT, TOKEN, _env, _forged

OTHER = "http://other-bot.example:8443/webhook"


async def _webhook_url(http: httpx.AsyncClient) -> str:
    return (await http.post(f"/bot{TOKEN}/getWebhookInfo")).json()["result"]["url"]


async def test_a_webhook_held_elsewhere_stops_the_bot_unless_taken_over(
    database_url: str, tmp_path: Path, db: None
) -> None:
    port = free_port()
    ours = f"http://127.0.0.1:{port}/webhook"
    async with serve_app(telegram_app()) as tg, httpx.AsyncClient(base_url=tg, timeout=10) as http:
        await http.post("/_sandbox/bots", json={"token": TOKEN})
        assert (await http.post(f"/bot{TOKEN}/setWebhook", json={"url": OTHER})).json()["ok"]

        refused = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "cli", "bot", "--port", str(port)], cwd=ROOT,
            env=_env(database_url, tmp_path, tg, port), capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert refused.returncode != 0
        assert OTHER in refused.stderr and "AGENTIQ_TELEGRAM__WEBHOOK_TAKEOVER" in refused.stderr, refused.stderr
        assert await _webhook_url(http) == OTHER  # left alone

        log = tmp_path / "bot.log"
        env = _env(database_url, tmp_path, tg, port, AGENTIQ_TELEGRAM__WEBHOOK_TAKEOVER="true")
        proc = subprocess.Popen(  # noqa: ASYNC220 - a real process, only waited on
            [sys.executable, "-m", "cli", "bot", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            async with asyncio.timeout(60):
                while await _webhook_url(http) != ours:
                    assert proc.poll() is None, log.read_text()
                    await asyncio.sleep(0.2)
            assert "webhook.taken_over" in log.read_text()
            # Another bot's updates (its own secret) posted to our address: all refused, logged once with a count.
            async with httpx.AsyncClient(timeout=10) as other:
                for n in range(30):
                    answer = await other.post(
                        ours, json=_forged(100 + n, "/start"), headers={"X-Telegram-Bot-Api-Secret-Token": "y" * 40}
                    )
                    assert answer.status_code == 401
            async with asyncio.timeout(10):
                while "webhook.refused" not in log.read_text():
                    await asyncio.sleep(0.1)
            await asyncio.sleep(0.5)
            lines = [line for line in log.read_text().splitlines() if "webhook.refused" in line]
            assert len(lines) == 1 and "wrong secret" in lines[0], lines
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.to_thread(proc.wait, 30)
    assert proc.returncode == 0, log.read_text()


async def test_our_own_webhook_is_not_a_takeover(database_url: str, tmp_path: Path, db: None) -> None:
    """A restart finds its own address registered: it starts as before."""
    port = free_port()
    ours = f"http://127.0.0.1:{port}/webhook"
    async with serve_app(telegram_app()) as tg, httpx.AsyncClient(base_url=tg, timeout=10) as http:
        await http.post("/_sandbox/bots", json={"token": TOKEN})
        await http.post(f"/bot{TOKEN}/setWebhook", json={"url": ours})
        log = tmp_path / "bot.log"
        proc = subprocess.Popen(  # noqa: ASYNC220 - a real process, only waited on
            [sys.executable, "-m", "cli", "bot", "--port", str(port)],
            cwd=ROOT, env=_env(database_url, tmp_path, tg, port), stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            async with asyncio.timeout(60):
                while "bot.start" not in log.read_text() or not (await http.get("/_sandbox/bots")).json()[0].get(
                    "webhook_url"
                ):
                    assert proc.poll() is None, log.read_text()
                    await asyncio.sleep(0.2)
            await asyncio.sleep(1.0)
            assert proc.poll() is None, log.read_text()
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.to_thread(proc.wait, 30)
    assert proc.returncode == 0, log.read_text()
