"""Every answer the WB sandbox gives (success and error) validates against WB's 2026 contract
(`communications-2026.openapi.yaml`), as published and closed: a field WB's spec does not have fails (see
`tests/sandbox/wb_contract.py`). The 2026 shapes: no `clientID`, problem+json 401/402/403/429, `sign` in the send
answer, download 202 `{moderationState, retrySeconds}` and 451 problem+json, file-size/mime 400s on send.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from openapi_core.validation.response.exceptions import ResponseValidationError

from cli.serving import serve_app
from sandbox.wb.server import create_app
from tests.sandbox.wb_contract import SPEC, assert_valid


@pytest.fixture
async def wb() -> AsyncIterator[tuple[Any, list[httpx.Response]]]:
    seen: list[httpx.Response] = []

    async def record(response: httpx.Response) -> None:
        await response.aread()
        seen.append(response)

    app = create_app(seed=5, limits=False, moderation_rate=0.0)
    async with serve_app(app) as url, httpx.AsyncClient(base_url=url, event_hooks={"response": [record]}) as http:
        yield app, http, seen  # type: ignore[misc]


def _token(app: Any, seller: int = 1) -> str:
    return next(t for t, rec in app.state.store.tokens.items() if rec.seller.num == seller)


def test_contract_documents_402_403_and_problem_bodies_on_every_operation() -> None:
    # The 2026 contract: every operation lists 401/402/403/429, and 401/402/429 are problem+json.
    operations = 0
    for item in SPEC["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            operations += 1
            responses = op["responses"]
            assert {"401", "402", "403", "429"} <= set(responses)
            for code in ("401", "402", "429"):
                assert responses[code] == {"$ref": f"#/components/responses/{code}"}
    assert operations == 25


async def test_success_responses_of_every_path_validate(wb: Any) -> None:
    app, http, seen = wb
    h = {"Authorization": _token(app)}
    page = {"take": 5, "skip": 0}
    unanswered = (await http.get("/api/v1/feedbacks", params={**page, "isAnswered": "false"}, headers=h)).json()
    fid = unanswered["data"]["feedbacks"][0]["id"]
    await http.get("/api/v1/feedbacks", params={**page, "isAnswered": "true", "order": "dateAsc"}, headers=h)
    await http.get("/api/v1/feedbacks/archive", params=page, headers=h)
    await http.get("/api/v1/feedback", params={"id": fid}, headers=h)
    await http.get("/api/v1/feedbacks/count-unanswered", headers=h)
    await http.get("/api/v1/feedbacks/count", params={"isAnswered": "false", "dateFrom": 1}, headers=h)
    await http.get("/api/v1/new-feedbacks-questions", headers=h)
    await http.post("/api/v1/feedbacks/answer", json={"id": fid, "text": "Спасибо за отзыв!"}, headers=h)
    await http.patch("/api/v1/feedbacks/answer", json={"id": fid, "text": "Спасибо, ждём снова!"}, headers=h)
    await http.get("/api/v1/feedback", params={"id": fid}, headers=h)
    questions = (await http.get("/api/v1/questions", params={**page, "isAnswered": "false"}, headers=h)).json()
    q1, q2 = (q["id"] for q in questions["data"]["questions"][:2])
    await http.get("/api/v1/question", params={"id": q1}, headers=h)
    await http.patch("/api/v1/questions", json={"id": q1, "wasViewed": True}, headers=h)
    await http.patch("/api/v1/questions", json={"id": q1, "answer": {"text": "Да, есть"}, "state": "wbRu"}, headers=h)
    await http.patch("/api/v1/questions", json={"id": q2, "answer": {"text": "Спам"}, "state": "none"}, headers=h)
    await http.get("/api/v1/question", params={"id": q1}, headers=h)
    edit = {"id": q1, "answer": {"text": "Да, есть XL и XXL"}, "state": "wbRu"}  # the one edit WB allows
    await http.patch("/api/v1/questions", json=edit, headers=h)
    await http.get("/api/v1/question", params={"id": q1}, headers=h)
    await http.get("/api/v1/questions", params={**page, "isAnswered": "true"}, headers=h)
    await http.get("/api/v1/questions/count-unanswered", headers=h)
    await http.get("/api/v1/questions/count", params={"isAnswered": "true"}, headers=h)
    chats = (await http.get("/api/v1/seller/chats", headers=h)).json()
    events = (await http.get("/api/v1/seller/events", headers=h)).json()
    sign = chats["result"][0]["replySign"]
    assert all("clientID" not in c and "statusID" not in c["goodCard"] for c in chats["result"])
    sent = await http.post(
        "/api/v1/seller/message", files={"replySign": (None, sign), "message": (None, "Здравствуйте!")}, headers=h
    )
    assert sent.json()["result"]["sign"] == sign  # 2026: the send answer carries the chat's sign
    photo = ("size.png", PNG, "image/png")
    with_file = {"replySign": (None, sign), "message": (None, "Таблица размеров"), "file": photo}
    assert (await http.post("/api/v1/seller/message", files=with_file, headers=h)).status_code == 200
    await http.get("/api/v1/seller/events", params={"next": events["result"]["next"]}, headers=h)
    assert [r.status_code for r in seen if r.status_code >= 300] == []
    for response in seen:
        assert_valid(response)


async def test_error_responses_validate(wb: Any) -> None:
    app, http, seen = wb
    store = app.state.store
    seller = store.sellers[1]
    h = {"Authorization": _token(app)}
    chat_only = {"Authorization": store.issue_token(seller, scopes=("chat",))}
    reviews_only = {"Authorization": store.issue_token(seller, scopes=("review",))}
    await http.get("/api/v1/feedbacks", params={"isAnswered": "maybe", "take": 1, "skip": 0}, headers=h)  # 400
    await http.get("/api/v1/feedbacks", params={"isAnswered": "true", "take": 5001, "skip": 0}, headers=h)  # 400
    await http.get("/api/v1/questions", params={"isAnswered": "true", "take": 9000, "skip": 1001}, headers=h)  # 400
    await http.get("/api/v1/feedbacks/count", params={"dateFrom": "yesterday"}, headers=h)  # 400
    await http.get("/api/v1/feedbacks/count", params={"dateFrom": 1}, headers=h)  # 400: isAnswered is required
    await http.get("/api/v1/feedbacks", params={"isAnswered": "true", "take": 1, "skip": 0})  # 401
    await http.get("/api/v1/feedbacks/count-unanswered", headers={"Authorization": "Bearer not-a-token"})  # 401
    await http.get("/api/v1/new-feedbacks-questions", headers=chat_only)  # 403
    await http.get("/api/v1/questions/count-unanswered", headers=chat_only)  # 403
    await http.get("/api/v1/seller/chats", headers=reviews_only)  # 403 wrong category
    await http.post("/api/v1/feedbacks/answer", json={"id": "x", "text": "Спасибо"}, headers=chat_only)  # 403
    await http.get("/api/v1/feedback", params={"id": "nope"}, headers=h)  # 422
    await http.get("/api/v1/question", params={"id": "nope"}, headers=h)  # 422
    await http.patch("/api/v1/questions", json={"id": "nope", "wasViewed": True}, headers=h)  # 404
    await http.patch("/api/v1/feedbacks/answer", json={"id": seller.reviews[-1].id, "text": "x"}, headers=h)  # 400
    fid, qid = seller.reviews[-1].id, seller.questions[-1].id
    await http.post("/api/v1/feedbacks/answer", json={"id": fid, "text": "Спасибо!"}, headers=h)
    await http.patch("/api/v1/questions", json={"id": qid, "answer": {"text": "Да"}, "state": "wbRu"}, headers=h)
    for n in (1, 2):  # the second edit of each answer is refused: WB allows one
        await http.patch("/api/v1/feedbacks/answer", json={"id": fid, "text": f"Правка {n}"}, headers=h)  # 204, 400
        edit = {"id": qid, "answer": {"text": f"Правка {n}"}, "state": "wbRu"}
        await http.patch("/api/v1/questions", json=edit, headers=h)  # 200, 422
    await http.get("/api/v1/seller/events", params={"next": "soon"}, headers=h)  # 400
    await http.post("/api/v1/seller/message", files={"replySign": (None, "bad"), "message": (None, "Hi")}, headers=h)
    sign = next(iter(seller.chats.values())).reply_sign
    big = {"replySign": (None, sign), "file": ("chart.png", PNG + bytes(5 * 1024 * 1024), "image/png")}
    video = {"replySign": (None, sign), "file": ("clip.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4")}
    too_big = await http.post("/api/v1/seller/message", files=big, headers=h)  # 400 InvalidFileSize
    mime = await http.post("/api/v1/seller/message", files=video, headers=h)  # 400 UnsupportedFilesType
    assert "attachment too big" in too_big.json()["detail"] and "unsupported mime type" in mime.json()["detail"]
    for status in (402, 403):
        seller.refusals.update({"feedbacks": status, "chat": status})
        await http.get("/api/v1/feedbacks", params={"isAnswered": "true", "take": 1, "skip": 0}, headers=h)
        await http.get("/api/v1/seller/chats", headers=h)
    seller.refusals.clear()
    await http.get("/api/v1/seller/download/abc", headers=h)  # 400
    store.config.update({"storm_requests": 2, "storm_retry_after": 0.01})
    await http.get("/api/v1/feedbacks/count-unanswered", headers=h)  # 429
    await http.get("/api/v1/seller/chats", headers=h)  # 429
    store.config.update({"error_rate": 1.0})
    await http.get("/api/v1/feedbacks/count-unanswered", headers=h)  # 5xx
    refused_edits = [r for r in seen if r.request.method == "PATCH" and r.status_code in (400, 422)]
    assert [(r.url.path, r.status_code) for r in refused_edits[-2:]] == [
        ("/api/v1/feedbacks/answer", 400),
        ("/api/v1/questions", 422),
    ]
    assert all("один раз" in r.json()["errorText"] for r in refused_edits[-2:])
    assert [a["edits"] for a in store.answers(1) if a["item_id"] in (fid, qid)] == [1, 1]
    statuses = sorted({r.status_code for r in seen if r.status_code >= 400})
    assert statuses[:7] == [400, 401, 402, 403, 404, 422, 429] and statuses[-1] >= 500
    assert all(r.headers["content-type"].startswith("application/problem+json") for r in seen if r.status_code == 402)
    for response in seen:
        assert_valid(response)


async def test_rate_limited_response_validates_and_carries_headers(wb: Any) -> None:
    app, http, seen = wb
    app.state.store.config.update({"limits": True})
    h = {"Authorization": _token(app)}
    for _ in range(7):
        await http.get("/api/v1/feedbacks/count-unanswered", headers=h)
    assert [r.status_code for r in seen] == [200] * 6 + [429]
    assert [int(r.headers["X-Ratelimit-Remaining"]) for r in seen[:6]] == [5, 4, 3, 2, 1, 0]
    limited = seen[-1]
    assert limited.json()["title"] == "too many requests"
    assert 0 < float(limited.headers["X-Ratelimit-Retry"]) <= 0.34 and limited.headers["X-Ratelimit-Limit"] == "6"
    chat = await http.get("/api/v1/seller/chats", headers=h)  # the chat budget is separate
    assert chat.status_code == 200
    for response in seen:
        assert_valid(response)


async def test_chat_files_in_moderation_then_ready_or_refused(wb: Any) -> None:
    app, http, _ = wb
    store = app.state.store
    seller = store.sellers[1]
    h = {"Authorization": _token(app)}
    spec = {"files": [{"name": "defect.jpg", "moderation_s": 0.3}, {"name": "spam.jpg", "refused": True}]}
    event = store.inject_message(seller, spec)
    ready, refused = (f["downloadID"] for f in event["message"]["attachments"]["files"])
    waiting = await http.get(f"/api/v1/seller/download/{ready}", headers=h)
    assert waiting.status_code == 202 and waiting.json()["retrySeconds"] >= 1
    denied = await http.get(f"/api/v1/seller/download/{refused}", headers=h)
    assert denied.status_code == 451 and denied.json()["detail"] == "moderation error"
    assert waiting.json()["moderationState"] == "pending"
    seller.files[ready].ready_at = 0  # moderation over
    got = await http.get(f"/api/v1/seller/download/{ready}", headers=h)
    assert (got.status_code, got.headers["content-type"], got.content) == (
        200,
        "image/jpeg",
        b"sandbox file defect.jpg",
    )
    unknown = await http.get("/api/v1/seller/download/nope", headers=h)
    assert unknown.status_code == 400
    for response in (waiting, denied, got, unknown):
        assert_valid(response)


PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def test_the_validator_rejects_a_field_the_2026_contract_does_not_have() -> None:
    # A chat list entry as the sandbox served it in 2025: `clientID` and `goodCard.statusID` are gone from WB's spec.
    request = httpx.Request("GET", "http://127.0.0.1/api/v1/seller/chats")
    chat = {"chatID": "1:x", "replySign": "s", "clientName": "Анна", "goodCard": {"nmID": 1, "rid": "r"}}
    assert_valid(httpx.Response(200, json={"result": [chat], "errors": None}, request=request))
    for stale in ({**chat, "clientID": "123"}, {**chat, "goodCard": {"nmID": 1, "statusID": 11}}):
        with pytest.raises(ResponseValidationError):
            assert_valid(httpx.Response(200, json={"result": [stale], "errors": None}, request=request))


def test_the_validator_rejects_a_body_that_breaks_the_contract() -> None:
    request = httpx.Request("GET", "http://127.0.0.1/api/v1/feedbacks?isAnswered=false&take=1&skip=0")
    good = {"data": {"countUnanswered": 1, "countArchive": 0, "feedbacks": []}, "error": False, "errorText": ""}
    assert_valid(httpx.Response(200, json=good, request=request))
    broken = {**good, "data": {**good["data"], "feedbacks": [{"id": 5, "createdDate": "вчера"}]}}
    with pytest.raises(ResponseValidationError):
        assert_valid(httpx.Response(200, json=broken, request=request))
