"""Soak (issue 26): many sellers, buyers writing all the time, sellers approving, and the delivery faults at random,
for half an hour or more; then what the sellers saw, counted from their side.

The stack is the drills' (tests/acceptance/drill.py): `agentiq bot`, `agentiq scheduler` and `agentiq worker` (two
children) as processes on their own PostgreSQL and Redis, the WB, Telegram and LLM sandboxes as processes. Sellers
are onboarded through the bot. Buyers post reviews, questions and chats (`--rate` items a minute over all sellers);
the sellers press Approve on a share of the chat cards (`--tap-share`; chats: issue 25's repetition guard refuses a
public answer that repeats another, which would be a refusal, not a tap's effect). One fault at a time, after a
random pause, picked from:

  telegram_down   every Bot API call fails (5xx, reset or timeout) for `--outage` seconds
  resets          30 % of Bot API calls reset the connection for `--outage` seconds
  postgres        PostgreSQL killed (-9) and started again after 0.2-3 s
  worker_child    one of the worker's children killed (-9) while cards go out
  bot_taps        20 Approve taps, the bot killed (-9) 0.3 s later
  redis_taps      Redis killed (-9) between taps, back after 1-3 s on its append-only file
  wb_5xx          every WB call answers 5xx for `--outage` seconds

After each fault: how long until every item posted and tap pressed so far shows (recovery). At the end, traffic and
faults stop and the run settles; the report: items, cards, answers, lost, duplicated, alerts, per fault.

    .venv/bin/python -m bench.soak --sellers 20 --minutes 30
    .venv/bin/python -m bench.soak --sellers 4 --minutes 3 --outage 10     # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from tests.acceptance.drill import Item, Stack, Tally

# Production-like polling for many sellers on a small box (the drills poll every 2 s).
SOAK_SETTINGS = {
    "SYNC__TICK_S": "2",
    "SYNC__REVIEW_INTERVAL_S": "10",
    "SYNC__QUESTION_INTERVAL_S": "10",
    "SYNC__CHAT_INTERVAL_S": "10",
    "SYNC__HEARTBEAT_S": "5",
    "SYNC__ALERTS_INTERVAL_S": "15",
}
SETTLE_S = 600.0
READY_S = 180.0


@dataclass
class FaultRun:
    """One fault of the soak and what followed it."""

    name: str
    at_s: float
    lasted_s: float
    recovered_s: float
    lost: int
    duplicated: int


class Soak:
    """The traffic, the taps and the faults of one soak run."""

    def __init__(self, stack: Stack, args: argparse.Namespace) -> None:
        self.stack, self.args = stack, args
        self.rng = random.Random(args.seed)
        self.started = time.monotonic()
        self.end = self.started + args.minutes * 60
        self.faults: list[FaultRun] = []
        self.pending_taps: asyncio.Queue[Item] = asyncio.Queue()
        self.tappers: set[asyncio.Task[None]] = set()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    async def traffic(self) -> None:
        """Buyers write at `--rate` items a minute (exponential gaps) until the end."""
        sellers = self.stack.sellers
        while time.monotonic() < self.end:
            await asyncio.sleep(self.rng.expovariate(self.args.rate / 60))
            item = await self.stack.post_item(self.rng.choice(sellers))
            if item.channel == "chat" and self.rng.random() < self.args.tap_share:
                task = asyncio.create_task(self._tap_when_ready(item))
                self.tappers.add(task)
                task.add_done_callback(self.tappers.discard)

    async def _tap_when_ready(self, item: Item) -> None:
        """The seller reads the card and approves its draft, a few seconds after it came."""
        deadline = time.monotonic() + READY_S
        while time.monotonic() < deadline:
            try:
                card = await self.stack.approvable(item)
            except (httpx.HTTPError, AssertionError):  # a sandbox call during a fault: look again
                card = None
            if card is not None:
                await asyncio.sleep(self.rng.uniform(0.5, 5))
                await self.stack.tap_approve(item, card)
                return
            await asyncio.sleep(1)
        # Never approvable: the card itself is missing, which the final count reports as lost.

    async def _chat_cards(self, count: int) -> tuple[list[Item], list[dict]]:
        sellers = self.stack.sellers
        items = [await self.stack.post_item(sellers[i % len(sellers)], "chat") for i in range(count)]
        return items, await self.stack.cards_ready(items, within=READY_S)

    # -- the faults ------------------------------------------------------------------------------------------------

    async def telegram_down(self) -> None:
        error = self.rng.choice(("5xx", "reset", "timeout"))
        await self.stack.telegram_faults(error=error, seconds=self.args.outage)
        await asyncio.sleep(self.args.outage)

    async def resets(self) -> None:
        await self.stack.telegram_faults(error="reset", share=0.3, seconds=self.args.outage)
        await asyncio.sleep(self.args.outage)

    async def postgres(self) -> None:
        await self.stack.restart_postgres(down_s=self.rng.uniform(0.2, 3))

    async def worker_child(self) -> None:
        self.stack.kill_worker_child()

    async def bot_taps(self) -> None:
        items, cards = await self._chat_cards(20)
        for item, card in zip(items, cards, strict=True):
            await self.stack.tap_approve(item, card)
        await asyncio.sleep(0.3)
        self.stack.kill_bot()

    async def redis_taps(self) -> None:
        items, cards = await self._chat_cards(10)
        for item, card in zip(items[:5], cards[:5], strict=True):
            await self.stack.tap_approve(item, card)
        await asyncio.to_thread(self.stack.redis.kill9)
        for item, card in zip(items[5:], cards[5:], strict=True):
            await self.stack.tap_approve(item, card)
        await asyncio.sleep(self.rng.uniform(1, 3))
        await asyncio.to_thread(self.stack.redis.start)

    async def wb_5xx(self) -> None:
        await self.stack.wb_config(error_rate=1.0)
        try:
            await asyncio.sleep(self.args.outage)
        finally:
            await self.stack.wb_config(error_rate=0.0)

    async def faults_loop(self) -> None:
        """One fault at a time with a random pause before it; each followed until the sellers' side is whole."""
        menu: dict[str, Callable[[], Awaitable[None]]] = {
            name: getattr(self, name)
            for name in ("telegram_down", "resets", "postgres", "worker_child", "bot_taps", "redis_taps", "wb_5xx")
        }
        chosen = [name for name in self.args.faults.split(",") if name] or list(menu)
        while True:
            await asyncio.sleep(self.rng.uniform(0.5, 1.5) * self.args.pause)
            if time.monotonic() + self.args.outage + 30 > self.end:
                return
            name = self.rng.choice(chosen)
            at = self.elapsed()
            print(f"[{at:7.1f} s] fault {name}", flush=True)
            await menu[name]()
            lasted = self.elapsed() - at
            items, taps = list(self.stack.items), list(self.stack.taps)
            tally, recovered = await self.stack.settle(items, taps, within=SETTLE_S)
            self.faults.append(FaultRun(name, at, lasted, recovered, tally.lost, tally.duplicated))
            print(f"[{self.elapsed():7.1f} s] {name} over, recovered in {recovered:.1f} s: {tally.line()}", flush=True)


