"""The fault matrix with real processes: `agentiq worker` (two taskiq worker processes) and `agentiq scheduler` on
PostgreSQL + Redis streams send 24 approved replies into a scripted WB sandbox whose first send of each is held
(WB applied it or not, its answer never comes); while those sends are in flight every worker process is killed
with SIGKILL, and again while the takeovers read WB back. taskiq restarts the workers; the sweep takes the
replies over. Invariant per reply: WB holds it at most once, and it ends sent, or failed/unknown with a reason.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.items.stage import UNSURE_AFTER
from core.models import Reply, ReplyStatus, Seller
from core.settings import Settings, load_settings
from sandbox.wb.faults import OUTCOMES
from sync.broker import get_broker
from tests.conftest import ENCRYPTION_KEY
from tests.faults.matrix import TEXTS, Tally, approve, check, make_item
from tests.sync.wbenv import connect, wb_sandbox

ROOT = Path(__file__).resolve().parents[2]
PER_CHANNEL = 8
SEED = int(os.environ.get("AGENTIQ_FAULT_SEED") or random.SystemRandom().randrange(10**9))
HELD = ("timeout_after", "timeout_before")
WB_TIMEOUT_S = 3
BATCH = 6


def _children(pid: int) -> list[int]:
    """The worker processes taskiq's process manager runs (Linux /proc)."""
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *command], cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def _logs(folder: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted(folder.glob("*.log")))


async def _kill_workers(manager: subprocess.Popen[bytes]) -> int:
    """SIGKILL every worker process now; returns how many died. taskiq's manager starts new ones."""
    pids = _children(manager.pid)
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    return len(pids)


async def _wait_workers(manager: subprocess.Popen[bytes], count: int, folder: Path) -> None:
    async with asyncio.timeout(60):
        while len(_children(manager.pid)) < count:
            assert manager.poll() is None, _logs(folder)
            await asyncio.sleep(0.1)


