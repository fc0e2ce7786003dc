"""The delivery drills' stack (issue 26): `agentiq bot`, `agentiq scheduler` and `agentiq worker` as real processes
on their own PostgreSQL and Redis (never the machine's shared ones: a drill restarts them), the WB, Telegram and LLM
sandboxes as processes of their own, sellers onboarded through the bot, and a ledger of what the seller should see.

A drill posts buyer items on WB and presses Approve on cards through the sandboxes' user APIs, injects one fault, and
then `Stack.settle` waits until the seller's side is whole again and counts, from the outside:
- per item, the bot messages with card buttons that show its marker in the seller's chat (its card; edited in place):
  0 is a lost card, 2 or more a duplicate;
- per tap, WB's answer calls for its item: 1 is its effect, 0 with the spinner answered by a refusal the seller
  can read ("this text was not sent": issue 25's guards) is a refusal, 0 otherwise is a lost tap, 2+ a duplicate;
  a tap answered "please tap again" (it failed on our side) is pressed once more, as the seller is asked to;
- per alert kind, the alert rows in the database against the ops chat's messages with that kind's title: one
  each (an alert resolved before Telegram took it is not sent late: counted apart).

Used by tests/acceptance/test_drills.py (short outages, CI) and bench/soak.py (many sellers, long, random faults).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from cli.serving import free_port
from core.alerts import alert_title
from core.i18n import translator
from tests.acceptance.compose import ROOT, Deployment, Service
from tests.acceptance.servers import OwnPostgres, OwnRedis
from tests.conftest import ENCRYPTION_KEY

BOT_TOKEN = "7000000031:AAH-delivery-drill-token-0123456789"
APPROVE = "✅ Approve"
# How the bot ends the spinner of a tap that failed on our side (locales/en/delivery.ftl, bot-tap-again).
TAP_AGAIN = "Please tap the button again"
DRAFT = "✍️ Draft"
# The seller-side counts are polled this often while a drill settles.
POLL_S = 0.5

# What the operator sets for a drill: the sandboxes' addresses come on top. Short intervals so a drill is short; the
# delivery settings keep their rule (lease ≥ 2 × (retry + timeout)) at a tenth of the defaults' scale.
DRILL_SETTINGS = {
    "DEFAULT_LANGUAGE": "en",
    "LOG_FORMAT": "json",
    "LLM__API_KEY": "sk-sandbox-drill",
    "SYNC__TICK_S": "1",
    "SYNC__REVIEW_INTERVAL_S": "2",
    "SYNC__QUESTION_INTERVAL_S": "2",
    "SYNC__CHAT_INTERVAL_S": "2",
    "SYNC__HEARTBEAT_S": "2",
    "SYNC__ALERTS_INTERVAL_S": "5",
    "SYNC__REPLY_RETRY_S": "2",
    "SYNC__LOCK_TTL_S": "10",
    # A killed worker child's unacknowledged tasks go to another consumer after 15 s (default 60 s); tasks stay
    # shorter than that, as the settings require.
    "SYNC__TASK_TIMEOUT_S": "12",
    "SYNC__RUN_BUDGET_S": "8",
    "SYNC__TASK_IDLE_TIMEOUT_MS": "15000",
    "WB__TIMEOUT": "3",
    "TELEGRAM__REQUEST_TIMEOUT_S": "4",
    "TELEGRAM__SEND_RETRY_S": "6",
    "TELEGRAM__CARD_LEASE_S": "20",
    "OPS__SYNC_FAILING_MIN": "1",
}


def _spawn(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def children(pid: int) -> list[int]:
    """The processes `pid` forked (Linux /proc): taskiq's worker children under `agentiq worker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@dataclass
class DrillSeller:
    """One onboarded seller: its WB cabinet number and token, its owner's Telegram chat."""

    num: int
    token: str
    chat: int


@dataclass
class Item:
    """A buyer item posted on WB: its marker is in its text, so its card and its WB answer can be found."""

    marker: str
    seller: DrillSeller
    channel: str
    posted_at: float
    # WB's id of the item: a feedback's or question's id, a chat's chatID (what WB's answers are listed by).
    wb_id: str


