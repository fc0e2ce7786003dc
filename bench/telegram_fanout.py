"""Card fan-out under Telegram's real flood limits: N cards through `bot.notify` to the Telegram sandbox.

    .venv/bin/python bench/telegram_fanout.py [--cards 10000] [--chats 1000] [--workers 50]
        [--resets 0.3] [--outage 20]

The sandbox enforces Telegram's limits (30 messages/s per bot, 1/s per private chat with a burst of 3); our shared
limiter runs at the same 30/s. Prints achieved messages/s against the 30/s limit and the 429 count (target ≥ 90 %
of the limit with 0 × 429: the limiter, not the retry, keeps us inside). Uses a throwaway PostgreSQL database.

Faults (issue 26): `--resets S` resets the connection of a share S of sendMessage calls; `--outage T` fails every
sendMessage with a 502 for the first T seconds. Cards whose send gave up are re-sent by the sweep
(`core.cards.stale_claims`, run here every second with a 15 s lease); prints lost and duplicated cards and how
long after the outage every card was delivered.
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
from bot.notifier import Notifier
from bot.notify import notify_interaction
from cli.serving import serve_app
from core import db as core_db
from core.cards import stale_claims
from core.models import Card, Channel, DeliveryState, Interaction, MemberRole, Seller, SellerMember, SellerStatus
from core.ratelimit import RateLimiter
from core.settings import load_settings
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


async def _sweep_until_delivered(notifier: Notifier, total: int, within: float = 600) -> float:
    """Run the card sweep every second until every card is sent; returns the seconds it took."""
    started = time.perf_counter()
    telegram = notifier.settings.telegram
    while await Card.filter(state=DeliveryState.SENT).count() < total and time.perf_counter() - started < within:
        for interaction_id in await stale_claims(datetime.now(UTC), telegram.card_lease_s, 24):
            await notify_interaction(interaction_id, notifier)
        await asyncio.sleep(1)
    return time.perf_counter() - started


async def main(cards: int, chats: int, workers: int, resets: float = 0.0, outage: float = 0.0) -> None:
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
            delivery = {"send_retry_s": 2, "request_timeout_s": 5, "card_lease_s": 15} if resets or outage else {}
            settings = load_settings(
                database_url=settings.database_url, telegram={"bot_token": TOKEN, "api_base_url": url, **delivery}
            )
            if resets:
                rule = {"error": "reset", "share": resets, "methods": ["sendMessage"], "seed": 1}
                (await http.post("/_sandbox/faults", json=rule)).raise_for_status()
            if outage:
                rule = {"error": "5xx", "seconds": outage, "methods": ["sendMessage"]}
                (await http.post("/_sandbox/faults", json=rule)).raise_for_status()
            bot = build_bot(settings)
            notifier = Notifier(bot, RateLimiter(None), settings, enqueue=send_queue(get_broker(settings)))
            queue = iter(ids)

            async def worker() -> None:
                for interaction_id in queue:
                    await notify_interaction(interaction_id, notifier)

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(workers)))
            elapsed = time.perf_counter() - started
            swept = await _sweep_until_delivered(notifier, cards) if resets or outage else 0.0
            await bot.session.close()
            stats = (await http.get("/_sandbox/stats")).json()
            faults = (await http.get("/_sandbox/faults")).json()["taken_total"]
        sent = await Card.filter(state=DeliveryState.SENT).count()
        rate = stats["sent_total"] / elapsed
        print(f"cards={cards} chats={chats} workers={workers} sent={sent} sandbox_sent={stats['sent_total']}")
        print(f"elapsed={elapsed:.1f}s rate={rate:.2f} msg/s = {rate / 30 * 100:.1f}% of 30/s")
        print(f"429 from sandbox={stats['too_many_requests']} retries seen={notifier.retries}")
        print(f"duplicates={stats['sent_total'] - sent} max per chat={max(stats['sent_per_chat'].values())}")
        if resets or outage:
            print(f"faults injected={faults} retries (network/5xx)={notifier.errors} lost={cards - sent}")
            print(f"fan-out {elapsed:.1f}s, then the sweep delivered the rest in {swept:.1f}s")
    finally:
        if db is not None:
            await db.close()
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--resets", type=float, default=0.0, help="share of sendMessage calls reset")
    parser.add_argument("--outage", type=float, default=0.0, help="seconds of 502 on sendMessage at the start")
    args = parser.parse_args()
    asyncio.run(main(args.cards, args.chats, args.workers, args.resets, args.outage))
