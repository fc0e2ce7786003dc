"""Card fan-out under Telegram's real flood limits: N cards through `bot.notify` to the Telegram sandbox.

    .venv/bin/python bench/telegram_fanout.py [--cards 10000] [--chats 1000] [--workers 50]

The sandbox enforces Telegram's limits (30 messages/s per bot, 1/s per private chat with a burst of 3); our shared
limiter runs at the same 30/s. Prints achieved messages/s against the 30/s limit and the 429 count (target ≥ 90 %
of the limit with 0 × 429: the limiter, not the retry, keeps us inside). Uses a throwaway PostgreSQL database.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import time
import uuid
from datetime import UTC, datetime

import asyncpg
import httpx

from bot.app import build_bot
from bot.notify import Notifier, notify_interaction
from core import db as core_db
from core.models import Card, CardState, Channel, Interaction, MemberRole, Seller, SellerMember, SellerStatus
from core.ratelimit import RateLimiter
from core.settings import load_settings
from sandbox.runner import serve_app
from sandbox.telegram.server import create_app
from sync.broker import get_broker, send_queue

PG = "postgres://postgres@127.0.0.1:5432"
TOKEN = "123456:bench-token"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{PG}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _seed(http: httpx.AsyncClient, cards: int, chats: int) -> list[int]:
    for start in range(0, chats, 100):
        await asyncio.gather(
            *(
                http.post("/_sandbox/users", json={"id": 500_000 + n, "first_name": f"U{n}", "start": True})
                for n in range(start, min(start + 100, chats))
            )
        )
    sellers = await Seller.bulk_create(
        [Seller(name=f"S{n}", status=SellerStatus.ACTIVE) for n in range(chats)], batch_size=1000
    )
    sellers = await Seller.all().order_by("id")
    await SellerMember.bulk_create(
        [
            SellerMember(seller=s, tg_user_id=500_000 + n, tg_chat_id=500_000 + n, role=MemberRole.OWNER, language="ru")
            for n, s in enumerate(sellers)
        ],
        batch_size=1000,
    )
    now = datetime.now(UTC)
    await Interaction.bulk_create(
        [
            Interaction(
                seller=s,
                channel=Channel.REVIEW,
                external_id=f"b{i}",
                text=f"Отзыв {i}",
                rating=4,
                occurred_at=now,
                nm_id=100 + i,
            )
            for i, s in zip(range(cards), itertools.cycle(sellers), strict=False)
        ],
        batch_size=1000,
    )
    return list(await Interaction.all().order_by("id").values_list("id", flat=True))


async def main(cards: int, chats: int, workers: int) -> None:
    name = f"agentiq_bench_{uuid.uuid4().hex[:8]}"
    await _admin(f'CREATE DATABASE "{name}"')
    settings = load_settings(database_url=f"{PG}/{name}")
    db: core_db.Database | None = None
    try:
        await core_db.upgrade(settings)
        db = await core_db.open_database(settings)
        app = create_app(bot_tokens=[TOKEN])
        async with serve_app(app) as url, httpx.AsyncClient(base_url=url, timeout=60) as http:
            ids = await _seed(http, cards, chats)
            settings = load_settings(
                database_url=settings.database_url, telegram={"bot_token": TOKEN, "api_base_url": url}
            )
            bot = build_bot(settings)
            notifier = Notifier(bot, RateLimiter(None), settings, enqueue=send_queue(get_broker(settings)))
            queue = iter(ids)

            async def worker() -> None:
                for interaction_id in queue:
                    await notify_interaction(interaction_id, notifier)

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(workers)))
            elapsed = time.perf_counter() - started
            await bot.session.close()
            stats = (await http.get("/_sandbox/stats")).json()
        sent = await Card.filter(state=CardState.SENT).count()
        rate = stats["sent_total"] / elapsed
        print(f"cards={cards} chats={chats} workers={workers} sent={sent} sandbox_sent={stats['sent_total']}")
        print(f"elapsed={elapsed:.1f}s rate={rate:.2f} msg/s = {rate / 30 * 100:.1f}% of 30/s")
        print(f"429 from sandbox={stats['too_many_requests']} retries seen={notifier.retries}")
        print(f"duplicates={stats['sent_total'] - sent} max per chat={max(stats['sent_per_chat'].values())}")
    finally:
        if db is not None:
            await db.close()
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.cards, args.chats, args.workers))