@dataclass
class Tap:
    """An Approve press on an item's card."""

    item: Item
    callback_query_id: str
    pressed_at: float
    # Times the seller was told "tap again" (the tap failed on our side) and pressed once more, as a person would.
    again: int = 0


@dataclass
class Tally:
    """What the seller's side shows for a set of items, taps and alerts."""

    items: int = 0
    cards: int = 0
    lost_cards: list[str] = field(default_factory=list)
    duplicate_cards: list[str] = field(default_factory=list)
    taps: int = 0
    answers: int = 0
    refused: int = 0
    # Told "tap again" and not done yet: `Stack.settle` presses once more, as the seller would.
    tap_again: list[Tap] = field(default_factory=list)
    lost_taps: list[str] = field(default_factory=list)
    duplicate_answers: list[str] = field(default_factory=list)
    alerts: int = 0
    alerts_delivered: int = 0
    # Resolved before any message could go out (an outage that ended while Telegram was down): nothing to act on,
    # so not sent late (`sync.alerting` hands on open alerts only); counted, not lost.
    alerts_moot: int = 0
    lost_alerts: list[str] = field(default_factory=list)
    duplicate_alerts: list[str] = field(default_factory=list)

    again: int = 0

    @property
    def lost(self) -> int:
        return len(self.lost_cards) + len(self.lost_taps) + len(self.lost_alerts)

    @property
    def duplicated(self) -> int:
        return len(self.duplicate_cards) + len(self.duplicate_answers) + len(self.duplicate_alerts)

    def line(self) -> str:
        """One line for the drill's output."""
        return (
            f"items {self.items}, cards {self.cards} (lost {len(self.lost_cards)}, duplicated "
            f"{len(self.duplicate_cards)}); taps {self.taps}, answers {self.answers}, refused by guards "
            f"{self.refused}, told to tap again {self.again} (lost {len(self.lost_taps)}, duplicated "
            f"{len(self.duplicate_answers)}); alerts "
            f"{self.alerts}, delivered {self.alerts_delivered}, resolved before Telegram took them "
            f"{self.alerts_moot} (lost {len(self.lost_alerts)}, duplicated {len(self.duplicate_alerts)})"
        )


