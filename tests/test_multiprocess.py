"""The scaled-out shape for real: `agentiq scheduler`, two `agentiq worker`s and `agentiq bot` as separate processes
on PostgreSQL + Redis streams process a burst of new WB items — every item stored once and carded once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest

from cli.serving import serve_app
from core.members import start_seller
from core.models import Card, Channel, DeliveryState, Interaction
from core.settings import Settings
from core.tokens import TokenCheck, set_token
from sandbox.telegram.server import create_app as telegram_app
from sandbox.wb.server import create_app as wb_app
from tests.conftest import ENCRYPTION_KEY

ROOT = Path(__file__).resolve().parents[1]
BOT_TOKEN = "7000000002:AAH-multiprocess-test-token"
SELLER_CHAT = 2001
BURST = {"reviews": 12, "questions": 6, "chat-messages": 4}


def _spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    # Real processes, as an operator starts them; the test only polls their effects.
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *command], cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


async def _until(probe, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Poll `probe` (database counts: nothing to subscribe to); on timeout fail with the processes' logs."""
    try:
        async with asyncio.timeout(120):
            while not await probe():
                await asyncio.sleep(0.5)
    except TimeoutError:
        raise AssertionError(f"timed out\n{_logs(folder)}") from None


async def test_scheduler_two_workers_and_bot_process_a_burst_once(
    db: None, settings: Settings, database_url: str, redis_url: str, redis_client: object, tmp_path: Path
) -> None:
    async with (
        serve_app(wb_app(seed=7, sellers=0, moderation_rate=0)) as wb_url,
        serve_app(telegram_app()) as tg_url,
        httpx.AsyncClient(timeout=10) as http,
    ):
        cabinet = (
            await http.post(f"{wb_url}/_sandbox/sellers", json={"reviews": 0, "questions": 0, "chats": 0})
        ).json()
        await http.post(f"{tg_url}/_sandbox/bots", json={"token": BOT_TOKEN})
        await http.post(f"{tg_url}/_sandbox/users", json={"id": SELLER_CHAT, "first_name": "S", "start": True})
        member = await start_seller(tg_user_id=SELLER_CHAT, tg_chat_id=SELLER_CHAT, name="S", language="en")
        check = TokenCheck(channels=frozenset(Channel), expires_at=None)
        await set_token(seller_id=member.seller_id, token=cabinet["token"], check=check, settings=settings)

        env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")} | {
            "AGENTIQ_DATABASE_URL": database_url,
            "AGENTIQ_REDIS_URL": redis_url,
            "AGENTIQ_ENCRYPTION_KEYS": ENCRYPTION_KEY,
            "AGENTIQ_DATA_DIR": str(tmp_path),
            "AGENTIQ_SYNC__QUEUE_NAME": f"aq-test-{uuid.uuid4().hex[:8]}",
            "AGENTIQ_SYNC__TICK_S": "1",
            "AGENTIQ_SYNC__REVIEW_INTERVAL_S": "1",
            "AGENTIQ_SYNC__QUESTION_INTERVAL_S": "1",
            "AGENTIQ_SYNC__CHAT_INTERVAL_S": "1",
            "AGENTIQ_WB__FEEDBACKS_BASE_URL": wb_url,
            "AGENTIQ_WB__CHAT_BASE_URL": wb_url,
            "AGENTIQ_WB__RETURNS_BASE_URL": wb_url,
            "AGENTIQ_TELEGRAM__BOT_TOKEN": BOT_TOKEN,
            "AGENTIQ_TELEGRAM__API_BASE_URL": tg_url,
        }
        procs = [
            _spawn(["worker"], env, tmp_path / "worker1.log"),
            _spawn(["worker"], env, tmp_path / "worker2.log"),
            _spawn(["bot"], env, tmp_path / "bot.log"),
            _spawn(["scheduler"], env, tmp_path / "scheduler.log"),
        ]
        try:
            for kind, count in BURST.items():
                for _ in range(count):
                    response = await http.post(f"{wb_url}/_sandbox/sellers/{cabinet['seller_id']}/{kind}", json={})
                    assert response.status_code == 201, response.text
            expected = sum(BURST.values())

            async def all_carded() -> bool:
                assert all(p.poll() is None for p in procs), _logs(tmp_path)
                sent = await Card.filter(state=DeliveryState.SENT).count()
                return await Interaction.all().count() == expected and sent == expected

            await _until(all_carded, tmp_path)
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    pytest.fail(f"a process ignored SIGTERM\n{_logs(tmp_path)}")

        by_channel = Counter(i.channel for i in await Interaction.all())
        assert by_channel == {Channel.REVIEW: 12, Channel.QUESTION: 6, Channel.CHAT: 4}
        assert await Card.all().count() == expected
        messages = (await http.get(f"{tg_url}/_sandbox/chats/{SELLER_CHAT}/messages")).json()
        card_ids = [m["message_id"] for m in messages if m["from_bot"] and m["buttons"]]
        assert len(card_ids) == expected == len(set(card_ids))
        assert sorted(c.tg_message_id for c in await Card.all()) == sorted(card_ids)


def _logs(folder: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-2000:]}" for p in sorted(folder.glob("*.log")))
