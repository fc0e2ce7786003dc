"""Every response the WB sandbox gives (success and error) validates against WB's own OpenAPI document.

The vendored copy is the shared contract file as is: 401 and 429 are keyed by status code and point at WB's
`Response401` / `Response429` gateway bodies. Some statuses WB really returns are not listed for a path (a 400 on
answering, 5xx anywhere): those bodies are validated against the envelope schema WB uses for them. The gateway's
401/429 bodies are also checked strictly (every documented field, nothing else, status matching the HTTP status),
because WB's schema alone lists no required field.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.response.exceptions import ResponseValidationError
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

import sandbox.wb
from sandbox.runner import serve_app
from sandbox.wb.server import create_app

# WB's OpenAPI (communications subset), vendored beside the sandbox that implements it.
SPEC_PATH = Path(sandbox.wb.__file__).with_name("communications.openapi.yaml")
FEEDBACKS_HOST = "https://feedbacks-api.wildberries.ru"
CHAT_HOST = "https://buyer-chat-api.wildberries.ru"


SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
OPENAPI = OpenAPI.from_dict(copy.deepcopy(SPEC))


class _Req:
    def __init__(self, request: httpx.Request) -> None:
        path = request.url.path
        self.host_url = CHAT_HOST if path.startswith("/api/v1/seller") else FEEDBACKS_HOST
        self.path = path
        self.method = request.method.lower()
        self.body = None  # only responses are validated here
        self.content_type = request.headers.get("content-type", "application/json")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(request.url.query.decode())), header=Headers(dict(request.headers))
        )


class _Resp:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.content_type = response.headers.get("content-type", "application/json")
        self.headers = Headers(dict(response.headers))
        self.data = response.content or None


def _documented(path: str, method: str, status: int) -> bool:
    template = path if path in SPEC["paths"] else "/api/v1/seller/download/{id}"
    return str(status) in SPEC["paths"][template][method.lower()]["responses"]


def _fallback_schema(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    if "title" in body and "statusText" in body:  # the gateway's body (401/429/5xx)
        return SPEC["components"]["responses"]["Response401"]["content"]["application/json"]["schema"]
    return SPEC["components"]["schemas"]["responsefeedbackErr"]


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every documented property required and no other allowed."""
    return {**schema, "required": sorted(schema["properties"]), "additionalProperties": False}


def assert_gateway_body(response: httpx.Response) -> None:
    """A 401/429 body is exactly WB's documented gateway body for that status."""
    name = f"Response{response.status_code}"
    schema = SPEC["components"]["responses"][name]["content"]["application/json"]["schema"]
    body = response.json()
    OAS30Validator(_strict(schema), format_checker=OAS30Validator.FORMAT_CHECKER).validate(body)
    assert body["status"] == response.status_code
    assert body["statusText"] == HTTPStatus(response.status_code).phrase
    assert datetime.fromisoformat(body["timestamp"]).tzinfo is not None


def assert_valid(response: httpx.Response) -> None:
    """Validate one sandbox response against the spec."""
    request = response.request
    if _documented(request.url.path, request.method, response.status_code):
        OPENAPI.validate_response(_Req(request), _Resp(response))
    else:
        OAS30Validator(_fallback_schema(response)).validate(response.json())
    if response.status_code in (401, 429):
        assert_gateway_body(response)


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


def test_contract_keys_401_and_429_by_status_code() -> None:
    # Every path the sandbox authenticates documents WB's gateway refusals under the status code itself.
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op or "{id}" in path:
                continue
            responses = op["responses"]
            assert responses["401"] == {"$ref": "#/components/responses/Response401"}, (method, path)
            assert responses["429"] == {"$ref": "#/components/responses/Response429"}, (method, path)


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
    await http.post(
        "/api/v1/seller/message", files={"replySign": (None, sign), "message": (None, "Здравствуйте!")}, headers=h
    )
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
    await http.get("/api/v1/feedbacks", params={"isAnswered": "true", "take": 1, "skip": 0})  # 401
    await http.get("/api/v1/feedbacks/count-unanswered", headers={"Authorization": "Bearer not-a-token"})  # 401
    await http.get("/api/v1/new-feedbacks-questions", headers=chat_only)  # 403
    await http.get("/api/v1/questions/count-unanswered", headers=chat_only)  # 403
    await http.get("/api/v1/seller/chats", headers=reviews_only)  # 401 scope
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
    assert statuses[:6] == [400, 401, 403, 404, 422, 429] and statuses[-1] >= 500
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
    assert denied.status_code == 451 and denied.json()["title"] == "file failed moderation"
    seller.files[ready].ready_at = 0  # moderation over
    got = await http.get(f"/api/v1/seller/download/{ready}", headers=h)
    assert (got.status_code, got.headers["content-type"], got.content) == (
        200,
        "image/jpeg",
        b"sandbox file defect.jpg",
    )
    unknown = await http.get("/api/v1/seller/download/nope", headers=h)
    assert unknown.status_code == 400
    for response in (got, unknown):
        assert_valid(response)
    # WB's contract documents 200 and 400 only; the 451 body keeps the 400 body's shape, the 202 one names the wait.
    OAS30Validator(_strict(_download_error_schema())).validate(denied.json())
    assert set(waiting.json()) == {"retrySeconds"} and isinstance(waiting.json()["retrySeconds"], int)


def _download_error_schema() -> dict[str, Any]:
    responses = SPEC["paths"]["/api/v1/seller/download/{id}"]["get"]["responses"]
    return responses["400"]["content"]["application/json"]["schema"]


def test_the_validator_rejects_a_body_that_breaks_the_contract() -> None:
    request = httpx.Request("GET", "http://127.0.0.1/api/v1/feedbacks?isAnswered=false&take=1&skip=0")
    good = {"data": {"countUnanswered": 1, "countArchive": 0, "feedbacks": []}, "error": False, "errorText": ""}
    assert_valid(httpx.Response(200, json=good, request=request))
    broken = {**good, "data": {**good["data"], "feedbacks": [{"id": 5, "createdDate": "вчера"}]}}
    with pytest.raises(ResponseValidationError):
        assert_valid(httpx.Response(200, json=broken, request=request))
