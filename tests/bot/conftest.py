"""Bot test wiring: the Telegram and WB sandboxes over real HTTP, a Bot pointed at the Telegram sandbox, one
Dispatcher per run (aiogram routers attach to one parent); the row builders are tests/factories.py's."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx
import pytest
from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.memory import MemoryStorage
from taskiq import InMemoryBroker

from bot import tasks as bot_tasks
from bot.app import build_bot, build_dispatcher
from bot.notifier import Notifier
from core.models import Channel, Seller
from core.ratelimit import RateLimiter
from core.sending import Enqueue
from core.settings import Settings, load_settings
from sync import tasks as sync_tasks
from sync.broker import send_queue

# The builders live in tests/factories.py; the bot and security tests import them from here.
from tests.factories import make_interaction, make_member, make_seller, unique_id  # noqa: F401
from tests.served import Remount, remount_server

BOT_TOKEN = "123456:sandbox-test-token"


@dataclass
class TelegramSandbox:
    """The running Telegram sandbox: its URL, in-process state and a client for `/_sandbox/*`."""

    url: str
    app: Any
    http: httpx.AsyncClient

    async def user(self, user_id: int | None = None, *, language: str = "en", start: bool = True) -> int:
        """A Telegram user who has opened the chat with the bot (so the bot may write to them)."""
        user_id = user_id or unique_id()
        body = {"id": user_id, "first_name": f"User {user_id}", "language_code": language, "start": start}
        (await self.http.post("/_sandbox/users", json=body)).raise_for_status()
        return user_id

    async def send(self, chat_id: int, text: str) -> dict[str, Any]:
        response = await self.http.post(f"/_sandbox/chats/{chat_id}/send", json={"text": text})
        response.raise_for_status()
        return response.json()

    async def press(self, chat_id: int, message_id: int, **how: Any) -> dict[str, Any]:
        response = await self.http.post(f"/_sandbox/chats/{chat_id}/press", json={"message_id": message_id, **how})
        response.raise_for_status()
        return response.json()

    async def messages(self, chat_id: int) -> list[dict[str, Any]]:
        response = await self.http.get(f"/_sandbox/chats/{chat_id}/messages")
        response.raise_for_status()
        return response.json()

    async def callback(self, callback_query_id: str) -> dict[str, Any]:
        found = (await self.http.get("/_sandbox/callbacks", params={"callback_query_id": callback_query_id})).json()
        return found[0] if found else {}

    async def stats(self) -> dict[str, Any]:
        return (await self.http.get("/_sandbox/stats")).json()


async def eventually(check: Callable[[], Awaitable[Any]], within: float = 20.0) -> Any:
    """Poll `check` until it returns something truthy (the bot answers asynchronously); fail after `within` s."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {within} s: {check}")
        await asyncio.sleep(0.05)


@pytest.fixture(scope="session")
async def tg_server() -> AsyncIterator[tuple[str, Remount]]:
    """The server the Telegram sandboxes of this test process are mounted on, one after the other."""
    async with remount_server() as served:
        yield served


@pytest.fixture(scope="session")
async def wb_server() -> AsyncIterator[tuple[str, Remount]]:
    """The server the WB sandboxes of this test process are mounted on, one after the other."""
    async with remount_server() as served:
        yield served


@pytest.fixture
async def tg(tg_server: tuple[str, Remount]) -> AsyncIterator[TelegramSandbox]:
    """A fresh Telegram sandbox for the test, over HTTP."""
    from sandbox.telegram.server import create_app

    # A private chat may burst: only the fan-out test (its own sandbox) runs Telegram's real per-chat limit.
    app = create_app(bot_tokens=[BOT_TOKEN], private_burst=50)
    url, server = tg_server
    async with server.mounted(app), httpx.AsyncClient(base_url=url) as http:
        yield TelegramSandbox(url, app, http)


@pytest.fixture
async def wb_url(wb_server: tuple[str, Remount]) -> AsyncIterator[str]:
    """The URL of a fresh WB sandbox for the test (no sellers yet)."""
    from sandbox.wb.server import create_app

    url, server = wb_server
    async with server.mounted(create_app(seed=7, sellers=0)):
        yield url


@pytest.fixture
def bot_settings(settings: Settings, tg: TelegramSandbox, wb_url: str) -> Settings:
    """The test settings pointed at both sandboxes."""
    return load_settings(
        database_url=settings.database_url,
        data_dir=settings.data_dir,
        encryption_keys=settings.encryption_keys.get_secret_value(),
        telegram={"bot_token": BOT_TOKEN, "api_base_url": tg.url, "per_chat_rate": "50/second"},
        wb={"feedbacks_base_url": wb_url, "chat_base_url": wb_url, "returns_base_url": wb_url, "max_retries": 0},
    )


@pytest.fixture
async def bot(bot_settings: Settings) -> AsyncIterator[Bot]:
    bot = build_bot(bot_settings)
    yield bot
    await bot.session.close()


