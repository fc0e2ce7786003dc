"""Live mode through both sandboxes: `agentiq run` (bot polling the Telegram sandbox, scheduler, in-process tasks)
with long poll intervals. A new WB review waits for them — until the seller taps a button on a card: then it gets
its card within seconds, and so does the next one; after the live window passes with no tap the seller falls back
to the long interval (a third review gets no card within the same seconds)."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.app import build_bot
from bot.notifier import Notifier
from bot.notify import notify_interaction
from cli.serving import free_port, serve_app
from core.models import Channel, Seller, SyncCursor
from core.ratelimit import RateLimiter
from core.settings import Settings, TelegramSettings
from sandbox.telegram.server import create_app as telegram_app
from tests.bot.conftest import make_member, shared_send_queue
from tests.faults.matrix import make_item
from tests.processes import agentiq_env, spawn, stop, wait_until
from tests.sync.wbenv import connect, wb_sandbox

TOKEN = "7000000032:AAH-live-mode-test-token"
CHAT = 3232
LONG_S = 300  # the channels' normal interval: nothing in this test may wait for it
LIVE_S = 2
WINDOW_S = 12
pytestmark = pytest.mark.slow


async def _cards(http: httpx.AsyncClient) -> list[dict]:
    return [m for m in (await http.get(f"/_sandbox/chats/{CHAT}/messages")).json() if m["from_bot"]]


async def _card_within(http: httpx.AsyncClient, text: str, seconds: float) -> float | None:
    """Seconds until a card quoting `text` is in the chat, None when none came within `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if any(text in m["text"] for m in await _cards(http)):
            return time.monotonic() - started
        await asyncio.sleep(0.1)
    return None


async def test_a_card_tap_switches_live_mode_on_and_it_falls_back(
    db: None, settings: Settings, database_url: str, tmp_path: Path
) -> None:
    async with (
        wb_sandbox(moderation_rate=0.0) as wb,  # WB's real per-seller limits
        serve_app(telegram_app(bot_tokens=[TOKEN], private_burst=100)) as tg_url,
        httpx.AsyncClient(base_url=tg_url, timeout=10) as http,
    ):
        cabinet = await wb.new_seller(reviews=0, questions=0, chats=0)
        num = cabinet["seller_id"]
        seller = await connect(settings, cabinet["token"])
        await Seller.filter(id=seller.id).update(language="en")
        (await http.post("/_sandbox/users", json={"id": CHAT, "first_name": "O", "start": True})).raise_for_status()
        await make_member(seller, CHAT)
        # A card to tap, delivered before the run starts.
        item = await make_item(wb, seller, num, Channel.REVIEW, text="Отличная кофта, рекомендую", rating=5)
        run_settings = settings.model_copy(
            update={"telegram": TelegramSettings(bot_token=TOKEN, api_base_url=tg_url, per_chat_rate="100/second")}
        )
        bot = build_bot(run_settings)
        try:
            notifier = Notifier(bot, RateLimiter(None), run_settings, enqueue=shared_send_queue())
            assert await notify_interaction(item.id, notifier) == 1
        finally:
            await bot.session.close()
        (card,) = await _cards(http)

        intervals = {f"SYNC__{c.upper()}_INTERVAL_S": str(LONG_S) for c in ("review", "question", "chat", "return")}
        env = agentiq_env(
            database_url,
            tmp_path,
            TELEGRAM__BOT_TOKEN=TOKEN,
            TELEGRAM__API_BASE_URL=tg_url,
            TELEGRAM__PER_CHAT_RATE="100/second",
            WB__FEEDBACKS_BASE_URL=wb.url,
            WB__CHAT_BASE_URL=wb.url,
            WB__RETURNS_BASE_URL=wb.url,
            ADMIN__PORT=str(free_port()),
            SYNC__TICK_S="0.5",
            SYNC__LIVE_INTERVAL_S=str(LIVE_S),
            SYNC__LIVE_RETURN_INTERVAL_S=str(LIVE_S),
            SYNC__LIVE_WINDOW_S=str(WINDOW_S),
            DEFAULT_LANGUAGE="en",
            **intervals,
        )
        log = tmp_path / "run.log"
        proc = spawn(["run"], env, log)
        try:

            async def synced() -> bool:
                return await SyncCursor.filter(seller_id=seller.id, backfill_done=True).count() == len(Channel)

            await wait_until(synced, proc, log)
            # Not live: a new review waits for the 300 s interval (the negative control).
            await wb.control("POST", f"/sellers/{num}/reviews", text="Шов разошёлся после стирки", rating=2)
            assert await _card_within(http, "Шов разошёлся", 3 * LIVE_S) is None

            skip = next(b for row in card["buttons"] for b in row if b["callback_data"].startswith("c:s:"))
            tapped = datetime.now(UTC)
            body = {"message_id": card["message_id"], "data": skip["callback_data"]}
            (await http.post(f"/_sandbox/chats/{CHAT}/press", json=body)).raise_for_status()
            # The tap switched live mode on: the waiting review is fetched at once ...
            assert await _card_within(http, "Шов разошёлся", 3 * LIVE_S) is not None
            live_at = (await Seller.get(id=seller.id)).live_at
            assert live_at is not None and live_at >= tapped - timedelta(seconds=1)
            # ... and a new one is carded within a few seconds, not 300.
            await wb.control("POST", f"/sellers/{num}/reviews", text="Маломерит на размер", rating=3)
            waited = await _card_within(http, "Маломерит", 2 * LIVE_S + 2)
            assert waited is not None

            # No tap for the whole window: the seller falls back to the long interval by itself.
            await asyncio.sleep(max(0.0, WINDOW_S - (datetime.now(UTC) - tapped).total_seconds()) + 2 * LIVE_S)
            review = await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)
            assert review.next_due_at is not None
            assert (review.next_due_at - datetime.now(UTC)).total_seconds() > LONG_S / 2
            await wb.control("POST", f"/sellers/{num}/reviews", text="Цвет не как на фото", rating=3)
            assert await _card_within(http, "Цвет не как", 3 * LIVE_S) is None
        finally:
            await asyncio.to_thread(stop, proc, log)
        print(f"\nlive mode: a review carded {waited:.1f} s after it was posted (live interval {LIVE_S} s)")
