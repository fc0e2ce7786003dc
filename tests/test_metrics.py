"""Every process's /metrics, scraped from the processes an operator runs: `agentiq worker`, `agentiq bot`,
`agentiq scheduler` and `agentiq admin serve`, each its own process on PostgreSQL and Redis streams, with the WB and
Telegram sandboxes as the outside world. Two reviews arrive and are carded, one task fails; the families exist and
move. What deploy/ ships (Prometheus rules, the scrape config, the Grafana dashboard) may only name metrics these
expositions hold, and the failing task's log stays JSON and names the task and its item."""

from __future__ import annotations

import json
import re
import signal
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from cli.serving import free_port, serve_app
from core.members import start_seller
from core.models import Card, Channel, DeliveryState
from core.settings import load_settings
from core.tasks import TaskName
from core.tokens import TokenCheck, set_token
from sandbox.telegram.server import create_app as telegram_app
from sandbox.wb.server import create_app as wb_app
from sync.broker import get_broker, kick
from tests.conftest import ENCRYPTION_KEY, TEST_REDIS_URL, _truncate
from tests.processes import ROOT, agentiq_env, answers_200, spawn, stop, wait_until

pytestmark = pytest.mark.slow

BOT_TOKEN = "7000000026:AAH-metrics-test-token-0123456789"
SELLER_CHAT = 2601
MISSING_ITEM = 987654
KINDS = ("worker", "bot", "scheduler", "admin")
# Four processes importing the whole product at once on a shared machine: generous.
WITHIN = 180


def samples(exposition: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus text exposition: (name, sorted labels) → value."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
    }


def value(scrape: str, name: str, **labels: str) -> float:
    """The sum of `name`'s samples whose labels include `labels` (0 when none)."""
    return sum(
        v for (n, ls), v in samples(scrape).items() if n == name and set(labels.items()) <= set(dict(ls).items())
    )


@dataclass
class Scraped:
    """The expositions of one run: before the items arrived and after, per process; the worker's log."""

    before: dict[str, str]
    after: dict[str, str]
    worker_log: str

    def names(self) -> set[str]:
        """Every sample name any process exported."""
        return {name for text in self.after.values() for name, _ in samples(text)}


@pytest.fixture(scope="module")
async def scraped(
    _tortoise: None, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Scraped]:
    folder = tmp_path_factory.mktemp("metrics")
    settings = load_settings(database_url=database_url, data_dir=folder, encryption_keys=ENCRYPTION_KEY)
    redis_url = TEST_REDIS_URL
    queue = f"aq-metrics-{uuid.uuid4().hex[:8]}"
    ports = {kind: free_port() for kind in KINDS}
    try:
        async with (
            serve_app(wb_app(seed=26, sellers=0, moderation_rate=0)) as wb_url,
            serve_app(telegram_app()) as tg_url,
            httpx.AsyncClient(timeout=10) as http,
        ):
            cabinet = (
                await http.post(f"{wb_url}/_sandbox/sellers", json={"reviews": 0, "questions": 0, "chats": 0})
            ).json()
            await http.post(f"{tg_url}/_sandbox/bots", json={"token": BOT_TOKEN})
            await http.post(f"{tg_url}/_sandbox/users", json={"id": SELLER_CHAT, "first_name": "S", "start": True})
            member = await start_seller(tg_user_id=SELLER_CHAT, tg_chat_id=SELLER_CHAT, name="S", language="en")
            check = TokenCheck(channels=frozenset(Channel), expires_at=None)
            await set_token(seller_id=member.seller_id, token=cabinet["token"], check=check, settings=settings)

            env = agentiq_env(
                database_url,
                folder,
                REDIS_URL=redis_url,
                LOG_FORMAT="json",
                SYNC__QUEUE_NAME=queue,
                SYNC__TICK_S="1",
                SYNC__HEARTBEAT_S="1",
                SYNC__REVIEW_INTERVAL_S="1",
                SYNC__QUESTION_INTERVAL_S="1",
                SYNC__CHAT_INTERVAL_S="1",
                WB__FEEDBACKS_BASE_URL=wb_url,
                WB__CHAT_BASE_URL=wb_url,
                WB__RETURNS_BASE_URL=wb_url,
                TELEGRAM__BOT_TOKEN=BOT_TOKEN,
                TELEGRAM__API_BASE_URL=tg_url,
                METRICS__BOT_PORT=str(ports["bot"]),
                METRICS__WORKER_PORT=str(ports["worker"]),
                METRICS__SCHEDULER_PORT=str(ports["scheduler"]),
            )
            commands = {
                "worker": ["worker"],
                "bot": ["bot"],
                "scheduler": ["scheduler"],
                "admin": ["admin", "serve", "--port", str(ports["admin"])],
            }
            logs = {kind: folder / f"{kind}.log" for kind in KINDS}
            procs = {kind: spawn(commands[kind], env, logs[kind]) for kind in KINDS}
            urls = {kind: f"http://127.0.0.1:{port}/metrics" for kind, port in ports.items()}
            try:
                for kind in KINDS:
                    await wait_until(answers_200(http, urls[kind]), procs[kind], logs[kind], within=WITHIN)

                async def scrape() -> dict[str, str]:
                    return {kind: (await http.get(url)).text for kind, url in urls.items()}

                async def worker_ran(task: str, outcome: str, more_than: float) -> bool:
                    scrape = (await http.get(urls["worker"])).text
                    return value(scrape, "agentiq_task_runs_total", task=task, outcome=outcome) > more_than

                await wait_until(
                    lambda: worker_ran(TaskName.SYNC_TICK, "ok", 0), procs["worker"], logs["worker"], within=WITHIN
                )
                before = await scrape()
                for _ in range(2):
                    created = await http.post(f"{wb_url}/_sandbox/sellers/{cabinet['seller_id']}/reviews", json={})
                    assert created.status_code == 201, created.text

                async def carded() -> bool:
                    return await Card.filter(state=DeliveryState.SENT).count() == 2

                await wait_until(carded, procs["worker"], logs["worker"], within=WITHIN)
                # A task that fails: the notify of an item that does not exist.
                broker = get_broker(
                    settings.model_copy(
                        update={"redis_url": redis_url, "sync": settings.sync.model_copy(update={"queue_name": queue})}
                    )
                )
                await broker.startup()
                try:
                    await kick(broker, TaskName.NOTIFY_INTERACTION, MISSING_ITEM)
                finally:
                    await broker.shutdown()
                await wait_until(
                    lambda: worker_ran(TaskName.NOTIFY_INTERACTION, "error", 0), procs["worker"], logs["worker"]
                )
                after = await scrape()
            finally:
                for kind, proc in procs.items():
                    stop(proc, logs[kind], signal.SIGTERM, timeout=60)
            yield Scraped(before=before, after=after, worker_log=logs["worker"].read_text(errors="replace"))
    finally:
        await _truncate()


