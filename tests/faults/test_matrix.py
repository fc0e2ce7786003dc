"""The fault matrix, fast in-process path: 300 seeded schedules per channel of scripted WB faults (timeouts, 5xx
and resets before or after WB applied the call, 429, 200 with a non-JSON body, slow answers) on the sends and on
the read-backs, each combined with a crash of the sending worker at a step boundary (after the claim, after the
read-back, after the POST, inside the commit). The real outbox runs against the WB sandbox over HTTP and
PostgreSQL; a simulated clock makes every retry and read-back due at once.

Reproduce a failure with `AGENTIQ_FAULT_SEED=<printed seed>`; `AGENTIQ_FAULT_SCHEDULES` changes the size.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
from datetime import UTC, datetime, timedelta

import pytest

from core.items.stage import UNSURE_AFTER
from core.models import Reply, ReplyStatus
from core.settings import Settings
from sync import outbox
from sync.context import SyncContext
from tests.faults.matrix import TEXTS, Schedule, Tally, WorkerKilled, approve, check, make_item
from tests.sync.wbenv import WB, connect, sync_context, sync_settings, wb_sandbox

SCHEDULES = int(os.environ.get("AGENTIQ_FAULT_SCHEDULES", "300"))
SEED = int(os.environ.get("AGENTIQ_FAULT_SEED") or random.SystemRandom().randrange(10**9))
CONCURRENCY = 50
MAX_RUNS = 16
# Every retry, takeover and read-back is due after this much simulated time.
TICK = timedelta(minutes=16)


def matrix_settings(settings: Settings, url: str) -> Settings:
    """A client that gives up after 0.2 s (the sandbox holds a "timeout" for 0.4 s), no transport retries."""
    s = sync_settings(settings, url)
    return s.model_copy(update={"wb": s.wb.model_copy(update={"timeout": 0.2, "max_retries": 0})})


async def run_schedule(wb: WB, settings: Settings, ctx: SyncContext, schedule: Schedule, tally: Tally) -> str | None:
    """Approve one reply, play its schedule to the end and check the invariant; returns what went wrong."""
    cabinet = await wb.new_seller(reviews=0, questions=0, chats=0)
    num = cabinet["seller_id"]
    seller = await connect(settings, cabinet["token"], name=f"matrix {schedule.channel} {schedule.index}")
    item = await make_item(wb, seller, num, schedule.channel)
    reply = await approve(item, ctx.broker, settings)
    await wb.control("PUT", f"/sellers/{num}/script", **schedule.script())
    now = datetime.now(UTC)
    for run in range(MAX_RUNS):

        async def checkpoint(step: str, run: int = run) -> None:
            if step == schedule.crash_at and run == schedule.crash_run:
                tally.crashes[step] += 1
                raise WorkerKilled(step)

        with contextlib.suppress(WorkerKilled):  # the task is redelivered (or swept) later
            await outbox.send_reply(ctx, reply.id, now=now, checkpoint=checkpoint)
        if run in schedule.redelivered:
            # A redelivered copy of the same task right away finds nothing to do or does the next step safely.
            await outbox.send_reply(ctx, reply.id, now=now)
        if (await Reply.get(id=reply.id)).status in (ReplyStatus.SENT, ReplyStatus.FAILED):
            break
        now += TICK
    for call in (await wb.control("GET", f"/sellers/{num}/script"))["calls"]:
        tally.outcomes[f"{call['kind']}:{call['outcome']}"] += 1
    problem = await check(wb, num, item, reply.id, now + UNSURE_AFTER, tally)
    return f"{schedule}: {problem}" if problem else None


async def test_fault_matrix_in_process(db, settings, redis_client, capsys: pytest.CaptureFixture[str]) -> None:
    tally = Tally()
    problems: list[str] = []
    async with wb_sandbox(limits=False, moderation_rate=0.0, fault_hold_s=0.4, slow_s=0.05) as wb:
        s = matrix_settings(settings, wb.url)
        async with sync_context(s, limits=False) as (ctx, _):
            schedules = [Schedule.draw(SEED, channel, i) for channel in TEXTS for i in range(SCHEDULES)]
            gate = asyncio.Semaphore(CONCURRENCY)

            async def one(schedule: Schedule) -> None:
                async with gate:
                    tally.schedules[schedule.channel.value] += 1
                    if problem := await run_schedule(wb, s, ctx, schedule, tally):
                        problems.append(problem)

            await asyncio.gather(*(one(schedule) for schedule in schedules))
    with capsys.disabled():  # the size and the seed show in every CI log, passing or not
        print(f"\nfault matrix (in-process), seed {SEED} (AGENTIQ_FAULT_SEED={SEED} reproduces it)\n{tally.summary()}")
    assert not problems, f"seed {SEED}: {len(problems)} schedules broke the invariant:\n" + "\n".join(problems[:20])
    assert tally.duplicates == 0 and tally.lost == 0
    assert sum(tally.schedules.values()) == 3 * SCHEDULES
