"""Fan-out: 600 cards to 100 chats through the sandbox's flood limits with 0 failed and 0 duplicated (the scale
figures, 10 000 cards to 1 000 chats, are the benchmark's: bench/README.md).

Telegram's global 30 messages/s would make this a 20 s test, so both the sandbox's per-bot bucket and our global
limit run at 300/s here (the same ratio); the per-chat limit stays at Telegram's real 1/s. The benchmark
(bench/telegram_fanout.py) runs the real 30/s.
"""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

from bot.app import build_bot
from bot.notifier import Notifier
from bot.notify import notify_interaction
from cli.serving import serve_app
from core.models import Card, Channel, DeliveryState, Interaction
from core.ratelimit import RateLimiter
from core.settings import TelegramSettings
from sandbox.telegram.server import create_app
from tests.bot.conftest import BOT_TOKEN, TelegramSandbox, make_member, make_seller, shared_send_queue

CHATS = 100
PER_CHAT = 6
WORKERS = 50


async def fan_out(ids: list[int], notifier: Notifier, workers: int) -> list[int]:
    """Run notify_interaction for `ids` on `workers` concurrent task slots (like taskiq's max_async_tasks)."""
    queue = iter(ids)
    results: list[int] = []

    async def worker() -> None:
        for interaction_id in queue:
            results.append(await notify_interaction(interaction_id, notifier))

    await asyncio.gather(*(worker() for _ in range(workers)))
    return results


async def test_fanout_600_cards_100_chats(db, settings) -> None:
    import httpx

    app = create_app(bot_tokens=[BOT_TOKEN])
    app.state.sandbox.flood.per_bot = 300
    async with serve_app(app) as url, httpx.AsyncClient(base_url=url) as http:
        tg = TelegramSandbox(url, app, http)
        chats = [await tg.user(900_000 + n) for n in range(CHATS)]
        sellers = []
        for chat in chats:
            seller = await make_seller()
            await make_member(seller, chat)
            sellers.append(seller)
        now = datetime.now(UTC)
        await Interaction.bulk_create(
            [
                Interaction(
                    seller=seller,
                    channel=Channel.REVIEW,
                    external_id=f"f{n}-{i}",
                    text=f"review {i}",
                    rating=4,
                    occurred_at=now,
                    nm_id=1,
                )
                for i, (n, seller) in zip(range(CHATS * PER_CHAT), itertools.cycle(enumerate(sellers)), strict=False)
            ],
            batch_size=1000,
        )
        ids = list(await Interaction.all().order_by("id").values_list("id", flat=True))
        telegram = TelegramSettings(bot_token=BOT_TOKEN, api_base_url=url, global_rate="300/second")
        fanout_settings = settings.model_copy(update={"telegram": telegram})
        bot = build_bot(fanout_settings)
        try:
            notifier = Notifier(bot, RateLimiter(None), fanout_settings, enqueue=shared_send_queue())
            assert sum(await fan_out(ids, notifier, WORKERS)) == CHATS * PER_CHAT
            # A full redelivery of every task sends nothing more.
            assert sum(await fan_out(ids, notifier, WORKERS)) == 0
        finally:
            await bot.session.close()
        stats = await tg.stats()
    assert stats["too_many_requests"] == 0 and notifier.retries == 0
    assert stats["sent_total"] == CHATS * PER_CHAT
    assert set(stats["sent_per_chat"].values()) == {PER_CHAT}
    assert await Card.filter(state=DeliveryState.SENT).count() == CHATS * PER_CHAT
