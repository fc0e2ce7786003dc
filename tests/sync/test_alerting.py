"""The periodic ops-alerts round (real DB): raised alerts reach the bot's delivery task once delivered state says
so, the scheduler kicks the round on its own interval, and a token reconnect resolves the "token invalid" alert."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from core.alerts import AlertKind
from core.models import Alert, Channel, Seller, SellerStatus
from core.tasks import TaskName
from core.tokens import TokenCheck, set_token
from sync.alerting import evaluate_alerts
from sync.scheduler import run_forever
from tests.brokers import recording_broker
from tests.factories import new_seller
from tests.sync.wbenv import sync_context


async def test_round_kicks_every_open_undelivered_alert(db, settings) -> None:
    broken = await new_seller("Broken", status=SellerStatus.TOKEN_INVALID)
    async with sync_context(settings, limits=False) as (ctx, rec):
        assert await evaluate_alerts(ctx, datetime.now(UTC)) == 1
        alert = await Alert.get(kind=AlertKind.TOKEN_INVALID, seller_id=broken.id)
        assert alert.open_key is not None and rec.of("bot.deliver_alert") == [alert.id]

        # Not delivered yet (the bot was down): the next round kicks it again — delivery claims itself.
        await evaluate_alerts(ctx, datetime.now(UTC))
        assert rec.of("bot.deliver_alert") == [alert.id, alert.id]

        await Alert.filter(id=alert.id).update(delivered_at=datetime.now(UTC))
        assert await evaluate_alerts(ctx, datetime.now(UTC)) == 0
        assert rec.of("bot.deliver_alert") == [alert.id, alert.id]
        assert (await Alert.get(id=alert.id)).count == 3  # still open, bumped by each round


async def test_reconnect_resolves_token_invalid_alert(db, settings) -> None:
    seller = await new_seller(status=SellerStatus.TOKEN_INVALID)
    other = await new_seller("Other", status=SellerStatus.TOKEN_INVALID)
    async with sync_context(settings, limits=False) as (ctx, _):
        await evaluate_alerts(ctx, datetime.now(UTC))
    assert await Alert.filter(kind=AlertKind.TOKEN_INVALID, open_key__isnull=False).count() == 2

    await set_token(seller_id=seller.id, token="t" * 40, check=TokenCheck(frozenset(Channel), None), settings=settings)
    mine = await Alert.get(kind=AlertKind.TOKEN_INVALID, seller_id=seller.id)
    assert mine.open_key is None and mine.resolved_at is not None
    theirs = await Alert.get(kind=AlertKind.TOKEN_INVALID, seller_id=other.id)
    assert theirs.open_key is not None and theirs.resolved_at is None
    assert (await Seller.get(id=seller.id)).status == SellerStatus.ACTIVE


async def test_scheduler_kicks_alerts_round_on_its_own_interval(settings) -> None:
    five_ticks = asyncio.Event()

    async def tick() -> None:
        if rec.order.count(TaskName.SYNC_TICK) >= 5:
            five_ticks.set()

    broker, rec = recording_broker(run={TaskName.SYNC_TICK: tick})
    s = settings.model_copy(
        update={"sync": settings.sync.model_copy(update={"tick_s": 0.02, "alerts_interval_s": 3600})}
    )
    await broker.startup()
    try:
        loop = asyncio.create_task(run_forever(broker, s))
        await asyncio.wait_for(five_ticks.wait(), 10)
        loop.cancel()
    finally:
        await broker.shutdown()
    # Every tick, but the alerts round once: its interval (an hour) has not passed since the first.
    assert rec.order[:2] == [TaskName.SYNC_TICK, TaskName.EVALUATE_ALERTS]
    assert rec.order.count(TaskName.EVALUATE_ALERTS) == 1
