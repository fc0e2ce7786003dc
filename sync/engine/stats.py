"""Counters and pending announcements of one sync run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from taskiq import AsyncBroker

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
    notify_ids: list[int] = field(default_factory=list)
    refresh_ids: list[int] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    # New interactions to link across channels ("sync.link", once per run).
    link_ids: list[int] = field(default_factory=list)
    newest: datetime | None = None
    # Work left for the next tick (a backfill continues page by page).
    more: bool = False

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
        """Kick the "new interaction" events claimed so far, right after the page that claimed them: a worker
        killed later in the run must not take claimed-but-unsent events with it."""
        for interaction_id in self.notify_ids:
            await kick(broker, "bot.notify_interaction", interaction_id)
        self.notify_ids.clear()
