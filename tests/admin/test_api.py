"""The JSON API: session login, the pages' data, the reply endpoint (202, or 422 with guardrail violations)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from admin.app import create_app
from core.models import AdminUser, Reply, ReplyStatus, ReplyVia
from core.settings import Settings
from tests.admin.conftest import BASE_URL, PASSWORD
from tests.admin.seed import seed
from tests.brokers import recording_broker

BLOCKED = "Спасибо! Пишите нам в телеграм @shop_help или звоните +7 999 123-45-67"
GOOD = "Анна, спасибо за отзыв! Нам жаль, что чайник пришёл повреждённым, мы проверим упаковку на складе."


async def _api_login(http: httpx.AsyncClient) -> str:
    anonymous = (await http.get("/api/session")).json()
    assert anonymous["authenticated"] is False
    response = await http.post(
        "/api/session",
        json={"email": "ops@example.com", "password": PASSWORD},
        headers={"X-CSRF-Token": anonymous["csrf_token"]},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["authenticated"] is True and body["csrf_token"] != anonymous["csrf_token"]
    return body["csrf_token"]


async def test_api_requires_a_session(client: httpx.AsyncClient) -> None:
    for path in ("/api/dashboard", "/api/sellers", "/api/interactions", "/api/alerts", "/api/readiness"):
        assert (await client.get(path)).status_code == 401, path


async def test_openapi_schema_is_published(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/api/openapi.json")).json()
    assert "/api/interactions/{interaction_id}/reply" in schema["paths"]
    assert "422" in schema["paths"]["/api/interactions/{interaction_id}/reply"]["post"]["responses"]


async def test_api_serves_the_pages_data(client: httpx.AsyncClient, admin_user: AdminUser) -> None:
    seeded = await seed()
    await _api_login(client)
    page = (await client.get("/api/interactions", params={"status": "open", "channel": "review"})).json()
    assert page["total"] == 1 and page["items"][0]["id"] == seeded.review.id
    detail = (await client.get(f"/api/interactions/{seeded.review.id}")).json()
    assert [t["interaction_id"] for t in detail["timeline"]] == [seeded.review.id, seeded.chat.id]
    assert detail["replies"][0]["status"] == "failed"
    sellers = (await client.get("/api/sellers")).json()
    assert sellers[0]["has_token"] is False and "wb_token_enc" not in sellers[0]
    alerts = (await client.get("/api/alerts")).json()
    assert alerts[0]["kind"] == "stale_sync"
    runs = (await client.get("/api/sync-runs", params={"status": "failed"})).json()
    assert [r["channel"] for r in runs] == ["chat"]
    readiness = (await client.get("/api/readiness")).json()
    assert readiness["go"] is False  # a critical alert is open
    dashboard = (await client.get("/api/dashboard", params={"days": 3})).json()
    assert sum(r["count"] for r in dashboard["backlog"]) == 2


async def test_reply_endpoint_queues_a_clean_text_and_refuses_a_blocked_one(
    settings: Settings, db: None, admin_user: AdminUser
) -> None:
    seeded = await seed()
    # A broker without tasks: the reply row is the outcome under test, not the send.
    app: FastAPI = create_app(settings, broker=recording_broker()[0])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as http:
        token = await _api_login(http)
        url = f"/api/interactions/{seeded.chat.id}/reply"
        blocked = await http.post(url, json={"text": BLOCKED}, headers={"X-CSRF-Token": token})
        assert blocked.status_code == 422
        violations = blocked.json()["violations"]
        assert {v["rule_id"] for v in violations} >= {"contact.phone", "contact.handle"}
        assert all(v["reason"] and v["fragment"] in BLOCKED for v in violations)
        assert await Reply.filter(interaction_id=seeded.chat.id).count() == 0

        accepted = await http.post(url, json={"text": GOOD}, headers={"X-CSRF-Token": token})
        assert accepted.status_code == 202, accepted.text
        reply = await Reply.get(id=accepted.json()["reply_id"])
        assert (reply.status, reply.via, reply.approved_by_admin_id) == (
            ReplyStatus.QUEUED,
            ReplyVia.WEB,
            admin_user.id,
        )
        # The same approval again maps to the same outbox row.
        again = await http.post(url, json={"text": GOOD}, headers={"X-CSRF-Token": token})
        assert again.json()["reply_id"] == reply.id
        assert (await http.post(url, json={"text": GOOD})).status_code == 403
