"""`agentiq demo`: the whole product in one process on the embedded default, against the three sandboxes.

A demo seller with a seeded store is connected through the real onboarding path (live token check), new reviews,
questions and chat messages arrive every few seconds, and a person plays the seller in the Telegram sandbox's
chat page. Nothing here is a shortcut the product does not take: the sandboxes speak the real protocols.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

import httpx
import structlog

from cli.serving import free_port, port_taken, serve_app
from core.settings import Settings, load_settings

log = structlog.get_logger(__name__)

DEMO_BOT_TOKEN = "7000000001:AAH-agentiq-demo-sandbox-not-a-secret"
DEMO_USER_ID = 1001
DEMO_ADMIN_EMAIL = "demo@agentiq.local"
DEMO_ADMIN_PASSWORD = "demo-password"
# A buyer's burn and legal threat (issue 24): injected like any review, it pages the owner with a 🚨 card.
SAFETY_EXAMPLE = "после крема ожог на лице, иду в Роспотребнадзор"


@dataclass
class DemoPorts:
    """Where each part listens: base+0 admin, +1 WB, +2 Telegram, +3 LLM; base 0 picks free ports."""

    admin: int
    wb: int
    telegram: int
    llm: int

    @classmethod
    def from_base(cls, base: int) -> DemoPorts:
        if base == 0:
            return cls(free_port(), free_port(), free_port(), free_port())
        return cls(base, base + 1, base + 2, base + 3)

    def first_taken(self) -> int | None:
        """The first of the ports something already listens on, if any."""
        return next((p for p in (self.admin, self.wb, self.telegram, self.llm) if port_taken(p)), None)


@dataclass
class DemoWorld:
    """What the sandboxes were seeded with."""

    wb_url: str
    telegram_url: str
    llm_url: str
    wb_seller: int
    wb_token: str
    ops_chat_id: int


# One buyer's thread across channels (core.linking): a review and its supplement, a chat about the same product
# under the same name, a return filed from that chat, and a similarly named buyer on the product (a guess, shown
# with its lower confidence). WB questions carry no buyer, so the question on the product stays unlinked.
THREAD_BUYER = "Анна Кузнецова"
THREAD_LOOKALIKE = "Анна Кузнецова-Петрова"


async def seed_linked_buyer(http: httpx.AsyncClient, wb_url: str, seller_num: int) -> None:
    """The WB items of one buyer's thread (see THREAD_BUYER), posted through the WB sandbox's control API."""
    base = f"{wb_url}/_sandbox/sellers/{seller_num}"

    async def post(kind: str, **body: object) -> dict:
        response = await http.post(f"{base}/{kind}", json=body)
        response.raise_for_status()
        return response.json()

    review = await post("reviews", text="Маломерит на размер, ткань тоньше, чем на фото", rating=2,
                        user_name=THREAD_BUYER)  # fmt: skip
    nm_id = review["productDetails"]["nmId"]
    await post("reviews", text="Дополню: после стирки село ещё", rating=2, user_name=THREAD_BUYER, nm_id=nm_id,
               parent_feedback_id=review["id"])  # fmt: skip
    chat = await post("chat-messages", nm_id=nm_id, client_name=THREAD_BUYER,
                      text="Здравствуйте! Можно обменять на размер больше?")  # fmt: skip
    await post("claims", chat_id=chat["chatID"], user_comment="Маломерит, возвращаю")
    await post("questions", nm_id=nm_id, text="Подскажите, этот товар маломерит?")
    await post("reviews", text="Маломерит, взяла на размер больше", rating=4, user_name=THREAD_LOOKALIKE,
               nm_id=nm_id)  # fmt: skip


async def seed_sandboxes(wb_url: str, telegram_url: str, llm_url: str) -> DemoWorld:
    """A WB seller with a small store (and one buyer's linked thread), the bot and the seller's user in Telegram,
    an ops channel."""
    async with httpx.AsyncClient(timeout=30) as http:
        seller = (
            await http.post(
                f"{wb_url}/_sandbox/sellers",
                json={"name": "ИП Демо (AgentIQ)", "reviews": 12, "questions": 6, "chats": 3, "claims": 3},
            )
        ).json()
        await seed_linked_buyer(http, wb_url, int(seller["seller_id"]))
        await http.post(
            f"{telegram_url}/_sandbox/bots",
            json={"token": DEMO_BOT_TOKEN, "first_name": "AgentIQ", "username": "agentiq_demo_bot"},
        )
        await http.post(
            f"{telegram_url}/_sandbox/users",
            json={"id": DEMO_USER_ID, "first_name": "Продавец", "language_code": "ru", "start": True},
        )
        ops = (
            await http.post(
                f"{telegram_url}/_sandbox/chats", json={"type": "channel", "title": "AgentIQ ops", "username": "aq_ops"}
            )
        ).json()
    return DemoWorld(wb_url, telegram_url, llm_url, int(seller["seller_id"]), seller["token"], int(ops["id"]))


def demo_settings(world: DemoWorld, ports: DemoPorts, data_dir: Path) -> Settings:
    """The demo process's settings: embedded default (no Redis, whatever the environment says), the sandboxes,
    short intervals; other AGENTIQ_* variables (log level, say) still apply."""
    return load_settings(
        redis_url=None,
        data_dir=data_dir,
        database_url=f"sqlite://{(data_dir / 'agentiq.sqlite3').as_posix()}",
        wb={"feedbacks_base_url": world.wb_url, "chat_base_url": world.wb_url, "returns_base_url": world.wb_url},
        telegram={
            "bot_token": DEMO_BOT_TOKEN,
            "api_base_url": world.telegram_url,
            "ops_chat_id": world.ops_chat_id,
        },
        demo_token=world.wb_token,
        llm={"base_url": f"{world.llm_url}/v1", "api_key": "sk-sandbox", "model": "sandbox-chat"},
        admin={"host": "127.0.0.1", "port": ports.admin, "secure_cookies": False},
        sync={
            "review_interval_s": 5,
            "question_interval_s": 5,
            "chat_interval_s": 5,
            "return_interval_s": 10,
            "tick_s": 2,
        },
    )


async def prepare_demo(world: DemoWorld, settings: Settings, *, llm: bool = False) -> None:
    """The demo's admin login; the seller is onboarded in the Telegram sandbox as a newcomer would be (/start,
    language, the WB sandbox store's token from a button, shop name). `llm` switches sellers to the LLM stand-in,
    whose canned answers ignore what the buyer wrote (a stand-in for the protocol, not for a model)."""
    from admin.security import hash_password
    from core.db import database
    from core.models import AdminUser, Seller

    async with database(settings):
        await AdminUser.get_or_create(
            email=DEMO_ADMIN_EMAIL, defaults={"password_hash": hash_password(DEMO_ADMIN_PASSWORD)}
        )
        await Seller.all().update(llm_enabled=llm)  # a restarted demo's seller


async def llm_for_new_sellers() -> None:
    """`--llm`: the seller onboarded while the demo runs drafts with the LLM stand-in too."""
    from core.models import Seller

    while True:
        await asyncio.sleep(1)
        await Seller.filter(llm_enabled=False).update(llm_enabled=True)


async def inject_forever(world: DemoWorld, every_s: float, seed: int) -> None:
    """A new review, question, chat message or return every `every_s` seconds (the sandbox writes the buyer's text)."""
    rng = random.Random(seed)
    kinds = ["reviews", "reviews", "questions", "chat-messages", "claims"]
    async with httpx.AsyncClient(base_url=world.wb_url, timeout=10) as http:
        while True:
            await asyncio.sleep(every_s)
            kind = rng.choice(kinds)
            body: dict[str, object] = {}
            if kind == "reviews":
                body["rating"] = rng.choices([1, 2, 3, 4, 5], weights=[2, 1, 1, 2, 6])[0]
            with contextlib.suppress(httpx.HTTPError):
                await http.post(f"/_sandbox/sellers/{world.wb_seller}/{kind}", json=body)
                log.info("demo.injected", kind=kind)


async def run_demo(
    *, ports: DemoPorts, seed: int, inject_every_s: float, data_dir: Path, ready_file: Path | None, llm: bool = False
) -> None:
    """Start the sandboxes, seed them, connect the demo seller, run everything until cancelled."""
    from sandbox.llm.server import create_app as llm_app
    from sandbox.telegram.server import create_app as telegram_app
    from sandbox.wb.server import create_app as wb_app

    # The sandboxes keep their state beside AgentIQ's database, so a restarted demo continues one story: the same
    # store and chats, and new buyer items that never reuse an id AgentIQ already holds.
    state_dir = data_dir / "sandbox"
    wb = wb_app(seed=seed, sellers=0, state_file=state_dir / "wb.pickle")
    telegram = telegram_app(state_file=state_dir / "telegram.pickle")
    async with contextlib.AsyncExitStack() as stack:
        wb_url = await stack.enter_async_context(serve_app(wb, port=ports.wb))
        tg_url = await stack.enter_async_context(serve_app(telegram, port=ports.telegram))
        llm_url = await stack.enter_async_context(serve_app(llm_app(), port=ports.llm))
        world_file = state_dir / "demo.json"
        if wb.state.restored and telegram.state.restored and world_file.exists():
            saved = json.loads(world_file.read_text())
            world = DemoWorld(wb_url, tg_url, llm_url, saved["wb_seller"], saved["wb_token"], saved["ops_chat_id"])
        else:
            world = await seed_sandboxes(wb_url, tg_url, llm_url)
            state_dir.mkdir(parents=True, exist_ok=True)
            saved = {"wb_seller": world.wb_seller, "wb_token": world.wb_token, "ops_chat_id": world.ops_chat_id}
            world_file.write_text(json.dumps(saved))

        settings = demo_settings(world, ports, data_dir)
        from core.db import upgrade

        await upgrade(settings)
        await prepare_demo(world, settings, llm=llm)

        from cli.runtime import run_all

        def ready() -> None:
            lines = [
                "",
                "AgentIQ demo is running (Ctrl-C stops it).",
                f"  Telegram (you are the seller): {tg_url}/chat/{DEMO_USER_ID}",
                f"  Ops alerts channel:            {tg_url}/chat/{world.ops_chat_id}",
                f"  Web admin:                     http://127.0.0.1:{ports.admin}/  "
                f"login {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}",
                f"  WB sandbox, answered items:    {wb_url}/_sandbox/answers",
                f"  New buyer activity every {inject_every_s:g} s.",
                "  Page the owner (a burn and a legal threat):",
                f"    curl -X POST {wb_url}/_sandbox/sellers/{world.wb_seller}/reviews -H 'content-type: "
                f"application/json' -d '{json.dumps({'text': SAFETY_EXAMPLE, 'rating': 5}, ensure_ascii=False)}'",
                "",
            ]
            print("\n".join(lines), flush=True)
            if ready_file is not None:
                ready_file.write_text(f"{tg_url}\n{wb_url}\nhttp://127.0.0.1:{ports.admin}\n{world.wb_seller}\n")

        extra = [lambda: inject_forever(world, inject_every_s, seed)]
        if llm:
            extra.append(llm_for_new_sellers)
        await run_all(settings, extra=tuple(extra), ready=ready)
