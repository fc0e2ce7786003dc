"""What a sync worker holds for its lifetime: settings, the WB client behind the shared rate gate, locks, broker.

Built once per worker process (taskiq WORKER_STARTUP) or by a test/benchmark. Per-run counters (HTTP calls, 429s)
are collected through a context variable the gate writes to, so concurrent runs in one process don't mix them.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass, field

import httpx
import redis.asyncio as aioredis
from taskiq import AsyncBroker

from core import alerts, redisconn, tokens
from core import db as core_db
from core.i18n import translator
from core.models import AlertSeverity, Seller
from core.ratelimit import RateLimiter, WBRateGate, build_limiter
from core.secrets import SecretBox, secret_box
from core.settings import Settings
from core.tasks import TaskName
from sync.broker import kick
from sync.drift import DriftRadar, FirstSighting, alert_kind
from sync.locks import Locker
from sync.wb import RateGate, WBAuth, WBClient
from sync.wb.drift import Drift
from sync.wb.models import NewItems


@dataclass
class RunCounters:
    """HTTP requests and 429s of one sync run."""

    http_calls: int = 0
    rate_limited: int = 0


current_counters: ContextVar[RunCounters | None] = ContextVar("sync_run_counters", default=None)


class CountingGate:
    """Counts every request and 429 into the running sync's counters; delegates limiting to `inner` if any."""

    def __init__(self, inner: RateGate | None) -> None:
        self._inner = inner

    async def acquire(self, seller_key: str, bucket: str) -> None:
        """Wait for the inner gate, then count the request."""
        if self._inner is not None:
            await self._inner.acquire(seller_key, bucket)
        if (counters := current_counters.get()) is not None:
            counters.http_calls += 1

    async def penalize(self, seller_key: str, bucket: str, seconds: float) -> None:
        """Count the 429 and pause the seller's bucket."""
        if (counters := current_counters.get()) is not None:
            counters.rate_limited += 1
        if self._inner is not None:
            await self._inner.penalize(seller_key, bucket, seconds)


@dataclass
class SyncContext:
    """The resources sync functions take as their first argument."""

    settings: Settings
    broker: AsyncBroker
    wb: WBClient
    limiter: RateLimiter
    locker: Locker
    redis: aioredis.Redis | None
    db: core_db.Database | None = None
    # Without Redis, the probe's answers of this round (sync.engine.probe), with their expiry (monotonic seconds).
    probe_answers: dict[str, tuple[float, NewItems]] = field(default_factory=dict)
    # The token box, built on first use: building it reads the key file, which a run should not do every time.
    box: SecretBox | None = None
    # When this worker's tick next does its upkeep (monotonic seconds; see `upkeep_due`).
    upkeep_at: float = 0.0

    def upkeep_due(self) -> bool:
        """Whether this tick does the upkeep (at most every `sync.upkeep_s` in this worker)."""
        now = time.monotonic()
        if now < self.upkeep_at:
            return False
        self.upkeep_at = now + self.settings.sync.upkeep_s
        return True

    async def aclose(self) -> None:
        """Release everything this context opened."""
        await self.wb.aclose()
        await self.locker.aclose()
        await self.limiter.aclose()
        if self.redis is not None:
            await self.redis.aclose()
        if self.db is not None:
            await self.db.close()


async def open_context(
    settings: Settings, broker: AsyncBroker, *, limits: bool = True, http: httpx.AsyncClient | None = None
) -> SyncContext:
    """Open the DB (unless this process already did), the WB client with the shared gate, the locker."""
    db = await core_db.open_database(settings)
    limiter = build_limiter(settings)
    gate = CountingGate(WBRateGate(limiter, settings.wb) if limits else None)
    redis = redisconn.client(settings.redis_url) if settings.redis_url else None
    radar = DriftRadar(redis, on_first=drift_alert(settings, broker))
    return SyncContext(
        settings=settings,
        broker=broker,
        wb=WBClient(settings.wb, gate=gate, http=http, observer=radar),
        limiter=limiter,
        locker=Locker(settings.redis_url, ttl_s=settings.sync.lock_ttl_s),
        redis=redis,
        db=db,
    )


def drift_alert(settings: Settings, broker: AsyncBroker) -> FirstSighting:
    """The first sighting of a drift: one ops alert naming the endpoint and the field, handed to the bot."""

    async def raise_it(drift: Drift) -> None:
        t = translator(settings.default_language)
        text = t("sync-alert-wb-drift", endpoint=drift.endpoint, what=t(f"wb-drift-{drift.kind}"), field=drift.field)
        alert = await alerts.raise_alert(
            kind=alert_kind(drift), seller_id=None, severity=AlertSeverity.WARNING, text=text
        )
        if alert.delivered_at is None:
            await kick(broker, TaskName.DELIVER_ALERT, alert.id)

    return raise_it


def seller_auth(ctx: SyncContext, seller: Seller) -> WBAuth:
    """The seller's WB credentials, held to the budgets of its token's type."""
    if ctx.box is None:
        ctx.box = secret_box(ctx.settings)
    return WBAuth(
        token=tokens.get_token(seller, ctx.settings, ctx.box) or "",
        seller_key=str(seller.id),
        base=seller.token_type == tokens.TokenType.BASE,
    )
