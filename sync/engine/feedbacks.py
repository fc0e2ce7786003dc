"""Reviews and questions: resumable backfill, then probe-gated incremental passes by watermark.

Incremental pass: pages newest first (unanswered, then answered) until a page reaches below watermark − overlap
(early stop). The probe (`new-feedbacks-questions`) only reports *unseen* items: an item the seller already opened in
the WB cabinet never sets it, and answers/moderation never do, and it stays set while any unanswered
item is unviewed. So: probe says new → a one-item page of the unanswered list confirms (its newest item above the
watermark, or the unanswered count moved since the last pass) → pass now; otherwise a full pass every
`full_check_s` anyway (it also reconciles the unanswered count, catching items answered in the cabinet). Once the
probe said "new" for nothing, the cursor skips it and asks the one-item page alone until the next full pass: an
idle seller costs at most one request per run either way.
Items whose WB state we wait for (our reply pending, answer under moderation) are read one by one every run.
Reviews' backfill ends with WB's archive (answered long ago, unanswered for 30 days, or empty): imported once, on
connect, for history, analytics and linking, and never announced (`ingest.upsert_items(history=True)`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from core.models import AnswerState, Channel, Interaction, InteractionStatus, Seller, SyncCursor, WbSyncState
from core.seller_settings import SellerSettings
from sync import ingest
from sync.context import SyncContext
from sync.engine import probe
from sync.engine.stats import RunStats
from sync.wb import WBAuth
from sync.wb.errors import WBAuthError, WBRateLimited

BACKFILL_PAGES_PER_RUN = 20
WATCH_PER_RUN = 20
RECONCILE_GETS = 50
READ_ON_PAGES = 5
READ_ON_RUNS = 3
# Backfill phases: 0 unanswered, 1 answered, 2 WB's archive (reviews only).
ARCHIVE_PHASE = 2
# A backfill step (one page) that fails this many runs in a row is skipped (`_Pass.step_failed`).
BACKFILL_STEP_TRIES = 5


@dataclass(frozen=True)
class Source:
    """How one channel is read from WB."""

    list_page: Callable[..., Awaitable[Any]]
    get_one: Callable[..., Awaitable[Any]]
    to_item: Callable[[Any], ingest.Item]
    max_offset: int
    probe_flag: str


def source(ctx: SyncContext, channel: Channel) -> Source:
    """The WB calls of `channel` (review or question)."""
    if channel == Channel.REVIEW:
        return Source(ctx.wb.list_feedbacks, ctx.wb.get_feedback, ingest.from_feedback, 199_990, "has_new_feedbacks")
    return Source(ctx.wb.list_questions, ctx.wb.get_question, ingest.from_question, 10_000, "has_new_questions")


class _Pass:
    """One run over one channel of one seller."""

    def __init__(self, ctx: SyncContext, seller: Seller, auth: WBAuth, cursor: SyncCursor, stats: RunStats) -> None:
        self.ctx, self.seller, self.auth, self.cursor, self.stats = ctx, seller, auth, cursor, stats
        self.src = source(ctx, cursor.channel)
        self.settings = SellerSettings.of(seller.settings)
        self.take = ctx.settings.sync.page_size

    async def page(
        self, *, answered: bool, skip: int, now: datetime, archive: bool = False
    ) -> tuple[list[ingest.Item], Any]:
        if archive:
            page = await self.ctx.wb.list_archived_feedbacks(self.auth, take=self.take, skip=skip)
        else:
            page = await self.src.list_page(self.auth, is_answered=answered, take=self.take, skip=skip)
        items = [self.src.to_item(x) for x in page.items]
        self.stats.pages += 1
        self.stats.malformed += page.malformed
        self.stats.absorb(await self.upsert(items, now, history=archive))
        await self.stats.flush_notifications(self.ctx.broker)
        return items, page

    async def upsert(self, items: list[ingest.Item], now: datetime, *, history: bool = False) -> ingest.IngestResult:
        return await ingest.upsert_items(
            self.seller.id,
            self.cursor.channel,
            items,
            self.settings,
            now,
            connected_at=self.seller.created_at,
            backfill=self.stats.backlog_before is not None,
            history=history,
        )

    async def backfill(self, now: datetime) -> None:
        """Walk unanswered then answered pages (then, for reviews, the archive); progress is saved after every page,
        so a crash resumes there."""
        state = dict(self.cursor.backfill_state or {})
        last_phase = ARCHIVE_PHASE if self.cursor.channel == Channel.REVIEW else ARCHIVE_PHASE - 1
        for _ in range(BACKFILL_PAGES_PER_RUN):
            if self.stats.pages and self.stats.out_of_time():
                return
            phase, skip = int(state.get("phase", 0)), int(state.get("skip", 0))
            try:
                _, page = await self.page(answered=phase == 1, skip=skip, now=now, archive=phase == ARCHIVE_PHASE)
            except (WBAuthError, WBRateLimited):
                raise  # the token or WB's limits, not this step
            except Exception:
                if await self.step_failed(state, now):
                    return
                raise
            self.advance_watermark()
            if phase == 0 and skip == 0:  # what the probe gate compares with (see `changed`)
                state["unanswered"] = [page.count_unanswered, page.items[0].id if page.items else None]
            done_phase = len(page.items) + page.malformed < self.take or skip + 2 * self.take > self.src.max_offset
            step = {"phase": phase + 1, "skip": 0} if done_phase else {"phase": phase, "skip": skip + self.take}
            state = {**state, **step, "failures": 0}
            if state["phase"] > last_phase:
                self.cursor.backfill_done = True
                self.cursor.backfill_state = {"full_at": now.isoformat(), "unanswered": state.get("unanswered")}
                await self.cursor.save(update_fields=["backfill_done", "backfill_state", "watermark", "updated_at"])
                return
            self.cursor.backfill_state = state
            await self.cursor.save(update_fields=["backfill_state", "watermark", "updated_at"])
        self.stats.more = True

    async def step_failed(self, state: dict[str, Any], now: datetime) -> bool:
        """A backfill page failed: count it on the step. After `BACKFILL_STEP_TRIES` failures of the same step the
        backfill ends there (what it skipped is older history) and the cursor falls through to incremental sync,
        with an alert: a seller must not silently stop getting new items behind one unreadable page.
        True when it gave up."""
        failures = int(state.get("failures", 0)) + 1
        if failures < BACKFILL_STEP_TRIES:
            self.cursor.backfill_state = {**state, "failures": failures}
            await self.cursor.save(update_fields=["backfill_state", "updated_at"])
            return False
        self.cursor.backfill_done = True
        skipped = {"phase": state.get("phase", 0), "skip": state.get("skip", 0)}
        # No full_at: the first incremental pass is a full one.
        self.cursor.backfill_state = {"unanswered": state.get("unanswered"), "backfill_skipped": skipped}
        await self.cursor.save(update_fields=["backfill_done", "backfill_state", "updated_at"])
        self.stats.alerts.append("backfill_stuck")
        return True

    async def incremental(self, now: datetime) -> list[Any] | None:
        """New items since the watermark on both lists; returns WB's unanswered count and newest unanswered id."""
        floor = (
            self.cursor.watermark - timedelta(seconds=self.ctx.settings.sync.overlap_s)
            if self.cursor.watermark
            else None
        )
        head = None
        for answered in (False, True):
            skip = 0
            while True:
                items, page = await self.page(answered=answered, skip=skip, now=now)
                if not answered and head is None:
                    head = [page.count_unanswered, page.items[0].id if page.items else None]
                older = floor is not None and any(i.occurred_at < floor for i in items)
                if older or len(page.items) + page.malformed < self.take or skip + 2 * self.take > self.src.max_offset:
                    break
                skip += self.take
        self.advance_watermark()
        return head

    async def changed(self, last_unanswered: list[Any] | None) -> bool:
        """Whether WB's unanswered list differs from what the last pass saw, in one request (a one-item page):
        the probe stays true while any unanswered item is unviewed in the cabinet, so alone it would run a full
        pass every round for such a seller. A new item is newer than the watermark, and an answer or deletion in
        the cabinet moves the count (both at once in one second: the newest unanswered id moves)."""
        page = await self.src.list_page(self.auth, is_answered=False, take=1, skip=0)
        newest = max((item.created_date for item in page.items), default=None)
        fresh = newest is not None and (self.cursor.watermark is None or newest > self.cursor.watermark)
        head = [page.count_unanswered, page.items[0].id if page.items else None]
        return fresh or head != last_unanswered

    def advance_watermark(self) -> None:
        newest = self.stats.newest
        if newest is not None and (self.cursor.watermark is None or newest > self.cursor.watermark):
            self.cursor.watermark = newest

    async def reconcile(self, wb_unanswered: int | None, now: datetime, max_pages: int | None = None) -> bool:
        """When our unanswered count differs from WB's, walk WB's unanswered list (new items found on the way are
        stored: late-indexed ones) and re-read our strays; `max_pages` bounds the walk. True when the counts agree."""
        # A closed unanswered row is history (WB's archive): WB's unanswered count leaves it out too.
        unanswered = Interaction.filter(
            seller_id=self.seller.id, channel=self.cursor.channel, answer__isnull=True
        ).exclude(status=InteractionStatus.CLOSED)
        ours = await unanswered
        if wb_unanswered is None or len(ours) == wb_unanswered:
            return True
        seen: set[str] = set()
        skip = 0
        pages = 0
        while skip + self.take <= self.src.max_offset and (max_pages is None or pages < max_pages):
            pages += 1
            items, page = await self.page(answered=False, skip=skip, now=now)
            seen.update(i.external_id for i in items)
            if len(page.items) + page.malformed < self.take:
                break
            skip += self.take
        if max_pages is None or pages < max_pages:  # a walk cut short did not see every row: no strays then
            strays = [row.external_id for row in ours if row.external_id not in seen]
            await self.reread(strays[:RECONCILE_GETS], now)
        return await unanswered.count() == wb_unanswered

    async def reread(self, external_ids: list[str], now: datetime) -> None:
        """Read items one by one (pending confirmation, moderation, strays) and apply their WB state."""
        items = [self.src.to_item(x) for ext in external_ids if (x := await self.src.get_one(self.auth, ext))]
        self.stats.absorb(await self.upsert(items, now))
        await self.stats.flush_notifications(self.ctx.broker)

    async def watched(self, now: datetime) -> None:
        """Our replies waiting to show up and answers under moderation."""
        # One query for both kinds: it runs on every run, idle ones included.
        rows = (
            await Interaction.filter(seller_id=self.seller.id, channel=self.cursor.channel)
            .filter(Q(wb_sync_state=WbSyncState.PENDING) | Q(answer_state=AnswerState.MODERATION))
            .order_by("updated_at")
            .limit(WATCH_PER_RUN)
            .values_list("external_id", flat=True)
        )
        if rows:
            # tortoise types values_list(flat=True) as tuples; it gives the bare values
            await self.reread(list(rows), now)  # type: ignore[arg-type]


