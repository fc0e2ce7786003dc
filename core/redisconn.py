"""Redis clients that survive a Redis restart.

`redis.asyncio.from_url` builds connections that never retry (`Retry(NoBackoff(), 0)` unless `retry_on_error` is
given), so after Redis restarts the first command on every pooled connection fails with "Connection closed by
server" — a seller's button press lost in the bot, a kick failed in the scheduler. These options make every client
of ours reconnect and retry a few times with backoff instead, and ping a connection idle for a while before use.
"""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialWithJitterBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRIES = 5


def resilient_options() -> dict[str, Any]:
    """Connection options for `from_url` / connection pools: retry connection errors with backoff (~3 s in all)."""
    return {
        "retry": Retry(ExponentialWithJitterBackoff(base=0.1, cap=1.0), RETRIES),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError],
        "health_check_interval": 30,
    }


def client(url: str) -> aioredis.Redis:
    """A Redis client on `url` that reconnects and retries after a Redis restart."""
    return aioredis.from_url(url, **resilient_options())
