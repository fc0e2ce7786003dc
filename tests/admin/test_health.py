"""/healthz, /readyz and /metrics: open to probes, backed by the real database and Redis."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from pydantic import SecretStr
from tortoise import connections

from admin.app import create_app
from core.settings import Settings
from tests.admin.seed import seed
from tests.conftest import BACKEND


async def test_healthz_answers_without_a_session(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_checks_database_and_in_process_broker(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks == {"database": "ok", "migrations": "ok", "tokens": "ok", "broker": "ok (in-process)"}


async def test_readyz_checks_redis_when_configured(settings: Settings, db: None, redis_url: str, redis_client) -> None:
    app = create_app(settings.model_copy(update={"redis_url": redis_url}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://admin.test") as http:
        checks = (await http.get("/readyz")).json()["checks"]
    assert checks == {"database": "ok", "migrations": "ok", "tokens": "ok", "redis": "ok", "broker": "ok"}


async def test_livez_is_up_while_readyz_wants_every_migration_applied(client: httpx.AsyncClient) -> None:
    """A process of a newer release started before `agentiq db upgrade`: alive (no restart would help), not ready."""
    conn = connections.get("default")
    rows = await conn.execute_query_dict("SELECT * FROM tortoise_migrations")
    latest = max(rows, key=lambda row: row["name"])
    await conn.execute_query(f"DELETE FROM tortoise_migrations WHERE name = '{latest['name']}'")
    try:
        ready, live = await client.get("/readyz"), await client.get("/livez")
    finally:
        columns = ", ".join(latest)
        marks = ", ".join("$" + str(n + 1) if BACKEND == "postgres" else "?" for n in range(len(latest)))
        await conn.execute_query(f"INSERT INTO tortoise_migrations ({columns}) VALUES ({marks})", list(latest.values()))
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    assert ready.status_code == 503
    problem = ready.json()["checks"]["migrations"]
    assert problem.startswith("error: ") and latest["name"] in problem and "agentiq db upgrade" in problem
    assert (await client.get("/readyz")).status_code == 200


async def test_readyz_is_503_when_redis_is_unreachable(settings: Settings, db: None) -> None:
    # Port 9 (discard) on loopback: nothing listens there.
    app: FastAPI = create_app(settings.model_copy(update={"redis_url": "redis://127.0.0.1:9/0"}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://admin.test") as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("error")


async def test_readyz_names_the_failing_checks_error_without_its_secret(settings: Settings, db: None) -> None:
    url = "redis://:hunter2-redis-pass@127.0.0.1:9/0"
    app: FastAPI = create_app(settings.model_copy(update={"redis_url": url}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://admin.test") as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    error = response.json()["checks"]["redis"]
    # The kind and the reason (what an operator needs to act), never the password.
    assert error.startswith("error: ConnectionError: ") and "127.0.0.1:9" in error, error
    assert "connect" in error.split(":", 2)[2].lower()
    assert "hunter2" not in response.text


async def test_metrics_exposes_database_aggregates_and_process_metrics(client: httpx.AsyncClient) -> None:
    await seed()
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'agentiq_sync_runs_total{channel="review",status="ok"} 1.0' in text
    assert 'agentiq_sync_runs_total{channel="chat",status="failed"} 1.0' in text
    assert 'agentiq_sync_items_total{channel="review",kind="fetched"} 5.0' in text
    assert 'agentiq_wb_http_calls_total{channel="review",run_status="ok"} 3.0' in text
    assert 'agentiq_wb_rate_limited_total{channel="review"} 1.0' in text
    assert 'agentiq_replies_total{status="sent",via="telegram"} 1.0' in text
    assert 'agentiq_replies_total{status="failed",via="telegram"} 1.0' in text
    assert 'agentiq_cards_total{state="sent"} 1.0' in text
    assert 'agentiq_open_alerts{severity="critical"} 1.0' in text
    assert "agentiq_reply_queue_lag_seconds 0.0" in text
    assert "process_cpu_seconds_total" in text


async def test_metrics_can_require_a_bearer_token(settings: Settings, db: None) -> None:
    token = "m" * 40
    admin = settings.admin.model_copy(update={"metrics_token": SecretStr(token)})
    secured = settings.model_copy(update={"admin": admin})
    app = create_app(secured)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://admin.test") as http:
        assert (await http.get("/metrics")).status_code == 401
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer " + "n" * 40})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        good = await http.get("/metrics", headers={"Authorization": f"Bearer {token}"})
        assert good.status_code == 200 and "agentiq_cards_total" in good.text
        # The probes stay open.
        assert (await http.get("/healthz")).status_code == 200