def test_every_process_serves_its_families_and_they_move(scraped: Scraped) -> None:
    before, after = scraped.before, scraped.after
    worker, bot, scheduler, admin = (after[k] for k in KINDS)
    # Tasks: runs by name and outcome, with durations; the items' syncs and notifies ran between the scrapes.
    for task in (TaskName.SYNC_CHANNEL, TaskName.NOTIFY_INTERACTION):
        ran = value(worker, "agentiq_task_runs_total", task=task, outcome="ok")
        assert ran > value(before["worker"], "agentiq_task_runs_total", task=task, outcome="ok"), task
    assert value(worker, "agentiq_task_runs_total", task=TaskName.NOTIFY_INTERACTION, outcome="error") == 1
    assert value(worker, "agentiq_task_duration_seconds_count", task=TaskName.SYNC_CHANNEL) > 0
    # WB calls by budget and status; Telegram calls by method and outcome; the card latency of both cards.
    assert value(worker, "agentiq_wb_requests_total", channel="feedbacks", status="200") > value(
        before["worker"], "agentiq_wb_requests_total", channel="feedbacks", status="200"
    )
    assert value(worker, "agentiq_telegram_requests_total", method="sendMessage", outcome="ok") >= 2
    assert value(worker, "agentiq_card_latency_seconds_count", channel="review") == 2
    assert value(worker, "agentiq_card_latency_seconds_bucket", channel="review", le="+Inf") == 2
    # The bot polls Telegram; every process reports its own heartbeat age (beats every second here).
    assert value(bot, "agentiq_telegram_requests_total", method="getUpdates", outcome="ok") > 0
    for kind, scrape in (("worker", worker), ("bot", bot), ("scheduler", scheduler)):
        age = value(scrape, "agentiq_heartbeat_age_seconds", kind=kind)
        assert 0 <= age < 5, (kind, age)
        assert ("agentiq_heartbeat_age_seconds", (("kind", kind),)) in samples(scrape)
    # The task stream, reported by the scheduler: one consumer (the worker), nothing stuck.
    for name in ("entries", "undelivered", "pending", "oldest_pending_seconds", "consumers"):
        assert any(n == f"agentiq_queue_{name}" for n, _ in samples(scheduler)), name
    assert value(scheduler, "agentiq_queue_consumers") >= 1
    assert value(scheduler, "agentiq_queue_entries") > value(before["scheduler"], "agentiq_queue_entries") > 0
    # The admin: what the database holds, awaiting delivery included (both cards were delivered).
    assert value(admin, "agentiq_cards_total", state="sent") == 2
    assert value(admin, "agentiq_cards_awaiting_delivery") == 0
    assert ("agentiq_alerts_awaiting_oldest_seconds", ()) in samples(admin)
    # Each process exports only its own counters: the bot ran no task, the scheduler sent nothing to Telegram.
    assert value(bot, "agentiq_task_runs_total") == 0
    assert value(scheduler, "agentiq_telegram_requests_total") == 0


