"""Counters and pending announcements of one sync run."""

from __future__ import annotations

import asyncio
import contextvars
import math
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from taskiq import AsyncBroker
from tortoise.transactions import in_transaction

from core import cards
from core.tasks import TaskName
from core.transitions import claim_notifications
from sync.broker import kick
from sync.ingest import IngestResult


@dataclass
class RunStats:
    """What a run fetched and changed, and what it must announce once its data is committed."""

    pages: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    malformed: int = 0
    # Interactions whose "new" event is to be claimed and kicked (see `flush_notifications`).
    notify_ids: list[int] = field(default_factory=list)
    refresh_ids: list[int] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    # New interactions to link across channels ("sync.link", once per run).
    link_ids: list[int] = field(default_factory=list)
    newest: datetime | None = None
    # Work left for the next tick (a backfill continues page by page).
    more: bool = False
    # Set on the first sync (backfill): items older than this (the seller's connection) are backlog, summed up once
    # by core.backlog instead of a card each.
    backlog_before: datetime | None = None
    # time.monotonic() after which the run stops paging (the task must end well before the broker redelivers it).
    deadline: float = math.inf

    def out_of_time(self) -> bool:
        """The run's time budget is spent: stop at this page boundary and leave the rest for the next tick."""
        if time.monotonic() < self.deadline:
            return False
        self.more = True
        return True

    def absorb(self, result: IngestResult) -> None:
        """Add one ingest's outcome."""
        self.fetched += result.fetched
        self.new += len(result.new_ids)
        self.link_ids += result.new_ids
        self.updated += result.updated
        self.notify_ids += result.notify_ids
        self.refresh_ids += result.refresh_ids
        self.alerts += result.alerts
        if result.newest is not None and (self.newest is None or result.newest > self.newest):
            self.newest = result.newest

    async def flush_notifications(self, broker: AsyncBroker) -> None:
        """Claim and kick the "new interaction" events collected so far, right after the page that found them.

        The claim (`notified_at`) commits only after the kicks went out: a worker killed in between rolls the claim
        back, and the next run (which sees those rows as known, unclaimed) claims and kicks them again. Nothing is
        lost, and only a kill in the instant between the last kick and the COMMIT could repeat an event (the bot's
        notify task is idempotent per card anyway).
        """
        if not self.notify_ids:
            return
        # Shielded: a task cancelled by its timeout (see `SyncSettings.task_timeout_s`) must not roll the claim back
        # after the kicks went out, which would announce the same items again on the next run.
        await asyncio.shield(self._flush(broker))

    async def _flush(self, broker: AsyncBroker) -> None:
        # Kicks run in the context from before the transaction: an in-process broker starts the task in a copy of
        # the kicker's context, which would otherwise hand it our transaction's connection.
        outside = contextvars.copy_context()
        async with in_transaction():
            claimed = await claim_notifications(self.notify_ids, datetime.now(UTC))
            # The cards the items owe commit with their "notified" mark: a lost notify task leaves owed cards,
            # which the sweep finds (core.cards), never an announced item without any.
            await cards.owe_cards(claimed)
            await asyncio.create_task(_kick_all(broker, TaskName.NOTIFY_INTERACTION, claimed), context=outside)
        self.notify_ids.clear()


async def _kick_all(broker: AsyncBroker, task_name: TaskName, ids: list[int]) -> None:
    for interaction_id in ids:
        await kick(broker, task_name, interaction_id)
