"""Retention: sync runs and resolved alerts older than the retention period are deleted in bounded batches; recent
rows and open alerts stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.models import Alert, AlertSeverity, Channel, SyncRun
from core.retention import prune
from tests.factories import new_seller


async def test_old_logs_are_pruned_in_bounded_batches(db) -> None:
    now = datetime.now(UTC)
    seller = await new_seller()
    old, recent = now - timedelta(days=40), now - timedelta(days=10)
    await SyncRun.bulk_create(
        [SyncRun(seller=seller, channel=Channel.REVIEW, started_at=old) for _ in range(12)]
        + [SyncRun(seller=seller, channel=Channel.REVIEW, started_at=recent) for _ in range(5)]
    )

    def alert(key: str | None, resolved_at: datetime | None) -> Alert:
        return Alert(kind="stale_sync", severity=AlertSeverity.WARNING, text="x", open_key=key, first_seen=old,
                     last_seen=old, resolved_at=resolved_at)  # fmt: skip

    await Alert.bulk_create([alert(None, old), alert(None, old), alert(None, recent), alert("open:1", None)])

    first = await prune(now, days=30, batch=5, max_batches=2)
    assert first == {"sync_run": 10, "alert": 2}  # a round is bounded: 2 batches of 5
    assert await prune(now, days=30, batch=5, max_batches=2) == {"sync_run": 2, "alert": 0}
    assert await prune(now, days=30, batch=5, max_batches=2) == {"sync_run": 0, "alert": 0}
    assert await SyncRun.all().count() == 5
    assert await SyncRun.filter(started_at__lt=now - timedelta(days=30)).count() == 0
    assert sorted(await Alert.all().values_list("open_key", flat=True), key=str) == [None, "open:1"]