def test_a_failed_tasks_log_is_json_and_names_the_task_and_item(scraped: Scraped) -> None:
    records = []
    for line in scraped.worker_log.splitlines():
        if line.strip():
            records.append(json.loads(line))  # no raw text, no multi-line traceback: one JSON object per line
    failed = [r for r in records if r["event"] == "task.failed"]
    assert len(failed) == 1, failed
    assert failed[0]["task"] == TaskName.NOTIFY_INTERACTION and failed[0]["args"] == [MISSING_ITEM]
    assert failed[0]["level"] == "error" and "DoesNotExist" in failed[0]["error"]
    # taskiq's own line keeps the traceback, as a field of its record.
    traced = [r for r in records if "exception" in r and "DoesNotExist" in r["exception"]]
    assert traced and traced[0]["exception"].startswith("Traceback (most recent call last)")


DEPLOY = ROOT / "deploy"
# Prometheus's own series (scrape health) that rules may use besides ours.
PROMETHEUS_OWN = {"up"}
PROMQL_FUNCTIONS = re.compile(r"\b(agentiq_[a-z0-9_]+)")


def _deploy_expressions() -> dict[str, str]:
    """Every PromQL expression deploy/ ships: alert rules and dashboard panels, by where they are."""
    found: dict[str, str] = {}
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    for group in rules["groups"]:
        for rule in group["rules"]:
            found[f"alert {rule['alert']}"] = rule["expr"]
    dashboard = json.loads((DEPLOY / "grafana" / "agentiq.json").read_text())
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            found[f"panel {panel['title']} {target.get('refId', '')}"] = target["expr"]
    return found


def test_deploy_rules_and_dashboard_name_only_exported_metrics(scraped: Scraped) -> None:
    exported = scraped.names()
    expressions = _deploy_expressions()
    assert len([k for k in expressions if k.startswith("alert ")]) >= 7
    assert len([k for k in expressions if k.startswith("panel ")]) >= 8
    for where, expr in expressions.items():
        named = set(PROMQL_FUNCTIONS.findall(expr))
        assert named or re.search(r"\bup\b", expr), f"{where}: names no metric: {expr}"
        assert named <= exported, f"{where} names metrics no process exports: {sorted(named - exported)}"


def test_the_scrape_config_covers_every_process_and_loads_the_rules() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert set(jobs) >= {"agentiq-bot", "agentiq-worker", "agentiq-scheduler", "agentiq-admin"}
    assert config["rule_files"] == ["alerts.yml"]
    settings = load_settings()
    ports = {
        "agentiq-bot": settings.metrics.bot_port,
        "agentiq-worker": settings.metrics.worker_port,
        "agentiq-scheduler": settings.metrics.scheduler_port,
        "agentiq-admin": 8000,
    }
    for job, port in ports.items():
        (sd,) = jobs[job]["dns_sd_configs"]
        assert sd["port"] == port, job
    # Every alert has a runbook in docs/operations.md (its anchor exists).
    operations = (ROOT / "docs" / "operations.md").read_text()
    headings = re.findall(r"^#+ (.+)$", operations, re.M)
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).strip().replace(" ", "-") for h in headings}
    for group in yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())["groups"]:
        for rule in group["rules"]:
            runbook = rule["annotations"]["runbook"]
            assert runbook.startswith("docs/operations.md#"), rule["alert"]
            assert runbook.split("#", 1)[1] in anchors, (rule["alert"], runbook)


def test_the_compose_file_exposes_each_metrics_port() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    settings = load_settings()
    for name, port in (
        ("bot", settings.metrics.bot_port),
        ("worker", settings.metrics.worker_port),
        ("scheduler", settings.metrics.scheduler_port),
        ("admin", 8000),
    ):
        assert services[name]["labels"]["prometheus.port"] == str(port), name
        assert services[name]["labels"]["prometheus.scrape"] == "true", name
