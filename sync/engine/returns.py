"""Buyer returns (claims): a run reads the claims under review; the archive only when something moved.

WB keeps claims for 14 days and offers no date filter, so each list is read whole, in pages of up to 200. An idle
run costs one request (the open list, against WB's 20/min): the archive is read on the first run, when a claim we
saw under review has left that list (decided — by us, in the WB cabinet, or by WB), and on the periodic full check
(`SyncSettings.full_check_s`, which also catches a claim created and decided between two runs). It is incremental on
our side: a claim is written only when it is new or WB's `dt_update` (or its action set) moved since we stored it,
so a re-read changes nothing. A claim WB shows decided confirms our pending decision, or — decided in the WB cabinet —
closes the item; either way the cards are redrawn.
"""

from __future__ import annotations

from datetime import datetime

from core import transitions
from core.intent import Intent
from core.items.stage import UNANSWERED_STATUSES
from core.models import Channel, Interaction, InteractionStatus, Seller, SyncCursor, WbSyncState
from core.priority import triage
from core.returns import ClaimView
from core.seller_settings import SellerSettings
from sync.context import SyncContext
from sync.engine.stats import RunStats
from sync.wb import WBAuth
from sync.wb.returns import MAX_LIMIT, Claim

PAGES_PER_LIST = 10


def _payload(claim: Claim) -> dict:
    return claim.model_dump(mode="json")


def _new_row(seller_id: int, claim: Claim, settings: SellerSettings) -> Interaction:
    view = ClaimView.of(_payload(claim))
    t = triage(
        channel=Channel.RETURN,
        rating=None,
        intent=Intent.RETURN,
        text=claim.user_comment,
        occurred_at=claim.dt,
        business_hours=settings.business_hours,
    )
    return Interaction(
        seller_id=seller_id,
        channel=Channel.RETURN,
        external_id=claim.id,
        nm_id=claim.nm_id,
        product_name=(claim.imt_name or None) and claim.imt_name[:300],
        text=claim.user_comment,
        occurred_at=claim.dt,
        intent=Intent.RETURN.value,
        priority=t.priority,
        priority_rank=t.priority_rank,
        due_at=t.due_at if view.open else None,
        needs_response=view.open,
        status=InteractionStatus.NEEDS_RESPONSE if view.open else InteractionStatus.ANSWERED,
        answer=claim.wb_comment if not view.open else None,
        order_ref=(claim.srid or None) and claim.srid[:100],
        raw_payload=_payload(claim),
        wb_updated_at=claim.updated,
    )


def claim_transition(row: Interaction, claim: Claim, now: datetime) -> transitions.Transition:
    """What a newer WB view of a known claim changes (nothing when `dt_update` and the actions are the same)."""
    before = ClaimView.of(row.raw_payload)
    payload = _payload(claim)
    after = ClaimView.of(payload)
    if row.wb_updated_at == claim.updated and before.actions == after.actions and before.status == after.status:
        return transitions.Transition()
    changes: dict = {"raw_payload": payload, "wb_updated_at": claim.updated}
    t = transitions.Transition(changes, refresh=True)
    if after.open:
        if row.status not in UNANSWERED_STATUSES and row.wb_sync_state != WbSyncState.PENDING:
            changes.update(status=InteractionStatus.NEEDS_RESPONSE, needs_response=True)
        return t
    changes["answer"] = claim.wb_comment
    if row.wb_sync_state == WbSyncState.PENDING:
        changes.update(wb_sync_state=WbSyncState.CONFIRMED, status=InteractionStatus.ANSWERED, needs_response=False)
    elif row.status in UNANSWERED_STATUSES:
        # Decided in the WB cabinet (or by WB): nothing left for the card's buttons.
        changes.update(status=InteractionStatus.CLOSED, needs_response=False, answered_at=row.answered_at or now)
        t.void_drafts = True
    return t


async def ingest_claims(seller: Seller, claims: list[Claim], stats: RunStats, now: datetime) -> None:
    """Insert new claims, apply WB's changes to known ones; idempotent."""
    if not claims:
        return
    by_id = {c.id: c for c in claims}
    known = {
        r.external_id: r
        for r in await Interaction.filter(seller_id=seller.id, channel=Channel.RETURN, external_id__in=list(by_id))
    }
    settings = SellerSettings.of(seller.settings)
    missing = [c for i, c in by_id.items() if i not in known]
    if missing:
        await Interaction.bulk_create([_new_row(seller.id, c, settings) for c in missing], ignore_conflicts=True)
        created = await Interaction.filter(
            seller_id=seller.id, channel=Channel.RETURN, external_id__in=[c.id for c in missing]
        )
        stats.new += len(created)
        stats.link_ids += [r.id for r in created]
        stats.notify_ids += [r.id for r in created if r.needs_response]
    stats.fetched += len(by_id)
    for ext, row in known.items():
        if row.needs_response and row.notified_at is None:
            stats.notify_ids.append(row.id)
        transition = claim_transition(row, by_id[ext], now)
        if await transitions.apply(row, transition):
            stats.updated += 1
            stats.refresh_ids.append(row.id)


async def _read_list(
    ctx: SyncContext, seller: Seller, auth: WBAuth, stats: RunStats, now: datetime, *, archived: bool
) -> tuple[set[str], bool]:
    """Read one list whole (up to `PAGES_PER_LIST` pages): the claim ids in it, and whether it was read to its end."""
    seen: set[str] = set()
    offset = 0
    for _ in range(PAGES_PER_LIST):
        page = await ctx.wb.list_claims(auth, is_archive=archived, limit=MAX_LIMIT, offset=offset)
        stats.pages += 1
        stats.malformed += page.malformed
        seen.update(c.id for c in page.items)
        await ingest_claims(seller, page.items, stats, now)
        await stats.flush_notifications(ctx.broker)
        offset += len(page.items) + page.malformed
        if (not page.items and not page.malformed) or offset >= page.total:
            return seen, True
    stats.more = True
    return seen, False


def _archive_due(ctx: SyncContext, state: dict, open_ids: set[str], complete: bool, now: datetime) -> bool:
    """Whether this run reads the archive too: first run, a claim left the open list, or the full check is due."""
    if not complete or "open_ids" not in state or not state.get("full_at"):
        return True
    if set(state["open_ids"]) - open_ids:
        return True  # decided since the last run: its final state is in the archive
    full_at = datetime.fromisoformat(state["full_at"])
    return (now - full_at).total_seconds() >= ctx.settings.sync.full_check_s


async def sync(
    ctx: SyncContext, seller: Seller, auth: WBAuth, cursor: SyncCursor, stats: RunStats, now: datetime
) -> None:
    """Read the claims under review, then — when something moved or the full check is due — the archived ones."""
    state = dict(cursor.backfill_state or {})
    open_ids, complete = await _read_list(ctx, seller, auth, stats, now, archived=False)
    if not cursor.backfill_done or _archive_due(ctx, state, open_ids, complete, now):
        await _read_list(ctx, seller, auth, stats, now, archived=True)
        state["full_at"] = now.isoformat()
    # Written only after the archive was read: a run that failed there sees the same departure next time.
    state["open_ids"] = sorted(open_ids)
    cursor.backfill_state = state
    if not cursor.backfill_done:
        cursor.backfill_done = True
        await cursor.save(update_fields=["backfill_done", "backfill_state", "updated_at"])