def _summary(tally: Tally, soak: Soak, args: argparse.Namespace, settle_s: float) -> dict:
    return {
        "sellers": args.sellers,
        "minutes": args.minutes,
        "outage_s": args.outage,
        "seed": args.seed,
        "items": tally.items,
        "cards": tally.cards,
        "taps": tally.taps,
        "answers": tally.answers,
        "refused": tally.refused,
        "alerts": tally.alerts,
        "alerts_delivered": tally.alerts_delivered,
        "lost": tally.lost,
        "duplicated": tally.duplicated,
        "lost_cards": tally.lost_cards,
        "duplicate_cards": tally.duplicate_cards,
        "lost_taps": tally.lost_taps,
        "duplicate_answers": tally.duplicate_answers,
        "lost_alerts": tally.lost_alerts,
        "duplicate_alerts": tally.duplicate_alerts,
        "final_settle_s": round(settle_s, 1),
        "faults": [asdict(f) for f in soak.faults],
    }


async def run(args: argparse.Namespace, folder: Path) -> dict:
    """One soak run in `folder`; returns its summary (also written to `<folder>/soak.json`)."""
    print(f"soak: {args.sellers} sellers, {args.minutes} min, outages {args.outage} s, seed {args.seed}; {folder}")
    async with Stack(folder, workers=2, wb_limits=True, **SOAK_SETTINGS) as stack:
        t0 = time.monotonic()
        await stack.onboard(args.sellers)
        print(f"onboarded {args.sellers} sellers through the bot in {time.monotonic() - t0:.0f} s", flush=True)
        soak = Soak(stack, args)
        traffic = asyncio.create_task(soak.traffic())
        await soak.faults_loop()
        await traffic
        if soak.tappers:
            await asyncio.gather(*soak.tappers)
        await stack.telegram_faults()
        tally, settle_s = await stack.settle(within=SETTLE_S)
        summary = _summary(tally, soak, args, settle_s)
        (folder / "soak.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    print(json.dumps({k: v for k, v in summary.items() if k != "faults"}, ensure_ascii=False))
    print("fault            at (s)  lasted (s)  recovered (s)  lost  duplicated")
    for f in soak.faults:
        print(f"{f.name:15s} {f.at_s:7.0f} {f.lasted_s:11.1f} {f.recovered_s:14.1f} {f.lost:5d} {f.duplicated:11d}")
    return summary


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sellers", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--outage", type=float, default=60, help="seconds of a Telegram or WB outage")
    parser.add_argument("--pause", type=float, default=60, help="mean seconds between a recovery and the next fault")
    parser.add_argument("--rate", type=float, default=30, help="buyer items a minute over all sellers")
    parser.add_argument("--tap-share", type=float, default=0.6, help="share of chat cards the seller approves")
    parser.add_argument("--faults", default="", help="comma-separated subset of the faults (default: all)")
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(10**6))
    parser.add_argument("--folder", default="", help="where the servers and logs go (default: a temp folder)")
    args = parser.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="agentiq-soak-"))
    folder.mkdir(parents=True, exist_ok=True)
    summary = asyncio.run(run(args, folder))
    raise SystemExit(0 if summary["lost"] == 0 and summary["duplicated"] == 0 else 1)


if __name__ == "__main__":
    main()
