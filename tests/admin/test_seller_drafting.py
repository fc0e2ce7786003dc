"""The seller drafting page over HTTP: LLM switch, voice, banned words and product facts (a blocked fact is
refused with its reasons and nothing is saved); viewers cannot change anything."""

from __future__ import annotations

import httpx

from core.models import AdminRole, AdminUser, AuditEvent, ProductFacts, Seller
from core.seller_settings import SellerSettings
from tests.admin.conftest import log_in, page_csrf, password_hash
from tests.factories import new_seller


async def test_admin_edits_llm_voice_and_facts(logged_in: httpx.AsyncClient) -> None:
    seller = await new_seller("Лавка <b>")
    page = await logged_in.get(f"/sellers/{seller.id}/drafting")
    assert page.status_code == 200 and "Лавка &lt;b&gt;" in page.text
    token = await page_csrf(logged_in, f"/sellers/{seller.id}/drafting")

    done = await logged_in.post(f"/sellers/{seller.id}/llm", data={"csrf_token": token, "enabled": "true"})
    assert done.status_code == 303 and (await Seller.get(id=seller.id)).llm_enabled
    assert await AuditEvent.filter(action="settings.llm", seller_id=seller.id).exists()

    voice = {
        "csrf_token": token,
        "tone": "friendly",
        "signature": "Команда Лета",
        "brand": "Лето",
        "brand_en": "Leto",
        "banned": "акция\nскидка",
    }
    assert (await logged_in.post(f"/sellers/{seller.id}/voice", data=voice)).status_code == 303
    stored = SellerSettings.of((await Seller.get(id=seller.id)).settings)
    assert stored.voice.tone == "friendly" and stored.voice.brand == "Лето" and stored.voice.brand_en == "Leto"
    assert stored.banned_phrases == ["акция", "скидка"]

    facts = {
        "csrf_token": token,
        "nm_id": "777",
        "sizing": "Берите на размер больше.",
        "care": "Стирать при 30.",
        "composition": "95% хлопок, 5% эластан",
        "en_composition": "95% cotton, 5% elastane",
    }
    assert (await logged_in.post(f"/sellers/{seller.id}/facts", data=facts)).status_code == 303
    row = await ProductFacts.get(seller_id=seller.id, nm_id=777)
    assert row.english == {"composition": "95% cotton, 5% elastane"}
    mixed = await logged_in.post(f"/sellers/{seller.id}/facts", data={**facts, "en_care": "Wash at 30, не отжимать"})
    assert mixed.status_code == 422 and "русские буквы" in mixed.text
    assert (await ProductFacts.get(seller_id=seller.id, nm_id=777)).english == row.english
    assert row.sizing == "Берите на размер больше." and row.care == "Стирать при 30." and row.in_box == ""
    assert row.composition == "95% хлопок, 5% эластан" and row.warranty == ""

    hostile = {**facts, "sizing": "Пишите в телеграм @shop"}
    refused = await logged_in.post(f"/sellers/{seller.id}/facts", data=hostile)
    assert refused.status_code == 422 and "@shop" in refused.text
    assert (await ProductFacts.get(seller_id=seller.id, nm_id=777)).sizing == "Берите на размер больше."
    shown = await logged_in.get(f"/sellers/{seller.id}/drafting")
    assert "Берите на размер больше." in shown.text and "Команда Лета" in shown.text
    assert "EN: 95% cotton, 5% elastane" in shown.text

    assert (await logged_in.post(f"/sellers/{seller.id}/llm", data={"enabled": "false"})).status_code == 403
    assert (await logged_in.get("/sellers/999999/drafting")).status_code == 404


async def test_viewer_sees_but_cannot_change(client: httpx.AsyncClient) -> None:
    seller = await new_seller()
    await AdminUser.create(email="viewer@example.com", password_hash=password_hash(), role=AdminRole.VIEWER)
    assert (await log_in(client, email="viewer@example.com")).status_code == 303
    assert (await client.get(f"/sellers/{seller.id}/drafting")).status_code == 200
    token = await page_csrf(client, f"/sellers/{seller.id}/drafting")
    assert (
        await client.post(f"/sellers/{seller.id}/llm", data={"csrf_token": token, "enabled": "true"})
    ).status_code == 403
    assert not (await Seller.get(id=seller.id)).llm_enabled
