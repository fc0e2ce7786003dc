"""What each process measures about itself, for Prometheus: one registry per process, served on /metrics.

Every long-running process serves this registry on its own port (`MetricsSettings`): `agentiq bot`, each child of
`agentiq worker`, `agentiq scheduler`; the admin and the all-in-one `agentiq run`/`demo` add it to the admin's own
`/metrics` (admin.metrics), which also reports what the database holds. The server runs in a thread, so a process
whose event loop hangs still answers and its heartbeat age shows the hang.

| metric | labels | who |
|---|---|---|
| `agentiq_task_runs_total` | task, outcome (ok, error) | whoever runs tasks (workers; bot and run embedded) |
| `agentiq_task_duration_seconds` | task | histogram of the same runs |
| `agentiq_telegram_requests_total` | method, outcome (ok, rate_limited, server_error, network, refused) | any Bot |
| `agentiq_wb_requests_total` | channel (WB budget), status (HTTP code, `timeout`, `unreachable`) | WB client |
| `agentiq_card_latency_seconds` | channel | WB item created → its card delivered |
| `agentiq_heartbeat_age_seconds` | kind | seconds since this process's last successful beat |
| `agentiq_queue_*` | queue | the Redis task stream: entries, undelivered, pending, oldest pending age, consumers |
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import redis
import structlog
from prometheus_client import REGISTRY, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

log = structlog.get_logger(__name__)

# Seconds: a card should arrive within a minute of the buyer writing; the tail shows outages and the sweep.
CARD_LATENCY_BUCKETS = (5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1800, 3600, 4 * 3600, float("inf"))
TASK_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 45, 60, float("inf"))
# `agentiq worker --workers N` forks N children that each serve: the configured port and the next ones.
PORT_TRIES = 8

TASK_RUNS = Counter("agentiq_task_runs", "Task runs by task name and outcome", ["task", "outcome"])
TASK_DURATION = Histogram("agentiq_task_duration_seconds", "Task run time", ["task"], buckets=TASK_BUCKETS)
TELEGRAM_REQUESTS = Counter(
    "agentiq_telegram_requests", "Bot API requests by method and outcome", ["method", "outcome"]
)
WB_REQUESTS = Counter("agentiq_wb_requests", "WB API requests by budget and answer", ["channel", "status"])
CARD_LATENCY = Histogram(
    "agentiq_card_latency_seconds",
    "From the item's creation on WB to its card delivered in Telegram",
    ["channel"],
    buckets=CARD_LATENCY_BUCKETS,
)
HEARTBEAT_AGE = Gauge("agentiq_heartbeat_age_seconds", "Seconds since this process's last heartbeat", ["kind"])

_last_beat: dict[str, float] = {}


def beat_recorded(kind: str) -> None:
    """This process beat just now (its heartbeat age starts again from zero)."""
    first = kind not in _last_beat
    _last_beat[kind] = time.time()
    if first:
        HEARTBEAT_AGE.labels(kind).set_function(lambda: time.time() - _last_beat[kind])


def task_ran(task: str, *, failed: bool, seconds: float) -> None:
    """Count one finished task run."""
    TASK_RUNS.labels(task, "error" if failed else "ok").inc()
    TASK_DURATION.labels(task).observe(seconds)


def card_delivered(channel: str, occurred_at: datetime) -> None:
    """A card of an item WB dated `occurred_at` reached Telegram now."""
    CARD_LATENCY.labels(channel).observe(max((datetime.now(UTC) - occurred_at).total_seconds(), 0.0))


class QueueCollector(Collector):
    """The task stream's state at scrape time (read from Redis in the metrics thread, bounded by a short timeout):
    entries kept, undelivered (no worker read them yet), pending (read, not acknowledged), the oldest pending
    entry's age, and the group's consumers. Nothing when Redis does not answer (the scrape still succeeds)."""

    def __init__(self, redis_url: str, queue: str) -> None:
        self.queue = queue
        self._redis = redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2)

    def _families(self) -> list[Metric]:
        def gauge(name: str, doc: str, value: float) -> GaugeMetricFamily:
            family = GaugeMetricFamily(f"agentiq_queue_{name}", doc, labels=["queue"])
            family.add_metric([self.queue], value)
            return family

        r, q = self._redis, self.queue
        length = r.xlen(q)
        group = next((g for g in r.xinfo_groups(q) if _text(g["name"]) == q), None) if length else None
        if group is None:
            undelivered, pending, oldest, consumers = length, 0, 0.0, 0
        else:
            summary = r.xpending(q, q)
            pending = int(summary["pending"])
            oldest = time.time() - int(_text(summary["min"]).split("-")[0]) / 1000 if pending else 0.0
            consumers = int(group["consumers"])
            # Redis 7 counts the entries not yet delivered to the group ("lag"; None when it cannot tell).
            lag = group.get("lag")
            undelivered = length if lag is None else int(lag)
        return [
            gauge("entries", "Entries kept in the task stream (acknowledged ones until trimmed)", length),
            gauge("undelivered", "Tasks no worker has read yet (the queue depth)", undelivered),
            gauge("pending", "Tasks read by a worker and not acknowledged yet", pending),
            gauge("oldest_pending_seconds", "Age of the oldest task read and not acknowledged", max(oldest, 0.0)),
            gauge("consumers", "Workers registered in the stream's consumer group", consumers),
        ]

    def collect(self) -> Iterator[Metric]:
        """The families (none when Redis does not answer or the stream does not exist yet)."""
        try:
            yield from self._families()
        except redis.RedisError as exc:
            log.debug("metrics.queue_unavailable", error=type(exc).__name__)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


_watched: set[str] = set()


def watch_queue(redis_url: str | None, queue: str) -> None:
    """Report the task stream from this process (the scheduler's job: one reporter, not one per worker)."""
    if redis_url is not None and queue not in _watched:
        REGISTRY.register(QueueCollector(redis_url, queue))
        _watched.add(queue)


_served: list[int] = []
_serve_lock = threading.Lock()


def serve(host: str, port: int) -> int | None:
    """Serve this process's metrics on `host`:`port` (or the next free of `PORT_TRIES` ports) from a daemon thread;
    returns the port, None when disabled (port 0) or every port was taken (logged: the process runs on)."""
    if port == 0:
        return None
    with _serve_lock:
        if _served:
            return _served[0]
        for candidate in range(port, min(port + PORT_TRIES, 65536)):
            with contextlib.suppress(OSError):
                start_http_server(candidate, addr=host)
                _served.append(candidate)
                log.info("metrics.serving", host=host, port=candidate)
                return candidate
    log.error("metrics.ports_taken", host=host, first=port, tries=PORT_TRIES)
    return None