@pytest.mark.slow
async def test_real_workers_killed_mid_send_never_post_twice(
    db: None,
    settings: Settings,
    database_url: str,
    redis_url: str,
    redis_client: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rng = random.Random(SEED)
    queue = f"aq-kill9-{uuid.uuid4().hex[:8]}"
    async with wb_sandbox(limits=False, moderation_rate=0.0, fault_hold_s=WB_TIMEOUT_S + 2, slow_s=0.2) as wb:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")} | {
            "AGENTIQ_DATABASE_URL": database_url,
            "AGENTIQ_REDIS_URL": redis_url,
            "AGENTIQ_ENCRYPTION_KEYS": ENCRYPTION_KEY,
            "AGENTIQ_DATA_DIR": str(tmp_path),
            "AGENTIQ_SYNC__QUEUE_NAME": queue,
            "AGENTIQ_SYNC__TICK_S": "0.5",
            "AGENTIQ_SYNC__REPLY_RETRY_S": "0.5",
            # Bounded tasks, so a killed worker's unacknowledged task is redelivered within the test too.
            "AGENTIQ_SYNC__RUN_BUDGET_S": "5",
            "AGENTIQ_SYNC__TASK_TIMEOUT_S": "15",
            "AGENTIQ_SYNC__TASK_IDLE_TIMEOUT_MS": "20000",
            "AGENTIQ_WB__FEEDBACKS_BASE_URL": wb.url,
            "AGENTIQ_WB__CHAT_BASE_URL": wb.url,
            "AGENTIQ_WB__TIMEOUT": str(WB_TIMEOUT_S),
            "AGENTIQ_WB__MAX_RETRIES": "0",
        }
        client = load_settings(database_url=database_url, redis_url=redis_url, sync={"queue_name": queue})
        broker = get_broker(client)
        await broker.startup()
        manager = _spawn(["worker", "--workers", "2", "--tasks", "sync"], env, tmp_path / "worker.log")
        scheduler = _spawn(["scheduler"], env, tmp_path / "scheduler.log")
        tally = Tally()
        try:
            await _wait_workers(manager, 2, tmp_path)
            schedules = []
            for channel in TEXTS:  # the text channels (returns: tests/sync/test_returns.py)
                for _ in range(PER_CHANNEL):
                    cabinet = await wb.new_seller(reviews=0, questions=0, chats=0)
                    seller = await connect(settings, cabinet["token"])
                    # No sync runs for these sellers (their reads are scripted for the outbox's read-backs).
                    await Seller.filter(id=seller.id).update(token_scopes=["outbox-only"])
                    item = await make_item(wb, seller, cabinet["seller_id"], channel)
                    send = [rng.choice(HELD), *(rng.choice(OUTCOMES) for _ in range(rng.randint(0, 2)))]
                    read = [rng.choice(OUTCOMES) for _ in range(rng.randint(0, 3))]
                    await wb.control("PUT", f"/sellers/{cabinet['seller_id']}/script", send=send, read=read)
                    schedules.append((cabinet["seller_id"], item))
                    tally.schedules[channel.value] += 1
            # Approved in batches: each batch's first sends are held by WB while every worker process is killed.
            ids: list[int] = []
            killed: set[int] = set()
            last_kill = datetime.now(UTC)
            loop = asyncio.get_running_loop()
            batches = [schedules[i : i + BATCH] for i in range(0, len(schedules), BATCH)]
            for batch in [*batches, []]:  # the last round: during the takeovers (if one is out at the time)
                batch_ids = [(await approve(item, broker, settings)).id for _, item in batch]
                ids += batch_ids
                watched = batch_ids or ids
                give_up, first_out = loop.time() + (60 if batch else 30), None
                while loop.time() < give_up:
                    flying = await _in_flight(watched, last_kill)
                    first_out = first_out or (loop.time() if flying else None)
                    if len(flying) == len(watched) or (first_out and loop.time() - first_out > 1.5):
                        break
                    await asyncio.sleep(0.05)
                flying = await _in_flight(watched, last_kill)
                if flying and await _kill_workers(manager):
                    last_kill = datetime.now(UTC)
                    killed |= flying
                    tally.crashes["kill -9 " + ("mid-send" if batch else "mid-takeover")] += len(flying)
                await _wait_workers(manager, 2, tmp_path)

            # Every script is finite: each reply settles once its scripted faults are spent.
            loop = asyncio.get_running_loop()
            give_up = loop.time() + 150
            ended = [ReplyStatus.SENT, ReplyStatus.FAILED]
            while await Reply.filter(id__in=ids).exclude(status__in=ended).exists() and loop.time() < give_up:
                assert manager.poll() is None and scheduler.poll() is None, _logs(tmp_path)
                await asyncio.sleep(0.25)
        except BaseException:
            print(_logs(tmp_path))
            raise
        finally:
            for proc in (manager, scheduler):
                proc.send_signal(signal.SIGTERM)
            for proc in (manager, scheduler):
                try:
                    proc.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    proc.kill()
            await broker.shutdown()

        for num, _ in schedules:
            for call in (await wb.control("GET", f"/sellers/{num}/script"))["calls"]:
                tally.outcomes[f"{call['kind']}:{call['outcome']}"] += 1
        later = datetime.now(UTC) + UNSURE_AFTER
        problems = [
            p
            for (num, item), rid in zip(schedules, ids, strict=True)
            if (p := await check(wb, num, item, rid, later, tally))
        ]
    with capsys.disabled():  # the size and the seed show in every CI log, passing or not
        print(f"\nfault matrix (kill -9 of real workers), seed {SEED}\n{tally.summary()}")
        print(f"replies whose sending worker was killed mid-send: {len(killed)} of {len(ids)}")
    assert not problems, f"seed {SEED}:\n" + "\n".join(problems) + _logs(tmp_path)
    assert len(killed) >= 20, f"only {len(killed)} replies were in flight at a kill\n{_logs(tmp_path)}"


async def _in_flight(ids: list[int], since: datetime) -> set[int]:
    """Replies a live worker is sending right now: claimed after the last kill and within the WB timeout (the POST
    or the read-back is out)."""
    recent = max(since, datetime.now(UTC) - timedelta(seconds=WB_TIMEOUT_S - 0.5))
    rows = Reply.filter(id__in=ids, status=ReplyStatus.SENDING, sending_at__gt=recent)
    return set(await rows.values_list("id", flat=True))
