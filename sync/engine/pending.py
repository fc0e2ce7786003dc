"""The pending window's end: an item whose reply WB never showed goes back to the queue with an alert.

While the window is open, every run of the item's channel re-reads it (reviews/questions) or watches the chat's
events for our message. When the window has ended, this check makes the channel due at once so that run decides
with WB's latest view (confirm or expire); an item still pending a grace period later (WB lost it, the run failed)
is expired here without WB.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core import transitions
from core.models import Channel, Interaction, Seller, SyncCursor, WbSyncState
from sync.context import SyncContext
from sync.engine.run import announce, interval_s
from sync.engine.stats import RunStats

BATCH = 200


async def check_pending(ctx: SyncContext, now: datetime) -> int:
    """Handle items whose pending window ended; returns how many were expired here."""
    due = await Interaction.filter(wb_sync_state=WbSyncState.PENDING, pending_until__lte=now).limit(BATCH)
    expired = 0
    by_seller: dict[int, RunStats] = {}
    for row in due:
        channel = Channel(row.channel)
        grace = timedelta(seconds=2 * interval_s(ctx, channel))
        assert row.pending_until is not None  # selected by pending_until__lte: set
        if channel != Channel.CHAT and row.pending_until + grace > now:
            await SyncCursor.filter(seller_id=row.seller_id, channel=channel, next_due_at__gt=now).update(
                next_due_at=now
            )
            continue
        transition = transitions.apply_wb_answer(row, transitions.WbAnswer(None), now)
        if await transitions.apply(row, transition):
            expired += 1
            stats = by_seller.setdefault(row.seller_id, RunStats())
            stats.refresh_ids.append(row.id)
            stats.alerts += [transition.alert] if transition.alert else []
    for seller_id, stats in by_seller.items():
        await announce(ctx, await Seller.get(id=seller_id), stats)
    return expired
