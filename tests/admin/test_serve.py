"""`agentiq admin serve` as its own process, the way the compose `admin` service runs it: uvicorn opens the database in
its lifespan task, and every request (other tasks) must still reach it — sign in, dashboard, a write, `/readyz`."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx

from cli.serving import free_port
from core.models import AdminRole, AdminUser, AuditEvent, SellerStatus
from tests.admin.conftest import PASSWORD, csrf_from, password_hash
from tests.factories import new_seller
from tests.processes import agentiq_env, answers_200, spawn, stop, tail, wait_until


async def test_admin_serve_signs_in_reads_and_writes_and_is_ready(
    db: None, database_url: str, redis_url: str, redis_client: object, tmp_path: Path
) -> None:
    await AdminUser.create(email="ops@example.com", password_hash=password_hash(), role=AdminRole.ADMIN)
    seller = await new_seller("Serve Shop", status=SellerStatus.ACTIVE)
    port = free_port()
    env = agentiq_env(
        database_url,
        tmp_path,
        REDIS_URL=redis_url,
        SYNC__QUEUE_NAME=f"aq-test-{uuid.uuid4().hex[:8]}",
        ADMIN__SECURE_COOKIES="false",
    )
    log = tmp_path / "admin.log"
    proc = spawn(["admin", "serve", "--host", "127.0.0.1", "--port", str(port)], env, log)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            await wait_until(answers_200(http, "/healthz"), proc, log)
            ready = await http.get("/readyz")
            assert ready.status_code == 200, f"{ready.text}\n{tail(log)}"
            assert ready.json()["checks"]["database"] == "ok"

            token = csrf_from((await http.get("/login")).text)
            signed_in = await http.post(
                "/login", data={"email": "ops@example.com", "password": PASSWORD, "csrf_token": token, "next": "/"}
            )
            assert signed_in.status_code == 303, f"{signed_in.text[:500]}\n{tail(log)}"
            dashboard = await http.get("/")
            assert dashboard.status_code == 200, tail(log)
            sellers = await http.get("/sellers")
            assert sellers.status_code == 200 and "Serve Shop" in sellers.text

            page_token = csrf_from(sellers.text)
            paused = await http.post(f"/sellers/{seller.id}/pause", data={"csrf_token": page_token, "reason": "r"})
            assert paused.status_code == 303, tail(log)
    finally:
        code = stop(proc, log)
    assert code == 0, tail(log)
    await seller.refresh_from_db()
    assert seller.status == SellerStatus.PAUSED
    assert await AuditEvent.filter(action="seller.paused", object_id=seller.id).exists()
