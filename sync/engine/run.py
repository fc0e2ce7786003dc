"""One sync run of a seller × channel: lock, SyncRun row, the channel's pass, cursor bookkeeping, announcements.

Failures never sleep: the cursor's `next_due_at` moves (interval on success, exponential backoff after errors,
WB's stated wait after a 429 storm) and the scheduler picks it up again. 401 stops the seller (`sync.alerting`); 403
(the token lacks the channel's category) stops that channel with an alert naming the category; 402 (the service's WB
balance is empty) holds the seller's syncs and sends until a run succeeds again (`balance_empty`/`balance_cleared`).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

import structlog

from core import tokens
from core.i18n import translator
from core.live import is_live
from core.models import (
    AlertSeverity,
    Channel,
    Seller,
    SellerStatus,
    SyncCursor,
    SyncRun,
    SyncRunStatus,
)
from core.settings import SyncSettings
from core.tasks import TaskName
from sync.alerting import announce_alert, balance_cleared, balance_empty, category_refused, token_refused
from sync.broker import kick
from sync.context import RunCounters, SyncContext, current_counters, seller_auth
from sync.engine import chats, feedbacks, returns
from sync.engine.stats import RunStats
from sync.wb.errors import WBAuthError, WBCategoryRefused, WBError, WBPaymentRequired, WBRateLimited

log = structlog.get_logger(__name__)


def interval_of(sync: SyncSettings, channel: Channel, *, live: bool = False) -> int:
    """The poll interval of `channel` (of a seller in live mode: `core.live`)."""
    if live:
        return sync.live_return_interval_s if channel == Channel.RETURN else sync.live_interval_s
    return {
        Channel.REVIEW: sync.review_interval_s,
        Channel.QUESTION: sync.question_interval_s,
        Channel.RETURN: sync.return_interval_s,
    }.get(channel, sync.chat_interval_s)


def interval_s(ctx: SyncContext, channel: Channel, *, live: bool = False) -> int:
    """The poll interval of `channel` in this context."""
    return interval_of(ctx.settings.sync, channel, live=live)


def backoff_s(ctx: SyncContext, channel: Channel, failures: int, failing_for_s: float) -> float:
    """Exponential backoff with jitter after `failures` consecutive failures, capped by `max_backoff_s` and by how
    long the pair has been failing (`failing_for_s`, since its last success): after a short outage the wait stays
    as short as the outage was, instead of the doubling of every failure in a row."""
    base = interval_s(ctx, channel) * 2 ** min(failures, 16)
    cap = max(interval_s(ctx, channel), failing_for_s)
    return min(ctx.settings.sync.max_backoff_s, base, cap) * random.uniform(0.8, 1.0)


async def recovered(channel: Channel, now: datetime) -> int:
    """A pair of `channel` synced again after failures: WB is back, so every other pair of the channel backing off
    is due now instead of at the end of its backoff (the run lock keeps a pair from running twice)."""
    return await SyncCursor.filter(channel=channel, consecutive_failures__gt=0, next_due_at__gt=now).update(
        next_due_at=now
    )


async def _learn_token_type(ctx: SyncContext, seller: Seller) -> None:
    """WB's answers name the token's burst: a Base token found (or gone, after a reconnect) is recorded, so the next
    calls keep to its budgets and /settings tells the seller."""
    if seller.token_type == tokens.TokenType.TEST:
        return
    base = ctx.wb.base_token_seen(str(seller.id))
    found = None if base is None else tokens.TokenType.BASE if base else tokens.TokenType.STANDARD
    if found is not None and found != seller.token_type:
        await Seller.filter(id=seller.id).update(token_type=found)
        log.warning("wb.token_type", seller_id=seller.id, token_type=str(found))


async def announce(ctx: SyncContext, seller: Seller, stats: RunStats) -> None:
    """Kick the bot events and alerts a run collected (after its rows are committed)."""
    if stats.link_ids:
        # One linking task per run, not per page: it reads all of the run's new rows in a few queries.
        await kick(ctx.broker, TaskName.LINK, stats.link_ids)
    await stats.flush_notifications(ctx.broker)
    for interaction_id in dict.fromkeys(stats.refresh_ids):
        await kick(ctx.broker, TaskName.REFRESH_CARDS, interaction_id)
    t = translator(ctx.settings.default_language)
    for kind in dict.fromkeys(stats.alerts):
        text = t(f"sync-alert-{kind.replace('_', '-')}", seller=seller.name or str(seller.id))
        await announce_alert(ctx, kind, seller.id, AlertSeverity.WARNING, text)


async def sync_channel(ctx: SyncContext, seller_id: int, channel: Channel) -> SyncRun | None:
    """Run one sync of seller × channel unless another worker runs it or the seller is not active."""
    seller = await Seller.get_or_none(id=seller_id)
    if seller is None or seller.status != SellerStatus.ACTIVE or not seller.wb_token_enc:
        return None
    async with ctx.locker.hold(f"sync:{seller_id}:{channel}") as got:
        if not got:
            # A live run sets the real next time when it ends; a dead worker's lock expires within one TTL, and
            # the claim's lease is just as long, so ask again soon rather than a whole lease later.
            retry = datetime.now(UTC) + timedelta(seconds=ctx.settings.sync.lock_ttl_s / 3)
            await SyncCursor.filter(seller_id=seller_id, channel=channel, next_due_at__gt=retry).update(
                next_due_at=retry
            )
            return None
        return await _run(ctx, seller, Channel(channel))


async def _run(ctx: SyncContext, seller: Seller, channel: Channel) -> SyncRun:
    cursor, _ = await SyncCursor.get_or_create(seller_id=seller.id, channel=channel)
    now = datetime.now(UTC)
    run = await SyncRun.create(seller_id=seller.id, channel=channel, started_at=now, backfill=not cursor.backfill_done)
    started = time.monotonic()
    stats = RunStats(
        deadline=started + ctx.settings.sync.run_budget_s,
        backlog_before=None if cursor.backfill_done else seller.created_at,
    )
    counters = RunCounters()
    token = current_counters.set(counters)
    error: str | None = None
    auth = seller_auth(ctx, seller)
    try:
        runner = {Channel.CHAT: chats.sync, Channel.RETURN: returns.sync}.get(channel, feedbacks.sync)
        await runner(ctx, seller, auth, cursor, stats, now)
        if cursor.consecutive_failures:
            await recovered(channel, datetime.now(UTC))
        cursor.consecutive_failures = 0
        cursor.consecutive_429 = 0
        cursor.last_success_at = datetime.now(UTC)
        # tortoise types TextField(null=True) as str; the column is nullable
        cursor.last_error = None  # type: ignore[assignment]
        wait = 0.0 if stats.more else interval_s(ctx, channel, live=is_live(seller, now, ctx.settings.sync))
        await balance_cleared(ctx, seller.id)
    except WBPaymentRequired as exc:
        error = f"payment required: {exc.detail}"
        await balance_empty(ctx, seller, exc)
        cursor.consecutive_failures += 1
        failing_for = (now - (cursor.last_success_at or seller.created_at)).total_seconds()
        wait = backoff_s(ctx, channel, cursor.consecutive_failures, failing_for)
    except WBCategoryRefused as exc:
        error = f"category: {exc}"
        await category_refused(ctx, seller, exc)
        cursor.consecutive_failures += 1
        wait = ctx.settings.sync.max_backoff_s  # until a token with the category is connected
    except WBAuthError as exc:
        error = f"auth: {exc}"
        await token_refused(ctx, seller, str(exc))
        wait = interval_s(ctx, channel)
    except WBRateLimited as exc:
        error = "rate limited" if not exc.local else f"rate limited: {exc}"
        cursor.consecutive_429 += 0 if exc.local else 1  # a Base token's spent budget is no WB refusal
        wait = max(exc.retry_after, interval_s(ctx, channel))
        if cursor.consecutive_429 >= ctx.settings.ops.rate_limit_streak:
            t = translator(ctx.settings.default_language)
            text = t("sync-alert-rate-limited", seller=seller.name or str(seller.id), count=cursor.consecutive_429)
            await announce_alert(ctx, "rate_limited", seller.id, AlertSeverity.WARNING, text)
    except Exception as exc:  # the run's boundary: record, back off, keep the claimed announcements
        error = f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, WBError):
            log.exception("sync.crashed", seller_id=seller.id, channel=channel)
        cursor.consecutive_failures += 1
        failing_for = (now - (cursor.last_success_at or seller.created_at)).total_seconds()
        wait = backoff_s(ctx, channel, cursor.consecutive_failures, failing_for)
    finally:
        current_counters.reset(token)
    await _learn_token_type(ctx, seller)
    if error:
        cursor.last_error, cursor.last_error_at = error[:2000], datetime.now(UTC)
    cursor.next_due_at = datetime.now(UTC) + timedelta(seconds=wait)
    await cursor.save()
    run.status = SyncRunStatus.FAILED if error else SyncRunStatus.OK
    # tortoise types TextField(null=True) as str; the column is nullable
    run.error = error  # type: ignore[assignment]
    run.finished_at = datetime.now(UTC)
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.pages, run.fetched, run.new, run.updated = stats.pages, stats.fetched, stats.new, stats.updated
    run.skipped_malformed, run.http_calls, run.rate_limited = (
        stats.malformed,
        counters.http_calls,
        counters.rate_limited,
    )
    await run.save()
    log_run(run, seller, more=stats.more)
    await announce(ctx, seller, stats)
    if run.backfill and cursor.backfill_done:
        # The last channel to finish its first sync makes the task find them all done: it sums the backlog up once.
        await kick(ctx.broker, TaskName.BACKLOG_SUMMARY, seller.id)
    return run


def log_run(run: SyncRun, seller: Seller, *, more: bool) -> None:
    """The run's one structured line: what an operator greps for (seller, channel, items, WB calls, outcome)."""
    (log.warning if run.status == SyncRunStatus.FAILED else log.info)(
        "sync.run",
        run_id=run.id,
        seller_id=seller.id,
        channel=run.channel.value,
        outcome=run.status.value,
        backfill=run.backfill,
        pages=run.pages,
        fetched=run.fetched,
        new=run.new,
        updated=run.updated,
        malformed=run.skipped_malformed,
        wb_calls=run.http_calls,
        rate_limited=run.rate_limited,
        duration_ms=run.duration_ms,
        more=more,
        error=run.error,
    )


async def reap_orphaned_runs(ctx: SyncContext, now: datetime, min_age_s: float = 5.0) -> int:
    """Close `running` SyncRun rows whose worker died: a live run holds its seller × channel lock from before its
    row is created until after it is finished, so a running row whose lock is free belongs to nobody."""
    orphans = 0
    older = now - timedelta(seconds=min_age_s)
    for run in await SyncRun.filter(status=SyncRunStatus.RUNNING, started_at__lt=older).limit(500):
        if await ctx.locker.is_held(f"sync:{run.seller_id}:{run.channel}"):
            continue
        closed = await SyncRun.filter(id=run.id, status=SyncRunStatus.RUNNING).update(
            status=SyncRunStatus.FAILED, finished_at=now, error="abandoned: the worker stopped mid-run"
        )
        if closed:
            orphans += 1
            log.warning("sync.run_abandoned", run_id=run.id, seller_id=run.seller_id, channel=run.channel.value)
    return orphans
