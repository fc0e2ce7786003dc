"""Live mode: a seller answering right now (a member acted on one of its cards within `live_window_s`) is polled
every `live_interval_s` instead of the channel's interval, so the next buyer item reaches the chat in seconds.

The bot records the action (`mark_live`); sync reads `Seller.live_at` when it sets a cursor's next run
(`is_live`). Nothing switches it off: ten quiet minutes after the last action the seller is simply not live any more
and the next run waits the channel's normal interval.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.expressions import Q

from core.models import Seller, SyncCursor
from core.settings import SyncSettings

# A seller acting on card after card rewrites `live_at` at most this often (one UPDATE, not one per tap).
REFRESH_S = 30


def is_live(seller: Seller, now: datetime, sync: SyncSettings) -> bool:
    """Whether the seller acted on a card within the live window."""
    return seller.live_at is not None and now - seller.live_at < timedelta(seconds=sync.live_window_s)


async def mark_live(seller_id: int, now: datetime, sync: SyncSettings) -> bool:
    """Record a card action of the seller. When it switches live mode on, the cursors waiting longer than the live
    interval are made due now, so the faster polling starts at once. Returns whether it switched on."""
    window = now - timedelta(seconds=sync.live_window_s)
    switched = await Seller.filter(Q(live_at__isnull=True) | Q(live_at__lte=window), id=seller_id).update(live_at=now)
    if not switched:
        await Seller.filter(id=seller_id, live_at__lt=now - timedelta(seconds=REFRESH_S)).update(live_at=now)
        return False
    later = now + timedelta(seconds=sync.live_interval_s)
    await SyncCursor.filter(seller_id=seller_id, next_due_at__gt=later).update(next_due_at=now)
    return True
