"""The WB sandbox itself: deterministic seeded stores that read like real ones, the control API, limits, rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from cli.serving import serve_app
from sandbox.wb.server import create_app

PINNED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _dump(app: Any) -> Any:
    store = app.state.store
    return [
        (
            [
                (r.id, r.text, r.pros, r.cons, r.stars, r.created, r.photos, r.parent_id, r.answer and r.answer.text)
                for r in s.reviews
            ],
            [(q.id, q.text, q.created, q.state) for q in s.questions],
            [(e["eventID"], e["addTimestamp"], e["message"]["text"]) for e in s.events],
        )
        for s in store.sellers.values()
    ], sorted(store.tokens)


def test_same_seed_same_store_and_another_seed_another_store() -> None:
    first, again = create_app(seed=3, sellers=2, now=PINNED), create_app(seed=3, sellers=2, now=PINNED)
    assert _dump(first) == _dump(again)
    assert _dump(create_app(seed=4, sellers=2, now=PINNED))[0] != _dump(first)[0]


def test_generated_store_reads_like_a_real_one() -> None:
    app = create_app(seed=9, reviews=1000, questions=200, chats=30, now=PINNED)
    seller = app.state.store.sellers[1]
    reviews = seller.reviews
    stars = Counter(r.stars for r in reviews)
    assert stars.most_common(1)[0][0] == 5 and stars[5] > len(reviews) / 2 and stars[1] > stars[2]
    texts = [r.text for r in reviews if r.text]
    assert len(set(texts)) > 0.5 * len(texts) and all(any(ch in t for ch in "аеиоу") for t in texts[:50])
    assert 0 < sum(not r.text for r in reviews) < len(reviews) * 0.3
    assert sum(bool(r.pros) for r in reviews) > 0 and sum(bool(r.cons) for r in reviews) > 0
    assert 0 < sum(r.photos > 0 for r in reviews) < len(reviews) / 2
    children = [r for r in reviews if r.parent_id]
    assert children and all(seller.review_by_id[c.parent_id].child_id == c.id for c in children)
    assert all(r.created <= PINNED for r in reviews)
    assert any(r.answer for r in reviews) and any(not r.answer for r in reviews)
    assert len({q.text for q in seller.questions}) > 5
    assert sum(e["isNewChat"] for e in seller.events) == len(seller.chats) == 30


@pytest.fixture
async def sbx() -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    app = create_app(seed=2, moderation_rate=0.0)
    async with serve_app(app) as url, httpx.AsyncClient(base_url=url) as http:
        yield app, http


async def test_control_api_creates_sellers_with_tokens(sbx: Any) -> None:
    _, http = sbx
    created = (await http.post("/_sandbox/sellers", json={"name": "ИП Ромашка", "reviews": 7, "chats": 1})).json()
    assert created["seller_id"] == 2 and created["token"].count(".") == 2
    listed = (await http.get("/_sandbox/sellers")).json()
    assert [(s["seller_id"], s["reviews"] >= 7, s["chats"]) for s in listed] == [(1, True, 10), (2, True, 1)]
    h = {"Authorization": f"Bearer {created['token']}"}  # WB clients in the wild send "Bearer"; accepted too
    response = await http.get("/api/v1/feedbacks/count-unanswered", headers=h)
    assert response.status_code == 200
    health = (await http.get("/_sandbox/health")).json()
    assert health == {"ok": True, "seed": 2, "sellers": 2}


async def test_control_api_config_and_errors(sbx: Any) -> None:
    _, http = sbx
    changed = (await http.patch("/_sandbox/config", json={"limits": False, "latency_ms": 1})).json()
    assert changed["limits"] is False and changed["latency_ms"] == 1.0
    assert (await http.patch("/_sandbox/config", json={"nonsense": 1})).status_code == 400
    assert (await http.post("/_sandbox/sellers/99/reviews", json={})).status_code == 404
    assert (await http.post("/_sandbox/moderation", json={"seller_id": 1, "feedback_id": "x"})).status_code == 404


async def test_answers_view_as_json_and_html(sbx: Any) -> None:
    _, http = sbx
    token = (await http.get("/_sandbox/sellers")).json()[0]["token"]
    review = (await http.post("/_sandbox/sellers/1/reviews", json={"text": "<b>Брак</b>", "rating": 1})).json()
    answered = await http.post(
        "/api/v1/feedbacks/answer", json={"id": review["id"], "text": "Нам жаль!"}, headers={"Authorization": token}
    )
    assert answered.status_code == 204
    rows = (await http.get("/_sandbox/answers")).json()["answers"]
    assert [(r["channel"], r["item_id"], r["answer"], r["answer_calls"]) for r in rows] == [
        ("review", review["id"], "Нам жаль!", 1)
    ]
    page = await http.get("/_sandbox/answers", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "&lt;b&gt;Брак&lt;/b&gt;" in page.text
    await http.post(
        "/api/v1/feedbacks/answer", json={"id": "unknown-id", "text": "Спасибо"}, headers={"Authorization": token}
    )
    assert (await http.get("/_sandbox/answers")).json()["unknown_answers"] == 1


async def test_chat_bucket_is_separate_and_bursts_ten(sbx: Any) -> None:
    app, http = sbx
    h = {"Authorization": next(iter(app.state.store.tokens))}
    statuses = [(await http.get("/api/v1/seller/chats", headers=h)).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    assert (await http.get("/api/v1/new-feedbacks-questions", headers=h)).status_code == 200


async def test_edit_window_is_enforced(sbx: Any) -> None:
    app, http = sbx
    app.state.store.config.update({"edit_window_days": 0})
    h = {"Authorization": next(iter(app.state.store.tokens))}
    review = (await http.post("/_sandbox/sellers/1/reviews", json={})).json()
    assert (
        await http.post("/api/v1/feedbacks/answer", json={"id": review["id"], "text": "Спасибо"}, headers=h)
    ).status_code == 204
    fetched = (await http.get("/api/v1/feedback", params={"id": review["id"]}, headers=h)).json()
    assert fetched["data"]["answer"]["editable"] is False
    edit = await http.patch("/api/v1/feedbacks/answer", json={"id": review["id"], "text": "Спасибо!!"}, headers=h)
    assert edit.status_code == 400 and edit.json()["error"] is True