@lru_cache(maxsize=1)
def shared_broker() -> InMemoryBroker:
    """The run's in-process broker with both task sets (the one `stack` runs them on); the tests open the sync
    context and the notifier themselves, so no worker startup is registered."""
    broker = InMemoryBroker(await_inplace=False)
    sync_tasks.register(broker)
    bot_tasks.register(broker)
    return broker


def shared_send_queue() -> Enqueue:
    """Core's send step on the run's shared broker."""
    return send_queue(shared_broker())


@pytest.fixture
async def notifier(bot: Bot, bot_settings: Settings) -> Notifier:
    return Notifier(bot, RateLimiter(None), bot_settings, enqueue=shared_send_queue())


@lru_cache(maxsize=1)
def _the_dispatcher() -> Dispatcher:
    # aiogram routers attach to one parent: every conftest that offers the fixture shares this one.
    return build_dispatcher(load_settings(), storage=MemoryStorage())


@pytest.fixture(scope="session")
def dispatcher() -> Dispatcher:
    """One Dispatcher for the run; each test gives it its own deps and a fresh FSM storage."""
    return _the_dispatcher()


@pytest.fixture
def dp(dispatcher: Dispatcher, bot_settings: Settings) -> Dispatcher:
    dispatcher.fsm.storage = MemoryStorage()
    dispatcher["settings"] = bot_settings
    dispatcher["enqueue"] = shared_send_queue()
    return dispatcher


@dataclass
class WBSandbox:
    url: str
    http: httpx.AsyncClient

    async def control(self, method: str, path: str, **body: Any) -> Any:
        response = await self.http.request(method, f"/_sandbox{path}", json=body or None)
        response.raise_for_status()
        return response.json()


@pytest.fixture
async def wb(wb_url: str) -> AsyncIterator[WBSandbox]:
    async with httpx.AsyncClient(base_url=wb_url) as http:
        sandbox = WBSandbox(wb_url, http)
        # The sync context here runs without our WB rate gate (speed); the sandbox's own limits go off with it.
        await sandbox.control("PATCH", "/config", limits=False)
        yield sandbox


@pytest.fixture
async def stack(db, tg, wb, bot_settings, bot, notifier, dp) -> AsyncIterator[Any]:
    """The whole product over HTTP: sync engine and outbox on the shared in-process broker, the bot's tasks, and
    the real bot long-polling the Telegram sandbox. Yields the sync context."""
    from bot.backfill import Backfill
    from sync.context import open_context
    from sync.token_probe import make_probe

    broker = shared_broker()

    ctx = await open_context(bot_settings, broker, limits=False)
    broker.state.sync = ctx
    broker.state.notifier = notifier
    backfill = Backfill(bot, broker, interval_s=0.2, timeout_s=30)
    dp["probe"] = make_probe(ctx.wb)
    dp["backfill"] = backfill
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1, close_bot_session=False))
    yield ctx
    await dp.stop_polling()
    await task
    await backfill.aclose()
    await broker.wait_all()
    await ctx.aclose()


async def pump(dp: Dispatcher, bot: Bot) -> int:
    """Fetch the updates waiting in the sandbox and feed them through the Dispatcher (no polling loop)."""
    fed = 0
    offset = None
    while updates := await bot.get_updates(offset=offset, timeout=0):
        for update in updates:
            await dp.feed_update(bot, update)
            fed += 1
        offset = updates[-1].update_id + 1
    return fed


@pytest.fixture
async def feed(dp: Dispatcher, bot: Bot, tg: TelegramSandbox) -> Callable[[], Awaitable[int]]:
    """`await feed()` delivers every pending sandbox update to the test Dispatcher."""
    dp["probe"] = None
    dp["backfill"] = None
    return lambda: pump(dp, bot)


def buttons(message: dict[str, Any]) -> list[str]:
    """The texts of a sandbox message's inline buttons, row by row."""
    return [button["text"] for row in message["buttons"] for button in row]


async def bot_message(
    tg: TelegramSandbox, chat: int, contains: str, message_id: int | None = None
) -> dict[str, Any] | None:
    """The newest bot message in `chat` containing `contains` (only message `message_id` when given)."""
    for message in reversed(await tg.messages(chat)):
        if message["from_bot"] and contains in (message["text"] or "") and message_id in (None, message["message_id"]):
            return message
    return None


async def connected_cabinet(
    stack: Any, tg: TelegramSandbox, wb: WBSandbox, channel: Channel
) -> tuple[Seller, int, int]:
    """A seller whose owner chats with the bot, connected to an empty WB sandbox cabinet, `channel` backfilled:
    (seller, owner's chat, the cabinet's seller number)."""
    from core.tokens import TokenCheck, set_token
    from sync.engine import sync_channel

    chat = await tg.user()
    cabinet = await wb.control("POST", "/sellers", reviews=0, questions=0, chats=0, claims=0)
    seller = await make_seller()
    await make_member(seller, chat)
    check = TokenCheck(channels=frozenset(Channel), expires_at=None)
    await set_token(seller_id=seller.id, token=cabinet["token"], check=check, settings=stack.settings)
    await sync_channel(stack, seller.id, channel)
    return seller, chat, cabinet["seller_id"]
