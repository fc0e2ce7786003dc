"""The WB sandbox's returns API (claims) and pinned reviews answer as WB's 2026 contract says, success and error
alike (`communications-2026.openapi.yaml` holds them beside the rest; see `tests/sandbox/wb_contract.py`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from openapi_core.validation.response.exceptions import ResponseValidationError

from cli.serving import serve_app
from sandbox.wb.server import create_app
from tests.sandbox.wb_contract import assert_valid


@pytest.fixture
async def wb() -> AsyncIterator[tuple[Any, httpx.AsyncClient, list[httpx.Response]]]:
    seen: list[httpx.Response] = []

    async def record(response: httpx.Response) -> None:
        await response.aread()
        seen.append(response)

    app = create_app(seed=5, limits=False, claims=12)
    async with serve_app(app) as url, httpx.AsyncClient(base_url=url, event_hooks={"response": [record]}) as http:
        yield app, http, seen


def _token(app: Any) -> dict[str, str]:
    return {"Authorization": next(iter(app.state.store.tokens))}


async def test_claims_list_answer_and_read_back_validate(wb: Any) -> None:
    app, http, seen = wb
    h = _token(app)
    seller = app.state.store.sellers[1]
    active = (await http.get("/api/v1/claims", params={"is_archive": "false", "limit": 200}, headers=h)).json()
    archived = await http.get("/api/v1/claims", params={"is_archive": "true", "limit": 1, "offset": 1}, headers=h)
    assert active["total"] == len(active["claims"]) and archived.json()["total"] + active["total"] == 12
    assert all(c["status"] == 0 and "rejectcustom" in c["actions"] for c in active["claims"])
    claim = active["claims"][0]
    await http.get("/api/v1/claims", params={"is_archive": "false", "nm_id": claim["nm_id"]}, headers=h)
    comment = "Фото не относится к товару из заявки"
    body = {"id": claim["id"], "action": "rejectcustom", "comment": comment}
    assert (await http.patch("/api/v1/claim", json=body, headers=h)).status_code == 200
    read = (await http.get("/api/v1/claims", params={"is_archive": "true", "id": claim["id"]}, headers=h)).json()
    (decided,) = read["claims"]
    assert (decided["status"], decided["status_ex"], decided["wb_comment"]) == (1, 1, comment)
    assert "rejectcustom" not in decided["actions"] and decided["dt_update"] > claim["dt_update"]
    assert seller.claim_by_id[claim["id"]].api_calls == 1
    assert [r.status_code for r in seen] == [200] * 5
    for response in seen:
        assert_valid(response)


async def test_in_store_pickup_and_settling_over_time(wb: Any) -> None:
    app, http, seen = wb
    h = _token(app)
    app.state.store.config.update({"claim_settle_s": 0})
    seller = app.state.store.sellers[1]
    pickup = app.state.store.inject_claim(seller, {"pickup": True, "photos": 2, "video": True})
    assert pickup["actions"][:1] == ["approvecc1"] and "approve1" not in pickup["actions"]
    await http.patch("/api/v1/claim", json={"id": pickup["id"], "action": "approvecc1"}, headers=h)
    waiting = (await http.get("/api/v1/claims", params={"is_archive": "false", "id": pickup["id"]}, headers=h)).json()
    assert waiting["claims"][0]["actions"] == ["confirmreturngoodcc1", "rejectcustom"]
    await http.patch("/api/v1/claim", json={"id": pickup["id"], "action": "confirmreturngoodcc1"}, headers=h)
    done = (await http.get("/api/v1/claims", params={"is_archive": "true", "id": pickup["id"]}, headers=h)).json()
    assert (done["claims"][0]["status_ex"], done["claims"][0]["actions"]) == (10, [])
    plain = app.state.store.inject_claim(seller, {"pickup": False})
    await http.patch("/api/v1/claim", json={"id": plain["id"], "action": "approve2"}, headers=h)
    moved = (await http.get("/api/v1/claims", params={"is_archive": "true", "id": plain["id"]}, headers=h)).json()
    assert moved["claims"][0]["status_ex"] == 10  # settled: returned to the seller
    for response in seen:
        assert_valid(response)


async def test_error_responses_validate(wb: Any) -> None:
    app, http, seen = wb
    store = app.state.store
    seller = store.sellers[1]
    h = _token(app)
    claim = store.inject_claim(seller, {})
    await http.get("/api/v1/claims", headers=h)  # 400: is_archive missing
    await http.get("/api/v1/claims", params={"is_archive": "false", "limit": 201}, headers=h)  # 400
    await http.get("/api/v1/claims", params={"is_archive": "false", "id": "nope"}, headers=h)  # 400
    await http.patch("/api/v1/claim", json={"id": claim["id"]}, headers=h)  # 400: no action
    await http.patch("/api/v1/claim", json={"id": claim["id"], "action": "rejectcustom"}, headers=h)  # no comment
    short = {"id": claim["id"], "action": "rejectcustom", "comment": "нет"}
    await http.patch("/api/v1/claim", json=short, headers=h)  # 400: comment < 10
    await http.patch("/api/v1/claim", json={"id": claim["id"], "action": "confirmreturngoodcc1"}, headers=h)
    await http.get("/api/v1/claims", params={"is_archive": "false"})  # 401
    chat_only = {"Authorization": store.issue_token(seller, scopes=("chat",))}
    await http.get("/api/v1/claims", params={"is_archive": "false"}, headers=chat_only)  # 403 wrong category
    store.config.update({"storm_requests": 1, "storm_retry_after": 0.01})
    await http.get("/api/v1/claims", params={"is_archive": "false"}, headers=h)  # 429
    store.config.update({"error_rate": 1.0})
    await http.get("/api/v1/claims", params={"is_archive": "false"}, headers=h)  # 5xx
    assert [r.status_code for r in seen][:10] == [400] * 7 + [401, 403, 429] and seen[-1].status_code >= 500
    assert seller.claim_by_id[claim["id"]].decisions == []
    for response in seen:
        assert_valid(response)


async def test_returns_bucket_is_wb_limit(wb: Any) -> None:
    app, http, seen = wb
    app.state.store.config.update({"limits": True})
    h = _token(app)
    for _ in range(11):
        await http.get("/api/v1/claims", params={"is_archive": "false"}, headers=h)
    assert [r.status_code for r in seen] == [200] * 10 + [429]
    assert seen[-1].headers["X-Ratelimit-Limit"] == "10" and 0 < float(seen[-1].headers["X-Ratelimit-Retry"]) <= 3
    for response in seen:
        assert_valid(response)


async def test_reviews_by_id_and_archive_carry_order_status_and_tags(wb: Any) -> None:
    app, http, seen = wb
    h = _token(app)
    store = app.state.store
    seller = store.sellers[1]
    made = store.inject_review(seller, {"text": "Вернул, мал", "order_status": "returned", "bables": ["цена"]})
    one = (await http.get("/api/v1/feedback", params={"id": made["id"]}, headers=h)).json()["data"]
    assert (one["orderStatus"], one["bables"]) == ("returned", ["цена"])
    archive = await http.get("/api/v1/feedbacks/archive", params={"take": 5000, "skip": 0}, headers=h)
    statuses = {f["orderStatus"] for f in archive.json()["data"]["feedbacks"]}
    assert statuses <= {"buyout", "rejected", "returned", "notSpecified"} and "buyout" in statuses
    assert [r.status_code for r in seen] == [200, 200]
    for response in seen:
        assert_valid(response)


async def test_pins_need_a_subscription_and_answer_per_contract(wb: Any) -> None:
    app, http, seen = wb
    store = app.state.store
    h = _token(app)
    review = store.sellers[1].reviews[0].id
    body = [{"feedbackId": review, "pinMethod": "subscription", "pinOn": "imt"}]
    refused = await http.post("/api/feedbacks/v1/pins", json=body, headers=h)
    assert refused.status_code == 403 and refused.json()["title"] == "no active subscription or tariff"
    none = (await http.get("/api/feedbacks/v1/pins/limits", headers=h)).json()["data"]
    assert none == {"subscription": None, "tariff": None} and store.sellers[1].pins == []
    subscribed, token = store.create_seller(pin_subscription=True, claims=0)
    s = {"Authorization": token}
    body[0]["feedbackId"] = subscribed.reviews[0].id
    pinned = await http.post("/api/feedbacks/v1/pins", json=[*body, {**body[0], "feedbackId": "nope"}], headers=s)
    first, missing = pinned.json()["data"]
    assert not first["isErrors"] and first["pinId"] and missing["isErrors"]
    limits = (await http.get("/api/feedbacks/v1/pins/limits", headers=s)).json()["data"]["subscription"]
    assert (limits["used"], limits["remaining"]) == (1, limits["totalLimit"] - 1)
    unpinned = await http.request("DELETE", "/api/feedbacks/v1/pins", json=[first["pinId"]], headers=s)
    assert unpinned.json()["data"] == [first["pinId"]]
    listed = (await http.get("/api/feedbacks/v1/pins", params={"state": "unpinned"}, headers=s)).json()["data"]
    assert [(p["pinId"], p["state"]) for p in listed] == [(first["pinId"], "unpinned")]
    assert (await http.get("/api/feedbacks/v1/pins/count", params={"state": "pinned"}, headers=s)).json() == {"data": 0}
    await http.post("/api/feedbacks/v1/pins", json={"not": "a list"}, headers=s)  # 400
    assert [r.status_code for r in seen] == [403, 200, 200, 200, 200, 200, 200, 400]
    for response in seen:
        assert_valid(response)


def test_the_validator_rejects_a_claim_that_breaks_the_contract() -> None:
    request = httpx.Request("GET", "http://127.0.0.1/api/v1/claims?is_archive=false")
    assert_valid(httpx.Response(200, json={"claims": [], "total": 0}, request=request))
    with pytest.raises(ResponseValidationError):
        assert_valid(httpx.Response(200, json={"claims": [{"id": 5, "status": "new"}], "total": 1}, request=request))
