"""Our Redis clients survive a Redis restart: the first command after it reconnects instead of failing (a plain
`from_url` client fails it with "Connection closed by server": a lost button press, a failed kick)."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis.asyncio as aioredis
from aiogram.fsm.storage.base import StorageKey
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.app import build_storage
from core import redisconn
from core.settings import load_settings
from tests.acceptance.servers import OwnRedis


async def test_clients_reconnect_after_a_redis_restart(tmp_path: Path) -> None:
    server = OwnRedis(tmp_path)
    server.start()
    plain, ours = aioredis.from_url(server.url), redisconn.client(server.url)
    storage = build_storage(load_settings(redis_url=server.url))
    key = StorageKey(bot_id=1, chat_id=2, user_id=2)
    try:
        await plain.set("k", "v")
        await ours.set("k", "v")
        await storage.set_state(key, "waiting")
        server.kill9()
        server.start()  # AOF on: the data is back, the pooled connections are dead
        with pytest.raises(RedisConnectionError):
            await plain.get("k")
        assert await ours.get("k") == b"v"
        assert await storage.get_state(key) == "waiting"
    finally:
        await plain.aclose()
        await ours.aclose()
        await storage.close()
        server.stop()
