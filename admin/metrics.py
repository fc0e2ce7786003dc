"""Prometheus metrics read from the database at scrape time (cheap grouped aggregates) plus process metrics.

Counters come from durable rows, so every admin replica reports the same totals and nothing is lost on restart:
| metric | labels | source |
|---|---|---|
| `agentiq_sync_runs_total` | channel, status | `SyncRun` rows |
| `agentiq_sync_items_total` | channel, kind (fetched, new, updated, malformed) | sums over `SyncRun` |
| `agentiq_wb_http_calls_total` | channel, run_status (ok, failed, running) | `SyncRun.http_calls` |
| `agentiq_wb_rate_limited_total` | channel | `SyncRun.rate_limited` (HTTP 429 answers) |
| `agentiq_sync_lag_seconds` | channel | lateness of the most overdue active `SyncCursor.next_due_at` (0 if none) |
| `agentiq_reply_queue_lag_seconds` | — | age of the oldest queued or sending reply (0 when none) |
| `agentiq_cards_total` | state (claimed, sent, failed) | `Card` rows |
| `agentiq_replies_total` | status, via | `Reply` rows |
| `agentiq_open_alerts` | severity | unresolved `Alert` rows |
| `agentiq_cards_awaiting_delivery` | — | cards owed or claimed with no message yet |
| `agentiq_cards_awaiting_oldest_seconds` | — | age of the oldest of them (0 when none) |
| `agentiq_alerts_awaiting_delivery` | — | open alerts Telegram has not accepted yet |
| `agentiq_alerts_awaiting_oldest_seconds` | — | age of the oldest of them (0 when none) |

The process's own metrics (core.metrics: tasks, Telegram, WB, card latency, heartbeat) come with them: in the
all-in-one `agentiq run` and `demo` that is every part of the product.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from tortoise.functions import Count, Min, Sum

from core.models import Alert, AlertSeverity, Card, DeliveryState, Reply, ReplyStatus, SellerStatus, SyncCursor, SyncRun

ITEM_KINDS = {"fetched": "fetched", "new": "new", "updated": "updated", "malformed": "skipped_malformed"}


class _Snapshot(Collector):
    """Hands the registry metric families that were computed before the scrape was serialised."""

    def __init__(self, families: Iterable[Metric]) -> None:
        self._families = list(families)

    def collect(self) -> Iterator[Metric]:
        yield from self._families


def _age(oldest: datetime | None, now: datetime) -> float:
    return max((now - oldest).total_seconds(), 0.0) if oldest else 0.0


async def _sync_families() -> list[Metric]:
    runs = CounterMetricFamily("agentiq_sync_runs", "Sync runs", labels=["channel", "status"])
    items = CounterMetricFamily("agentiq_sync_items", "Items seen by sync runs", labels=["channel", "kind"])
    calls = CounterMetricFamily(
        "agentiq_wb_http_calls", "WB API calls by run outcome", labels=["channel", "run_status"]
    )
    limited = CounterMetricFamily("agentiq_wb_rate_limited", "WB API 429 answers", labels=["channel"])
    sums = {f"sum_{kind}": Sum(column) for kind, column in ITEM_KINDS.items()}
    rows = (
        await SyncRun.annotate(n=Count("id"), calls=Sum("http_calls"), limited=Sum("rate_limited"), **sums)
        .group_by("channel", "status")
        .values("channel", "status", "n", "calls", "limited", *sums)
    )
    per_channel_429: dict[str, float] = {}
    per_channel_items: dict[tuple[str, str], float] = {}
    for row in rows:
        channel, run_status = str(row["channel"]), str(row["status"])
        runs.add_metric([channel, run_status], row["n"])
        calls.add_metric([channel, run_status], row["calls"] or 0)
        per_channel_429[channel] = per_channel_429.get(channel, 0) + (row["limited"] or 0)
        for kind in ITEM_KINDS:
            key = (channel, kind)
            per_channel_items[key] = per_channel_items.get(key, 0) + (row[f"sum_{kind}"] or 0)
    for channel, value in per_channel_429.items():
        limited.add_metric([channel], value)
    for (channel, kind), value in per_channel_items.items():
        items.add_metric([channel, kind], value)
    return [runs, items, calls, limited]


async def _lag_families(now: datetime) -> list[Metric]:
    sync_lag = GaugeMetricFamily("agentiq_sync_lag_seconds", "How late the most overdue sync is", labels=["channel"])
    cursors = (
        SyncCursor.filter(seller__status=SellerStatus.ACTIVE)
        .annotate(oldest=Min("next_due_at"))
        .group_by("channel")
        .values("channel", "oldest")
    )
    for row in await cursors:
        sync_lag.add_metric([str(row["channel"])], _age(row["oldest"], now))
    oldest_reply = (
        await Reply.filter(status__in=[ReplyStatus.QUEUED, ReplyStatus.SENDING])
        .annotate(oldest=Min("created_at"))
        .first()
        .values("oldest")
    )
    queue_lag = GaugeMetricFamily(
        "agentiq_reply_queue_lag_seconds",
        "Age of the oldest reply not yet sent",
        value=_age(oldest_reply["oldest"] if oldest_reply else None, now),
    )
    return [sync_lag, queue_lag]


async def _outbox_families() -> list[Metric]:
    cards = CounterMetricFamily("agentiq_cards", "Telegram cards by delivery state", labels=["state"])
    for row in await Card.annotate(n=Count("id")).group_by("state").values("state", "n"):
        cards.add_metric([str(row["state"])], row["n"])
    replies = CounterMetricFamily("agentiq_replies", "Replies by status and origin", labels=["status", "via"])
    for row in await Reply.annotate(n=Count("id")).group_by("status", "via").values("status", "via", "n"):
        replies.add_metric([str(row["status"]), str(row["via"])], row["n"])
    alerts = GaugeMetricFamily("agentiq_open_alerts", "Unresolved ops alerts", labels=["severity"])
    open_by_severity = dict.fromkeys((s.value for s in AlertSeverity), 0)
    for row in (
        await Alert.filter(resolved_at=None).annotate(n=Count("id")).group_by("severity").values("severity", "n")
    ):
        open_by_severity[str(row["severity"])] = row["n"]
    # Every severity, zeros included: "no alert open" is a value, not a missing series.
    for severity, count in open_by_severity.items():
        alerts.add_metric([severity], count)
    return [cards, replies, alerts]


async def _awaiting_families(now: datetime) -> list[Metric]:
    """What the seller or the operator should have seen and has not yet: undelivered cards and alerts."""
    cards = Card.filter(state=DeliveryState.CLAIMED, tg_message_id=None)
    alerts = Alert.filter(resolved_at=None, delivered_at=None)
    oldest_card = await cards.annotate(oldest=Min("created_at")).first().values("oldest")
    oldest_alert = await alerts.annotate(oldest=Min("first_seen")).first().values("oldest")
    return [
        GaugeMetricFamily(
            "agentiq_cards_awaiting_delivery", "Cards owed with no message yet", value=await cards.count()
        ),
        GaugeMetricFamily(
            "agentiq_cards_awaiting_oldest_seconds",
            "Age of the oldest card owed with no message",
            value=_age(oldest_card["oldest"] if oldest_card else None, now),
        ),
        GaugeMetricFamily(
            "agentiq_alerts_awaiting_delivery", "Open alerts not accepted by Telegram yet", value=await alerts.count()
        ),
        GaugeMetricFamily(
            "agentiq_alerts_awaiting_oldest_seconds",
            "Age of the oldest open alert not delivered",
            value=_age(oldest_alert["oldest"] if oldest_alert else None, now),
        ),
    ]


async def render_metrics() -> bytes:
    """The Prometheus text exposition of this scrape: the database's families and this process's own."""
    now = datetime.now(UTC)
    families = [
        *await _sync_families(),
        *await _lag_families(now),
        *await _outbox_families(),
        *await _awaiting_families(now),
    ]
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot([*families, *REGISTRY.collect()]))
    return generate_latest(registry)