class Stack:
    """PostgreSQL, Redis, the sandboxes and the agentiq processes of one drill run (an async context manager)."""

    def __init__(self, folder: Path, *, workers: int = 2, wb_limits: bool = False, **settings: str) -> None:
        self.folder = folder
        self.workers = workers
        self.wb_limits = wb_limits
        self.extra = settings
        self.postgres = OwnPostgres(folder)
        self.redis = OwnRedis(folder)
        self.sandbox_procs: list[subprocess.Popen[bytes]] = []
        self.urls: dict[str, str] = {}
        self.http = httpx.AsyncClient(timeout=30)
        self.deployment: Deployment | None = None
        self.ops_chat = 0
        self.sellers: list[DrillSeller] = []
        self.items: list[Item] = []
        self.taps: list[Tap] = []
        self._markers = itertools.count(1)
        self._users = itertools.count(5001)

    # -- life cycle ------------------------------------------------------------------------------------------------

    async def __aenter__(self) -> Stack:
        try:
            await self._start()
        except BaseException:
            await self.__aexit__(None, None, None)
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.deployment is not None:
            await self.deployment.stop_supervising()
            for svc in self.deployment.services.values():
                if svc.proc is not None and svc.proc.poll() is None:
                    svc.proc.send_signal(signal.SIGTERM)
            for svc in self.deployment.services.values():
                if svc.proc is not None:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        await asyncio.to_thread(svc.proc.wait, 20)
            self.deployment.kill_all()
        for proc in self.sandbox_procs:
            proc.send_signal(signal.SIGTERM)
        for proc in self.sandbox_procs:
            try:
                await asyncio.to_thread(proc.wait, 15)
            except subprocess.TimeoutExpired:
                proc.kill()
        await self.http.aclose()
        await asyncio.to_thread(self.redis.stop)
        await asyncio.to_thread(self.postgres.stop)

    async def _start(self) -> None:
        await asyncio.to_thread(self.postgres.init)
        await asyncio.to_thread(self.redis.start)
        await self._sandboxes()
        await self.http.patch(
            f"{self.urls['wb']}/_sandbox/config", json={"moderation_rate": 0, "limits": self.wb_limits}
        )
        await self.http.post(f"{self.urls['telegram']}/_sandbox/bots", json={"token": BOT_TOKEN})
        ops = await self.http.post(f"{self.urls['telegram']}/_sandbox/chats", json={"type": "channel", "title": "Ops"})
        self.ops_chat = ops.json()["id"]
        env = self.env()
        migrate = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "cli", "db", "upgrade"], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
        services = {
            name: Service(
                name=name,
                command=[sys.executable, "-m", "cli", *args],
                env=env | {"HOSTNAME": f"{name}-1"},
                depends_on={},
                healthcheck=None,
                restart="unless-stopped",
                grace_s=30,
                data_dir=self.folder / name,
                log=self.folder / f"{name}.log",
            )
            for name, args in (
                ("bot", ["bot"]),
                ("scheduler", ["scheduler"]),
                ("worker", ["worker", "--workers", str(self.workers)]),
            )
        }
        self.deployment = Deployment(services, ready={})
        await self.deployment.up()
        await self.until("the bot polling", self._bot_polling, within=90)

    def env(self) -> dict[str, str]:
        """Every process's environment: the run's servers and sandboxes, the drill settings."""
        outside = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
        settings = (
            DRILL_SETTINGS
            | {
                "DATABASE_URL": self.postgres.url,
                "REDIS_URL": self.redis.url,
                "DATA_DIR": str(self.folder / "data"),
                "ENCRYPTION_KEYS": ENCRYPTION_KEY,
                "TELEGRAM__BOT_TOKEN": BOT_TOKEN,
                "TELEGRAM__API_BASE_URL": self.urls["telegram"],
                "TELEGRAM__OPS_CHAT_ID": str(self.ops_chat),
                "WB__FEEDBACKS_BASE_URL": self.urls["wb"],
                "WB__CHAT_BASE_URL": self.urls["wb"],
                "WB__RETURNS_BASE_URL": self.urls["wb"],
                "LLM__BASE_URL": f"{self.urls['llm']}/v1",
                "ADMIN__SESSION_SECRET": "drill-session-secret-0123456789abcdef",
            }
            | self.extra
        )
        return outside | {f"AGENTIQ_{k}": v for k, v in settings.items()}

    async def _sandboxes(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
        for kind in ("wb", "telegram", "llm"):
            port = free_port()
            cmd = [sys.executable, "-m", "cli", "sandbox", kind, "--port", str(port)]
            self.sandbox_procs.append(_spawn(cmd, env, self.folder / f"sandbox-{kind}.log"))
            self.urls[kind] = f"http://127.0.0.1:{port}"
        for kind, url in self.urls.items():
            path = {"llm": "/v1/models", "wb": "/_sandbox/health", "telegram": "/_sandbox/bots"}[kind]
            await self.until(f"the {kind} sandbox", lambda u=url + path: self._answers(u), within=90)

    async def _answers(self, url: str) -> bool:
        assert all(p.poll() is None for p in self.sandbox_procs), "a sandbox exited"
        return (await self.http.get(url)).status_code < 500

    async def _bot_polling(self) -> bool:
        (bot,) = (await self.http.get(f"{self.urls['telegram']}/_sandbox/bots")).json()
        return bot["pending_updates"] == 0 and "bot.polling" in self.service("bot").log.read_text(errors="replace")

    def service(self, name: str) -> Service:
        """One of the agentiq processes."""
        assert self.deployment is not None
        return self.deployment.services[name]

    def logs(self) -> str:
        """Every process's log tail (assertion messages)."""
        return self.deployment.logs() if self.deployment else ""

    async def until(self, what: str, probe: Any, within: float = 60) -> Any:
        """Poll `probe` until it returns something truthy; fail with the processes' logs."""
        deadline = time.monotonic() + within
        while True:
            try:
                if found := await probe():
                    return found
            except (httpx.TransportError, KeyError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}\n{self.logs()}")
            await asyncio.sleep(POLL_S)

    # -- the outside world: sellers, buyers, taps -------------------------------------------------------------------

    async def messages(self, chat: int) -> list[dict[str, Any]]:
        """Every message of a Telegram chat, as the sandbox shows it."""
        return (await self.http.get(f"{self.urls['telegram']}/_sandbox/chats/{chat}/messages")).json()

    async def _last(self, chat: int, contains: str) -> dict[str, Any] | None:
        return next(
            (m for m in reversed(await self.messages(chat)) if m["from_bot"] and contains in (m["text"] or "")), None
        )

    async def onboard(self, count: int) -> list[DrillSeller]:
        """`count` sellers connect their WB token through the bot (in parallel, as people would)."""
        made = await asyncio.gather(*(self._onboard_one() for _ in range(count)))
        self.sellers.extend(made)
        return made

    async def _onboard_one(self) -> DrillSeller:
        tg = self.urls["telegram"]
        cabinet = (
            await self.http.post(
                f"{self.urls['wb']}/_sandbox/sellers", json={"reviews": 0, "questions": 0, "chats": 0, "claims": 0}
            )
        ).json()
        chat = next(self._users)
        user = {"id": chat, "first_name": f"Seller {chat}", "language_code": "en", "start": True}
        await self.http.post(f"{tg}/_sandbox/users", json=user)
        menu = await self.until("the language menu", lambda: self._last(chat, "Choose"), within=120)
        await self.http.post(
            f"{tg}/_sandbox/chats/{chat}/press", json={"message_id": menu["message_id"], "text": "English"}
        )
        await self.until("the token prompt", lambda: self._last(chat, "WB API token"), within=120)
        await self.http.post(f"{tg}/_sandbox/chats/{chat}/send", json={"text": cabinet["token"]})
        await self.until("the token check", lambda: self._last(chat, "Token connected"), within=120)
        return DrillSeller(num=cabinet["seller_id"], token=cabinet["token"], chat=chat)

    async def post_item(self, seller: DrillSeller, channel: str | None = None) -> Item:
        """A buyer writes on WB: a review, a question or a chat message carrying a unique marker."""
        channel = channel or random.choice(("review", "question", "chat"))
        marker = f"Z{next(self._markers):05d}"
        base = f"{self.urls['wb']}/_sandbox/sellers/{seller.num}"
        if channel == "review":
            body: dict[str, Any] = {"text": f"{marker} пришла с дефектом, шов разошёлся", "rating": 2}
            path = "reviews"
        elif channel == "question":
            body, path = {"text": f"{marker} есть такой размер в другом цвете?"}, "questions"
        else:
            body, path = {"text": f"{marker} где мой заказ, жду неделю"}, "chat-messages"
        posted = await self.http.post(f"{base}/{path}", json=body)
        posted.raise_for_status()
        made = posted.json()
        wb_id = str(made["chatID"] if channel == "chat" else made["id"])
        item = Item(marker=marker, seller=seller, channel=channel, posted_at=time.monotonic(), wb_id=wb_id)
        self.items.append(item)
        return item

    async def post_items(self, count: int, sellers: list[DrillSeller] | None = None) -> list[Item]:
        """`count` items spread over the sellers."""
        pool = sellers or self.sellers
        return [await self.post_item(pool[i % len(pool)]) for i in range(count)]

    async def card(self, item: Item) -> dict[str, Any] | None:
        """The item's card in its seller's chat (the first, if there were more)."""
        return next((m for m in await self.messages(item.seller.chat) if _is_card_of(m, item.marker)), None)

    async def approvable(self, item: Item) -> dict[str, Any] | None:
        """The item's card once it carries an Approve button (pressing Draft first when the card came without)."""
        card = await self.card(item)
        if card is None:
            return None
        labels = {b["text"] for row in card["buttons"] for b in row}
        if APPROVE in labels:
            return card
        if DRAFT in labels:
            await self.press(item.seller.chat, card["message_id"], text=DRAFT)
        return None

    async def press(self, chat: int, message_id: int, **how: Any) -> dict[str, Any]:
        """Press a button of a message (by `text`, `data` or position)."""
        pressed = await self.http.post(
            f"{self.urls['telegram']}/_sandbox/chats/{chat}/press", json={"message_id": message_id, **how}
        )
        assert pressed.status_code == 200, pressed.text
        return pressed.json()

    async def tap_approve(self, item: Item, card: dict[str, Any]) -> Tap:
        """The seller presses Approve on the item's card."""
        pressed = await self.press(item.seller.chat, card["message_id"], text=APPROVE)
        tap = Tap(item=item, callback_query_id=pressed["callback_query_id"], pressed_at=time.monotonic())
        self.taps.append(tap)
        return tap

    # -- faults ----------------------------------------------------------------------------------------------------

    async def telegram_faults(self, **rule: Any) -> None:
        """The Telegram sandbox's fault rule (`sandbox/telegram/faults.py`); no arguments clears it."""
        body = rule or {"error": None}
        (await self.http.post(f"{self.urls['telegram']}/_sandbox/faults", json=body)).raise_for_status()

    async def wb_config(self, **config: Any) -> None:
        """Change the WB sandbox's options (error_rate 1.0: every WB call answers 5xx)."""
        (await self.http.patch(f"{self.urls['wb']}/_sandbox/config", json=config)).raise_for_status()

    async def wb_refusal(self, seller: DrillSeller, status: int | None) -> None:
        """WB refuses every call of the seller with `status` (402: the balance is empty); None clears it."""
        url = f"{self.urls['wb']}/_sandbox/sellers/{seller.num}/refusal"
        (await self.http.put(url, json={"status": status})).raise_for_status()

    async def restart_postgres(self, down_s: float = 0.0) -> None:
        """kill -9 the run's PostgreSQL and start it again on the same data (crash recovery)."""
        await asyncio.to_thread(self.postgres.kill9)
        await asyncio.sleep(down_s)
        await asyncio.to_thread(self.postgres.start)

    async def restart_redis(self, down_s: float = 0.0) -> None:
        """kill -9 the run's Redis and start it again on its append-only file."""
        await asyncio.to_thread(self.redis.kill9)
        await asyncio.sleep(down_s)
        await asyncio.to_thread(self.redis.start)

    def kill_worker_child(self) -> int:
        """SIGKILL one of `agentiq worker`'s children (taskiq's manager starts a new one); its pid."""
        proc = self.service("worker").proc
        assert proc is not None
        kids = children(proc.pid)
        assert kids, "agentiq worker has no children"
        victim = random.choice(kids)
        os.kill(victim, signal.SIGKILL)
        return victim

    def kill_bot(self) -> None:
        """SIGKILL the bot process; the supervisor starts it again (compose's restart policy)."""
        self.service("bot").kill9()

    # -- counting --------------------------------------------------------------------------------------------------

    async def tally(self, items: list[Item] | None = None, taps: list[Tap] | None = None) -> Tally:
        """What the seller's side shows now for `items` and `taps` (default: all of the run) and every alert."""
        items = self.items if items is None else items
        taps = self.taps if taps is None else taps
        out = Tally(items=len(items), taps=len(taps))
        chats: dict[int, list[dict[str, Any]]] = {}
        for seller in {i.seller.chat for i in items}:
            chats[seller] = await self.messages(seller)
        for item in items:
            found = sum(1 for m in chats[item.seller.chat] if _is_card_of(m, item.marker))
            out.cards += min(found, 1)
            if found == 0:
                out.lost_cards.append(item.marker)
            elif found > 1:
                out.duplicate_cards.append(item.marker)
        calls = await self._answer_calls({t.item.seller.num for t in taps})
        callbacks = {c["callback_query_id"]: c for c in await self._callbacks()} if taps else {}
        for tap in taps:
            out.again += tap.again
            n = calls.get(tap.item.wb_id, 0)
            answered = callbacks.get(tap.callback_query_id, {})
            if n == 1:
                out.answers += 1
            elif n > 1:
                out.answers += 1
                out.duplicate_answers.append(tap.item.marker)
            elif answered.get("show_alert") and TAP_AGAIN in (answered.get("text") or ""):
                out.tap_again.append(tap)
                out.lost_taps.append(tap.item.marker)  # until the seller's second press has its effect
            elif answered.get("answered") and answered.get("show_alert"):
                out.refused += 1
            else:
                out.lost_taps.append(tap.item.marker)
        await self._count_alerts(out)
        return out

    async def _press_again(self, tap: Tap) -> None:
        """The seller was told "tap again": press Approve once more if the card still offers it."""
        card = await self.card(tap.item)
        if card is None or not any(b["text"] == APPROVE for row in card["buttons"] for b in row):
            return  # the first press did get through (the card moved on): its effect is on its way
        pressed = await self.press(tap.item.seller.chat, card["message_id"], text=APPROVE)
        tap.callback_query_id, tap.again = pressed["callback_query_id"], tap.again + 1

    async def _answer_calls(self, nums: set[int]) -> dict[str, int]:
        calls: dict[str, int] = {}
        for num in nums:
            rows = (await self.http.get(f"{self.urls['wb']}/_sandbox/answers", params={"seller_id": num})).json()
            for row in rows["answers"]:
                calls[str(row["item_id"])] = calls.get(str(row["item_id"]), 0) + row["answer_calls"]
        return calls

    async def _callbacks(self) -> list[dict[str, Any]]:
        return (await self.http.get(f"{self.urls['telegram']}/_sandbox/callbacks")).json()

    async def alerts(self) -> list[asyncpg.Record]:
        """Every alert row the run raised."""
        conn = await asyncpg.connect(self.postgres.url)
        try:
            return await conn.fetch("SELECT id, kind, text, delivered_at, resolved_at FROM alert ORDER BY id")
        finally:
            await conn.close()

    async def _count_alerts(self, out: Tally) -> None:
        """Per alert kind: the ops chat holds one message titled so for each alert row (a row's text may change
        after delivery, as a failing streak grows; its title does not)."""
        try:
            rows = await self.alerts()
        except (OSError, asyncpg.PostgresError):
            rows = []  # PostgreSQL is restarting: counted at the next look
        titles = Counter((m["text"] or "").split("\n", 1)[0] for m in await self.messages(self.ops_chat))
        t = translator("en")
        out.alerts = len(rows)
        by_kind: dict[str, list[asyncpg.Record]] = {}
        for row in rows:
            by_kind.setdefault(row["kind"], []).append(row)
        for kind, kind_rows in by_kind.items():
            title = alert_title(kind, t)
            shown = sum(n for text, n in titles.items() if text.endswith(title))
            moot = [r for r in kind_rows if r["delivered_at"] is None and r["resolved_at"] is not None]
            owed = len(kind_rows) - len(moot)
            out.alerts_moot += len(moot)
            out.alerts_delivered += min(shown, len(kind_rows))
            out.lost_alerts += [f"{kind} ({owed - shown} of {owed})"] if shown < owed else []
            out.duplicate_alerts += (
                [f"{kind} ({shown} messages, {len(kind_rows)} alerts)"] if shown > len(kind_rows) else []
            )

    async def settle(
        self, items: list[Item] | None = None, taps: list[Tap] | None = None, within: float = 60
    ) -> tuple[Tally, float]:
        """Wait until nothing of `items`/`taps`/alerts is missing; the final tally (duplicates included) and how
        long it took from this call."""
        started = time.monotonic()
        while True:
            tally = await self.tally(items, taps)
            # A duplicate does not heal: it is reported, and the wait goes on for what is still missing.
            if not tally.lost and tally.alerts == tally.alerts_delivered + tally.alerts_moot:
                return tally, time.monotonic() - started
            if time.monotonic() - started > within:
                return tally, time.monotonic() - started
            for tap in tally.tap_again:
                await self._press_again(tap)
            await asyncio.sleep(POLL_S)

    async def cards_ready(self, items: list[Item], within: float = 60) -> list[dict[str, Any]]:
        """Each item's card with its Approve button (drafted on arrival, or after a Draft press)."""
        cards = []
        for item in items:
            cards.append(await self.until(f"the card of {item.marker}", lambda i=item: self.approvable(i), within))
        return cards


def _is_card_of(message: dict[str, Any], marker: str) -> bool:
    """A card of the item: a bot message showing its marker with the card's own buttons (`c:<action>:...`; a
    spike or digest message that quotes the buyer offers only "show the card", `c:sh:`)."""
    if not (message["from_bot"] and marker in (message.get("text") or "")):
        return False
    data = [b.get("callback_data") or "" for row in message.get("buttons") or [] for b in row]
    return any(d.startswith("c:") and not d.startswith("c:sh:") for d in data)
