"""Sellers page: status, token, last sync; pause and resume through the form (CSRF) and the API."""

from __future__ import annotations

import httpx

from core.models import AdminRole, AdminUser, AuditEvent, Seller, SellerStatus
from tests.admin.conftest import log_in, page_csrf, password_hash
from tests.admin.seed import seed


async def test_sellers_page_lists_status_and_escapes_names(logged_in: httpx.AsyncClient) -> None:
    seeded = await seed()
    html = (await logged_in.get("/sellers")).text
    assert f'id="seller-{seeded.seller.id}"' in html
    assert "Shop &lt;b&gt;One&lt;/b&gt;" in html and "<b>One</b>" not in html
    assert "Активен" in html
    assert f'action="/sellers/{seeded.seller.id}/pause"' in html


async def test_pause_and_resume_through_the_form(logged_in: httpx.AsyncClient, admin_user: AdminUser) -> None:
    seller = (await seed()).seller
    token = await page_csrf(logged_in, "/sellers")
    response = await logged_in.post(f"/sellers/{seller.id}/pause", data={"csrf_token": token, "reason": "pilot hold"})
    assert response.status_code == 303
    await seller.refresh_from_db()
    assert (seller.status, seller.pause_reason) == (SellerStatus.PAUSED, "pilot hold")
    assert "pilot hold" in (await logged_in.get("/sellers")).text
    assert (await logged_in.post(f"/sellers/{seller.id}/resume", data={"csrf_token": token})).status_code == 303
    await seller.refresh_from_db()
    # No token stored: resuming goes back to onboarding, not active.
    assert (seller.status, seller.pause_reason) == (SellerStatus.ONBOARDING, None)
    actions = await AuditEvent.filter(actor_admin_id=admin_user.id, object_id=seller.id).values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["seller.paused", "seller.resumed"]


async def test_pause_without_csrf_token_changes_nothing(logged_in: httpx.AsyncClient) -> None:
    seller = (await seed()).seller
    assert (await logged_in.post(f"/sellers/{seller.id}/pause", data={"reason": "x"})).status_code == 403
    assert (await Seller.get(id=seller.id)).status == SellerStatus.ACTIVE


async def test_viewer_cannot_pause(client: httpx.AsyncClient) -> None:
    seller = (await seed()).seller
    await AdminUser.create(email="viewer@example.com", password_hash=password_hash(), role=AdminRole.VIEWER)
    assert (await log_in(client, email="viewer@example.com")).status_code == 303
    token = await page_csrf(client, "/sellers")
    assert (await client.post(f"/sellers/{seller.id}/pause", data={"csrf_token": token})).status_code == 403
    assert (await Seller.get(id=seller.id)).status == SellerStatus.ACTIVE


async def test_pause_and_resume_through_the_api(logged_in: httpx.AsyncClient) -> None:
    seller = (await seed()).seller
    token = (await logged_in.get("/api/session")).json()["csrf_token"]
    assert (await logged_in.post(f"/api/sellers/{seller.id}/pause", json={"reason": "r"})).status_code == 403
    paused = await logged_in.post(
        f"/api/sellers/{seller.id}/pause", json={"reason": "r"}, headers={"X-CSRF-Token": token}
    )
    assert paused.status_code == 200
    assert paused.json()["status"] == "paused"
    resumed = await logged_in.post(f"/api/sellers/{seller.id}/resume", headers={"X-CSRF-Token": token})
    assert resumed.json()["status"] == "onboarding"
    missing = await logged_in.post("/api/sellers/999999/resume", headers={"X-CSRF-Token": token})
    assert missing.status_code == 404
