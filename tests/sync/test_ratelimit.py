"""Shared WB limits in Redis: two limiters (two worker processes) share one budget per seller × bucket; a 429
pause holds only that seller's bucket; a sync under WB's real limits never draws a 429; a 429 storm is survived."""

from __future__ import annotations

import time

from core.models import Channel, SyncCursor, SyncRun
from core.ratelimit import RateLimiter, WBRateGate, burst_item
from sync.engine import sync_channel
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox


def test_burst_item_stays_inside_wb_bucket() -> None:
    item = burst_item("3/second", 6)
    assert (item.amount, item.get_expiry()) == (6, 2)
    assert burst_item("10/10second").amount == 10
    returns = burst_item("20/minute", 10)  # WB's claims limit: 20/min, burst 10 → 10 per 30 s
    assert (returns.amount, returns.get_expiry()) == (10, 30)


async def test_returns_bucket_is_shared_by_workers_and_separate(settings, redis_url, redis_client) -> None:
    a, b = RateLimiter(redis_url), RateLimiter(redis_url)
    gate_a, gate_b = WBRateGate(a, settings.wb), WBRateGate(b, settings.wb)
    for i in range(10):
        await (gate_a if i % 2 else gate_b).acquire("1", "returns")
    item = burst_item(settings.wb.returns_rate, settings.wb.returns_burst)
    assert await b.try_hit(item, "wb:returns:1") > 20  # the 11th request of the burst waits out the window
    assert await a.try_hit(item, "wb:returns:2") == 0  # another seller's bucket
    await gate_a.acquire("1", "feedbacks")  # the other buckets of the seller are untouched
    await gate_b.acquire("1", "chat")
    await a.aclose()
    await b.aclose()


async def test_two_processes_share_one_budget_and_pauses_are_per_seller(settings, redis_url, redis_client) -> None:
    a, b = RateLimiter(redis_url), RateLimiter(redis_url)
    gates = [WBRateGate(a, settings.wb), WBRateGate(b, settings.wb)]
    item = burst_item(settings.wb.feedbacks_rate, settings.wb.feedbacks_burst)
    allowed = [await (a if i % 2 else b).try_hit(item, "wb:feedbacks:1") == 0 for i in range(8)]
    assert allowed == [True] * 6 + [False] * 2
    await gates[0].penalize("2", "chat", 30)
    assert await b.paused_for("wb:chat:2") > 25
    assert await b.paused_for("wb:chat:3") == 0
    assert await b.try_hit(burst_item(settings.wb.chat_rate), "wb:chat:2") > 25
    await a.aclose()
    await b.aclose()


async def test_real_limits_no_429_and_storm_resumes_with_alert(db, settings, redis_url, redis_client) -> None:
    async with wb_sandbox() as wb:  # the sandbox enforces WB's per-seller limits
        made = await wb.new_seller(reviews=40, questions=0, chats=0)
        s = sync_settings(settings.model_copy(update={"redis_url": redis_url}), wb.url, page_size=5)
        s = s.model_copy(update={"ops": s.ops.model_copy(update={"rate_limit_streak": 2})})
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            run = await SyncRun.get(seller_id=seller.id)
            assert run.http_calls > 6 and run.rate_limited == 0  # > one burst, no 429: our gate kept WB's pace
            await wb.control("PATCH", "/config", storm_requests=40, storm_retry_after=0.05)
            for _ in range(2):
                failed = await sync_channel(ctx, seller.id, Channel.REVIEW)
                assert failed.error == "rate limited" and failed.rate_limited > 0
            cursor = await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)
            assert cursor.consecutive_429 == 2
            assert rec.of("bot.deliver_alert")  # the rate_limited alert reached the bot
            await wb.control("PATCH", "/config", storm_requests=0)
            await wb.control("POST", f"/sellers/{made['seller_id']}/reviews", text="Брак", rating=1)
            ok = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert ok.error is None and ok.new == 1  # progress resumes where it stopped
            assert (await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)).consecutive_429 == 0


async def test_memory_windows_admit_a_burst_then_wait_out_the_window() -> None:
    limiter = RateLimiter(None)  # the embedded shape: windows in this process
    item = burst_item("3/second", 6)  # 6 per 2 s
    allowed = [await limiter.try_hit(item, "wb:feedbacks:1") == 0 for _ in range(8)]
    assert allowed == [True] * 6 + [False] * 2
    assert 1.5 < await limiter.try_hit(item, "wb:feedbacks:1") <= 2.0  # until the oldest leaves the window
    assert await limiter.try_hit(item, "wb:feedbacks:2") == 0  # another key
    assert await limiter.try_hit(burst_item("1/second"), "wb:feedbacks:1") == 0  # another item, same key
    await limiter.pause("wb:chat:1", 30)
    assert await limiter.try_hit(burst_item("3/second"), "wb:chat:1") > 25
    started = time.monotonic()
    await limiter.wait(item, "wb:feedbacks:1")  # the window moves on: admitted once the oldest hits expire
    assert 1.5 < time.monotonic() - started < 3.0
