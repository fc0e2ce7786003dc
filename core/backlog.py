"""The backlog a seller brings: unanswered items older than their connection, found by the first sync.

A shop connects with months of history; one card per old item would flood the chat (thousands for a big shop) and
bury what arrives now. So the first sync (backfill) announces none of them (`is_backlog`), and once every connected
channel is backfilled the owners get one summary (`claim_summary` guards "once per seller"), with buttons to page
through the backlog in /inbox. Cards start with items that arrive after the connection; SLA alerts count only
those (core.alerts). Returns are the exception: each needs a decision within WB's 14 days, so every open claim gets
its card at onboarding too and the summary does not count them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from core.items.stage import OPEN_STATUSES
from core.models import Channel, Interaction, Priority, Seller

# The kind of the one ops alert that says a seller connected with a backlog (not an AlertKind: core.alerts'
# periodic evaluation must not resolve it, it is a notice, not a condition that holds).
ALERT_KIND = "backlog"


def backlog_cutoff(connected_at: datetime) -> datetime:
    """Items before this are backlog. WB dates reviews to the whole second, so a review written in the second the
    seller connected reads as older than the connection: that second counts as new (a card, never silently summed)."""
    return connected_at.replace(microsecond=0)


def is_backlog(*, occurred_at: datetime, connected_at: datetime) -> bool:
    """Whether an item the first sync found is history the seller brought, rather than something new."""
    return occurred_at < backlog_cutoff(connected_at)


@dataclass(frozen=True)
class Backlog:
    """What the seller has left unanswered from before the connection."""

    counts: dict[Channel, dict[Priority, int]] = field(default_factory=dict)
    overdue: int = 0
    oldest: datetime | None = None

    @property
    def total(self) -> int:
        return sum(n for per_priority in self.counts.values() for n in per_priority.values())


async def open_backlog(seller_id: int) -> QuerySet[Interaction]:
    """The seller's open items older than their connection (returns excepted: carded one by one)."""
    connected_at = (await Seller.get(id=seller_id)).created_at
    return Interaction.filter(
        seller_id=seller_id,
        channel__not=Channel.RETURN,  # carded one by one (see the module docstring)
        needs_response=True,
        status__in=list(OPEN_STATUSES),
        occurred_at__lt=backlog_cutoff(connected_at),
    )


async def backlog(*, seller_id: int, now: datetime) -> Backlog:
    """Open items older than the seller's connection, counted per channel and priority, with how many are overdue."""
    query = await open_backlog(seller_id)
    counts: dict[Channel, dict[Priority, int]] = {}
    for row in await query.annotate(n=Count("id")).group_by("channel", "priority").values("channel", "priority", "n"):
        counts.setdefault(Channel(row["channel"]), {})[Priority(row["priority"])] = int(row["n"])
    overdue = await query.filter(due_at__lt=now).count()
    oldest = await query.order_by("occurred_at").first().values_list("occurred_at", flat=True)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return Backlog(counts, overdue, oldest)  # type: ignore[arg-type]


async def claim_summary(seller_id: int, now: datetime) -> bool:
    """Claim the seller's backlog summary; False when it was claimed before (a redelivered or racing task)."""
    return bool(await Seller.filter(id=seller_id, backlog_noticed_at__isnull=True).update(backlog_noticed_at=now))
