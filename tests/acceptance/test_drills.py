"""The faults that lost what the seller should see (issue 26), each drilled against real processes: `agentiq bot`,
`agentiq scheduler` and `agentiq worker` (two children) on the run's own PostgreSQL and Redis, with the WB,
Telegram and LLM sandboxes as processes (tests/acceptance/drill.py). Four sellers are onboarded through the bot
once; each drill posts its own buyer items, presses Approve on cards, injects its fault, and then asserts from the
seller's side: every item exactly one card, every tap its effect exactly once (one answer on WB), every alert once
in the ops chat. Each prints its recovery time (from the fault's end until nothing is missing).

Outages last `AGENTIQ_DRILL_OUTAGE_S` (8 s here, so a drill stays near 30 s in CI); `bench/soak.py` runs the same
faults for 60 s at random over many sellers for half an hour.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator

import pytest

from tests.acceptance.drill import Item, Stack, Tally, Tap

pytestmark = pytest.mark.slow

OUTAGE_S = float(os.environ.get("AGENTIQ_DRILL_OUTAGE_S", "8"))
SELLERS = 4
SETTLE_S = 90


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """One stack for every drill of the module (starting it is most of a drill's cost)."""
    async with Stack(tmp_path_factory.mktemp("drills")) as run:
        await run.onboard(SELLERS)
        # Each seller's first sync has run and its cards come: the drills start from a live pipeline.
        first = [await run.post_item(seller) for seller in run.sellers]
        tally, _ = await run.settle(first, [], within=SETTLE_S)
        assert tally.cards == SELLERS, tally
        yield run


def _report(name: str, tally: Tally, recovered: float) -> None:
    print(f"\n{name}: {tally.line()}; recovered {recovered:.1f} s after the fault ended")


def _assert_whole(tally: Tally, stack: Stack) -> None:
    assert not tally.duplicated, f"{tally.line()}\n{tally}"
    assert not tally.lost, f"{tally.line()}\n{tally}\n{stack.logs()}"
    assert tally.alerts == tally.alerts_delivered + tally.alerts_moot, tally
    assert tally.refused == 0, tally


async def _approve_all(stack: Stack, items: list[Item]) -> list[Tap]:
    cards = await stack.cards_ready(items)
    return [await stack.tap_approve(item, card) for item, card in zip(items, cards, strict=True)]


async def _chats(stack: Stack, count: int) -> list[Item]:
    """Buyer chats (no repetition guard on chat answers: a tap is never refused for its text)."""
    return [await stack.post_item(stack.sellers[i % len(stack.sellers)], "chat") for i in range(count)]


async def test_telegram_down_while_items_arrive(stack: Stack) -> None:
    """Every Bot API call fails while items arrive and a seller's WB balance runs out (an ops alert is raised);
    when Telegram is back each item has one card and the alert arrives once."""
    broke, others = stack.sellers[0], stack.sellers[1:]
    await stack.telegram_faults(error="5xx", seconds=OUTAGE_S)
    down_until = time.monotonic() + OUTAGE_S
    await stack.wb_refusal(broke, 402)
    items = await stack.post_items(8, others)
    await asyncio.sleep(max(0.0, down_until - time.monotonic()))
    try:
        tally, recovered = await stack.settle(items, [], within=SETTLE_S)
    finally:
        await stack.wb_refusal(broke, None)
    _report("Telegram down", tally, recovered)
    _assert_whole(tally, stack)
    assert tally.alerts_delivered >= 1, "the empty WB balance raised no alert"


async def test_connection_resets_on_a_share_of_telegram_calls(stack: Stack) -> None:
    """30 % of Bot API calls reset the connection while cards go out and the seller approves."""
    await stack.telegram_faults(error="reset", share=0.3, seconds=OUTAGE_S * 3)
    started = time.monotonic()
    items = await _chats(stack, 8)
    taps = await _approve_all(stack, items)
    await asyncio.sleep(max(0.0, started + OUTAGE_S * 3 - time.monotonic()))
    await stack.telegram_faults()
    tally, recovered = await stack.settle(items, taps, within=SETTLE_S)
    _report("Connection resets (30 %)", tally, recovered)
    _assert_whole(tally, stack)


async def test_postgres_restarted_mid_fan_out(stack: Stack) -> None:
    """PostgreSQL dies (kill -9) and comes back while a batch of cards is going out."""
    items = await stack.post_items(12)
    await stack.until("the first card", lambda: stack.card(items[0]))
    await stack.restart_postgres(down_s=0.5)
    tally, recovered = await stack.settle(items, [], within=SETTLE_S)
    _report("PostgreSQL restarted mid fan-out", tally, recovered)
    _assert_whole(tally, stack)


async def test_a_worker_child_killed_mid_send(stack: Stack) -> None:
    """One of the worker's two children is killed with SIGKILL while cards are sent (half of Telegram's sends take
    1 s); taskiq starts a new child, and the stream hands the dead one's unacknowledged tasks to a live consumer."""
    await stack.telegram_faults(error="timeout", share=0.5, hold_s=1, seconds=OUTAGE_S, methods=["sendMessage"])
    items = await stack.post_items(12)
    await stack.until("the first card", lambda: stack.card(items[0]))
    stack.kill_worker_child()
    await stack.telegram_faults()
    tally, recovered = await stack.settle(items, [], within=SETTLE_S)
    _report("Worker child killed mid-send", tally, recovered)
    _assert_whole(tally, stack)


async def test_bot_killed_after_20_taps(stack: Stack) -> None:
    """20 Approve taps, then kill -9 of the bot 0.3 s later; the restarted bot gets the unconfirmed taps again."""
    items = await _chats(stack, 20)
    cards = await stack.cards_ready(items)
    taps = [await stack.tap_approve(item, card) for item, card in zip(items, cards, strict=True)]
    await asyncio.sleep(0.3)
    stack.kill_bot()
    tally, recovered = await stack.settle(items, taps, within=SETTLE_S)
    _report("Bot killed 0.3 s after 20 taps", tally, recovered)
    _assert_whole(tally, stack)
    assert tally.answers == 20


async def test_redis_restarted_during_taps(stack: Stack) -> None:
    """Redis dies (kill -9) between taps and comes back on its append-only file; taps keep coming meanwhile."""
    items = await _chats(stack, 10)
    cards = await stack.cards_ready(items)
    taps = [await stack.tap_approve(item, card) for item, card in zip(items[:5], cards[:5], strict=True)]
    await asyncio.to_thread(stack.redis.kill9)
    taps += [await stack.tap_approve(item, card) for item, card in zip(items[5:], cards[5:], strict=True)]
    await asyncio.sleep(1)
    await asyncio.to_thread(stack.redis.start)
    tally, recovered = await stack.settle(items, taps, within=SETTLE_S)
    _report("Redis restarted during taps", tally, recovered)
    _assert_whole(tally, stack)


async def test_wb_5xx_outage(stack: Stack) -> None:
    """Every WB call answers 5xx for the outage while buyers keep writing; afterwards each item has its card."""
    await stack.wb_config(error_rate=1.0)
    items = await stack.post_items(8)
    await asyncio.sleep(OUTAGE_S)
    await stack.wb_config(error_rate=0.0)
    tally, recovered = await stack.settle(items, [], within=SETTLE_S)
    _report("WB 5xx outage", tally, recovered)
    _assert_whole(tally, stack)
