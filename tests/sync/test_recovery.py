"""WB recovery: after an outage every seller × channel syncs again within one interval (the backoff is capped by
how long the pair has been failing; the scheduler probes one backed-off pair per interval and its first success
makes the others due at once); a channel failing for 3 minutes raises one ops alert; a backfill step that keeps
failing alerts and falls through to incremental sync."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.alerts import AlertKind, evaluate
from core.models import Alert, Channel, Interaction, SyncCursor
from sync.engine import sync_channel
from sync.engine.feedbacks import BACKFILL_STEP_TRIES
from sync.scheduler import probe_backed_off
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox

INTERVAL_S = 30


def _settings(settings, url):
    s = sync_settings(settings, url, review_interval_s=INTERVAL_S)
    return s.model_copy(update={"wb": s.wb.model_copy(update={"max_retries": 0})})


async def _outage(wb, cabinets, reads: list[str]) -> None:
    for cabinet in cabinets:
        await wb.control("PUT", f"/sellers/{cabinet['seller_id']}/script", read=reads)


async def test_after_an_outage_every_pair_syncs_again_within_one_interval(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        s = _settings(settings, wb.url)
        cabinets = [await wb.new_seller(reviews=1, questions=0, chats=0) for _ in range(3)]
        sellers = [await connect(s, c["token"]) for c in cabinets]
        async with sync_context(s) as (ctx, _):
            for seller in sellers:
                assert (await sync_channel(ctx, seller.id, Channel.REVIEW)).status == "ok"
            # WB has answered 5xx for a minute (three failures in a row so far) and still does.
            await _outage(wb, cabinets, ["5xx_before"] * 20)
            now = datetime.now(UTC)
            await SyncCursor.all().update(last_success_at=now - timedelta(seconds=60), consecutive_failures=3)
            for seller in sellers:
                assert (await sync_channel(ctx, seller.id, Channel.REVIEW)).status == "failed"
            for cursor in await SyncCursor.all():
                # Capped by the minute of failing, not 30 s x 2^4: the next try comes about as soon as it failed.
                assert (cursor.next_due_at - datetime.now(UTC)).total_seconds() <= 61

            # The outage ends; nobody has tried for an interval: the scheduler's probe makes one pair due.
            await _outage(wb, cabinets, [])
            now = datetime.now(UTC)
            await SyncCursor.all().update(
                last_error_at=now - timedelta(seconds=INTERVAL_S + 1), next_due_at=now + timedelta(minutes=10)
            )
            assert await probe_backed_off(now - timedelta(seconds=1), s) == []  # tried within the interval
            ((seller_id, channel),) = await probe_backed_off(now, s)
            assert channel == Channel.REVIEW
            assert await probe_backed_off(now, s) == []  # that one is due: no second probe
            assert (await sync_channel(ctx, seller_id, Channel.REVIEW)).status == "ok"
            # Its success brought every other backed-off pair forward: due now, not in ten minutes.
            for cursor in await SyncCursor.all():
                assert cursor.next_due_at <= datetime.now(UTC) + timedelta(seconds=INTERVAL_S)
            for seller in sellers:
                assert (await sync_channel(ctx, seller.id, Channel.REVIEW)).status == "ok"


async def test_a_channel_failing_for_three_minutes_raises_one_ops_alert(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        s = _settings(settings, wb.url)
        sellers = [await connect(s, (await wb.new_seller())["token"]) for _ in range(2)]
        now = datetime.now(UTC)
        for seller in sellers:
            await SyncCursor.create(
                seller=seller,
                channel=Channel.REVIEW,
                consecutive_failures=2,
                last_success_at=now - timedelta(minutes=2),
                next_due_at=now,
            )
        await evaluate(now, s)
        assert not await Alert.filter(kind=AlertKind.SYNC_FAILING).exists()
        await SyncCursor.all().update(last_success_at=now - timedelta(minutes=4))
        await evaluate(now, s)
        (alert,) = await Alert.filter(kind=AlertKind.SYNC_FAILING)
        assert alert.seller_id is None and "review (2)" in alert.text and alert.open_key
        await SyncCursor.all().update(consecutive_failures=0, last_success_at=now)
        await evaluate(now, s)
        assert (await Alert.get(id=alert.id)).resolved_at is not None


async def test_a_backfill_step_that_keeps_failing_alerts_and_falls_through(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        s = _settings(settings, wb.url)
        cabinet = await wb.new_seller(reviews=3, questions=0, chats=0)
        seller = await connect(s, cabinet["token"])
        async with sync_context(s) as (ctx, _):
            await _outage(wb, [cabinet], ["5xx_before"] * BACKFILL_STEP_TRIES)
            for _ in range(BACKFILL_STEP_TRIES - 1):
                assert (await sync_channel(ctx, seller.id, Channel.REVIEW)).status == "failed"
            assert not (await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)).backfill_done
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            cursor = await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)
            assert cursor.backfill_done and cursor.backfill_state["backfill_skipped"] == {"phase": 0, "skip": 0}
            assert await Alert.filter(kind="backfill_stuck", seller_id=seller.id).exists()
            # The next run is incremental (a full pass): the seller's reviews arrive after all.
            assert (await sync_channel(ctx, seller.id, Channel.REVIEW)).status == "ok"
            assert await Interaction.filter(seller_id=seller.id, channel=Channel.REVIEW).count() == 3