async def sync(
    ctx: SyncContext, seller: Seller, auth: WBAuth, cursor: SyncCursor, stats: RunStats, now: datetime
) -> None:
    """One run of a review or question cursor."""
    run = _Pass(ctx, seller, auth, cursor, stats)
    if not cursor.backfill_done:
        await run.backfill(now)
        return
    state = dict(cursor.backfill_state or {})
    full_at = datetime.fromisoformat(state["full_at"]) if state.get("full_at") else None
    full_due = full_at is None or (now - full_at).total_seconds() >= ctx.settings.sync.full_check_s
    read_on = int(state.get("read_on", 0))
    if full_due:
        due = True
        # The full pass gives the probe another chance (the seller may have viewed everything meanwhile).
        state["probe_stale"] = False
    elif 0 < read_on <= READ_ON_RUNS:
        due = True  # the last pass left WB's unanswered count unexplained: an item WB has not listed yet
    elif state.get("probe_stale"):
        # The probe said "new" while nothing was: it stays so until the unviewed items are viewed, so asking it
        # would only add a request; the one-item page alone decides (one request per run).
        due = await run.changed(state.get("unanswered"))
    else:
        # The lease the tick wrote when claiming this cursor names the round shared with the seller's other channel.
        round_key = cursor.next_due_at.isoformat() if cursor.next_due_at else "first"
        news = await probe.new_items(ctx, auth, round_key)
        due = getattr(news, run.src.probe_flag) and await run.changed(state.get("unanswered"))
        state["probe_stale"] = getattr(news, run.src.probe_flag) and not due
    if due:
        before = state.get("unanswered")
        state["unanswered"] = await run.incremental(now)
        wb_count = state["unanswered"][0] if state["unanswered"] else None
        if full_due:
            await run.reconcile(wb_count, now)
            state["full_at"], read_on = now.isoformat(), 0
        elif read_on or (before and wb_count != before[0]):
            # WB's unanswered count moved and the newest pages may not explain it: an item WB indexed late (dated
            # below the watermark) or an answer given in the cabinet. Read on now, bounded, instead of waiting for
            # the full check; while it stays unexplained the next few runs read on again (WB may list it later).
            explained = await run.reconcile(wb_count, now, max_pages=READ_ON_PAGES)
            read_on = 0 if explained else read_on + 1
        state["read_on"] = read_on
    cursor.backfill_state = state
    await run.watched(now)
