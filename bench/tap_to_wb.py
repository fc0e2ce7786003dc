"""Tap to WB: the time from a seller's Approve tap (the draft's Send) on a card in Telegram to WB receiving the answer
POST, with AgentIQ running as an operator starts it.

    .venv/bin/python bench/tap_to_wb.py [--taps 20] [--gap 1.0] [--shape embedded|workers] [--redis URL]

`embedded`: `agentiq run` (bot polling, scheduler and every task on the in-process broker, one process).
`workers`: `agentiq bot` + `agentiq worker` + `agentiq scheduler` on Redis streams (`--redis`, DB of your choice).
The WB sandbox (WB's real limits on) and the Telegram sandbox are served by this process; a throwaway PostgreSQL
database. The bench makes one seller, posts `--taps` reviews to its cabinet, waits until the running processes have
synced them and sent each card with its draft, then presses Approve on the cards one after another, `--gap` seconds
apart, through the Telegram sandbox. Latency = the sandbox's time of the answer POST (its item history) minus the
time just before the press. Prints p50/p95/max and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from cryptography.fernet import Fernet
from ingest import PG, _admin  # bench/ is on sys.path when run as a script

from cli.serving import free_port, serve_app
from core import db as core_db
from core.members import start_seller
from core.models import Channel
from core.settings import load_settings
from core.tokens import TokenCheck, set_token
from sandbox.telegram.server import create_app as telegram_app
from sandbox.wb.server import create_app as wb_app

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "7000000032:AAH-tap-to-wb-bench-token"
CHAT = 3201
# Distinct happy reviews: one seller's answers may not repeat each other (the repetition guard).
TEXTS = [
    f"{thing}, {praise}"
    for thing in ("Отличная кофта", "Супер платье", "Классные кроссовки", "Хорошая сумка", "Прекрасный чайник")
    for praise in ("всё понравилось", "рекомендую", "очень довольна", "спасибо продавцу", "буду заказывать ещё")
]
COMMANDS = {"embedded": [["run"]], "workers": [["bot"], ["worker"], ["scheduler"]]}


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _spawn(cmd: list[str], env: dict[str, str], logs: Path) -> subprocess.Popen[bytes]:
    """`agentiq <cmd>` as an operator starts it, its output in the logs folder."""
    log = (logs / f"{cmd[0]}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *cmd], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


async def _until(check, procs: list[subprocess.Popen[bytes]], logs: Path, within: float) -> None:  # type: ignore[no-untyped-def]
    async with asyncio.timeout(within):
        while not await check():
            for proc in procs:
                if proc.poll() is not None:
                    raise SystemExit(f"a process exited; logs in {logs}")
            await asyncio.sleep(0.2)


async def _bench(db_url: str, taps: int, gap: float, shape: str, redis_url: str | None, logs: Path) -> None:
    key = Fernet.generate_key().decode()
    settings = load_settings(database_url=db_url, encryption_keys=key, data_dir=str(logs))
    await core_db.upgrade(settings)
    handle = await core_db.open_database(settings)
    async with (
        serve_app(wb_app(seed=11, sellers=0, moderation_rate=0.0)) as wb_url,
        serve_app(telegram_app(bot_tokens=[TOKEN], private_burst=100)) as tg_url,
        httpx.AsyncClient(base_url=wb_url, timeout=30) as wb,
        httpx.AsyncClient(base_url=tg_url, timeout=30) as tg,
    ):
        cabinet = (await wb.post("/_sandbox/sellers", json={"reviews": 0, "questions": 0, "chats": 0})).json()
        num = cabinet["seller_id"]
        await tg.post("/_sandbox/users", json={"id": CHAT, "first_name": "O", "language_code": "en", "start": True})
        member = await start_seller(tg_user_id=CHAT, tg_chat_id=CHAT, name="Shop", language="en")
        check = TokenCheck(channels=frozenset(Channel), expires_at=None)
        await set_token(seller_id=member.seller_id, token=cabinet["token"], check=check, settings=settings)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")} | {
            "AGENTIQ_DATABASE_URL": db_url,
            "AGENTIQ_ENCRYPTION_KEYS": key,
            "AGENTIQ_DATA_DIR": str(logs),
            "AGENTIQ_DEFAULT_LANGUAGE": "en",
            "AGENTIQ_ADMIN__PORT": str(free_port()),
            "AGENTIQ_TELEGRAM__BOT_TOKEN": TOKEN,
            "AGENTIQ_TELEGRAM__API_BASE_URL": tg_url,
            "AGENTIQ_TELEGRAM__PER_CHAT_RATE": "100/second",
            "AGENTIQ_WB__FEEDBACKS_BASE_URL": wb_url,
            "AGENTIQ_WB__CHAT_BASE_URL": wb_url,
            "AGENTIQ_WB__RETURNS_BASE_URL": wb_url,
        }
        if shape == "workers":
            env |= {"AGENTIQ_REDIS_URL": redis_url or "", "AGENTIQ_SYNC__QUEUE_NAME": f"tap-{uuid.uuid4().hex[:8]}"}
        procs = [_spawn(cmd, env, logs) for cmd in COMMANDS[shape]]
        try:
            for text in TEXTS[:taps]:
                await wb.post(f"/_sandbox/sellers/{num}/reviews", json={"text": text, "rating": 5})

            async def approvable() -> list[dict]:
                messages = (await tg.get(f"/_sandbox/chats/{CHAT}/messages")).json()
                return [
                    (m, b)
                    for m in messages
                    if m["from_bot"]
                    for row in m["buttons"] or []
                    for b in row
                    if (b.get("callback_data") or "").startswith("c:a:")
                ]

            async def all_carded() -> bool:
                return len(await approvable()) >= taps

            started = time.monotonic()
            await _until(all_carded, procs, logs, within=300)
            print(f"{shape}: {taps} cards with drafts after {time.monotonic() - started:.0f} s; {_load()}")
            pressed: dict[int, float] = {}
            for card, button in await approvable():
                pressed[card["message_id"]] = time.time()
                body = {"message_id": card["message_id"], "data": button["callback_data"]}
                (await tg.post(f"/_sandbox/chats/{CHAT}/press", json=body)).raise_for_status()
                await asyncio.sleep(gap)

            async def answered() -> list[dict]:
                rows = (await wb.get("/_sandbox/answers", params={"seller_id": num})).json()["answers"]
                return [r for r in rows if r["answer_calls"]]

            async def all_answered() -> bool:
                return len(await answered()) >= taps

            await _until(all_answered, procs, logs, within=120)
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        # Each card quotes its review: match the answer to the press by the review's text.
        messages = {m["message_id"]: m["text"] for m in (await tg.get(f"/_sandbox/chats/{CHAT}/messages")).json()}
        latencies = []
        for row in await answered():
            posted = min(h["at"] for h in row["history"] if h["event"] == "answer")
            (message_id,) = [i for i, text in messages.items() if i in pressed and row["buyer_text"] in text]
            latencies.append(posted - pressed[message_id])
    await handle.close()
    print(
        f"{shape}: tap → WB POST over {len(latencies)} taps {gap:g} s apart: p50 {statistics.median(latencies):.2f} s,"
        f" p95 {_nearest_rank(latencies, 0.95):.2f} s, max {max(latencies):.2f} s; {_load()}"
    )


def main() -> None:
    """Create a throwaway database, run the shape, drop the database."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--taps", type=int, default=20)
    parser.add_argument("--gap", type=float, default=1.0, help="seconds between two taps")
    parser.add_argument("--shape", choices=sorted(COMMANDS), default="embedded")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="Redis for --shape workers")
    args = parser.parse_args()
    if args.taps > len(TEXTS):
        parser.error(f"at most {len(TEXTS)} taps")
    name = f"agentiq_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        logs = Path(tempfile.mkdtemp(prefix="agentiq-tap-"))  # kept: the processes' logs
        asyncio.run(_bench(f"{PG}/{name}", args.taps, args.gap, args.shape, args.redis, logs))
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
