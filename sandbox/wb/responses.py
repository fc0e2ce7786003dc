"""WB's response envelopes: the feedbacks API envelope, the gateway's problem+json errors (401/402/403/429/5xx),
the chat API's error body."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi.responses import JSONResponse, Response

_STATUS_TEXT = {
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def ok(data: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    """`{data, error: false, errorText: "", additionalErrors: null}`."""
    return JSONResponse({"data": data, "error": False, "errorText": "", "additionalErrors": None}, headers=headers)


def ok_items(meta: dict[str, Any], key: str, items: list[bytes]) -> Response:
    """The `ok` envelope around a list of pre-encoded items (`{data: {**meta, key: [...]}, ...}`)."""
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))[:-1]
    head = head + ("," if meta else "") + f'"{key}":['
    body = b'{"data":' + head.encode() + b",".join(items) + b']},"error":false,"errorText":"","additionalErrors":null}'
    return Response(body, media_type="application/json")


def no_content(headers: dict[str, str] | None = None) -> Response:
    """204, as WB answers successful review answers."""
    return Response(status_code=204, headers=headers)


def feedback_error(status: int, text: str) -> JSONResponse:
    """The feedbacks API error envelope (400/403/404/422)."""
    body = {"data": None, "error": True, "errorText": text, "additionalErrors": None, "requestId": str(uuid.uuid4())}
    return JSONResponse(body, status_code=status)


PROBLEM = "application/problem+json"
# WB's 402 detail (the example of the 2026 contract): only services of the Business Solutions Catalogue get it.
PAYMENT_DETAIL = (
    "wb solution for business has insufficient funds on its balance. "
    "please top up the balance in the company's personal account https://dev.wildberries.ru/company"
)
# WB's 403 for a token without the operation's category («Неверная категория токена»).
CATEGORY_DETAIL = "scope is not allowed for this resource"


def gateway_error(status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The API gateway's `application/problem+json` body for 401, 403, 429 and 5xx (WB's `Response4XX`)."""
    body = {
        "title": title,
        "detail": detail,
        "code": f"{uuid.uuid4().hex[:8]}-sandbox",
        "requestId": uuid.uuid4().hex,
        "origin": "ag-marketplace",
        "status": status,
        "statusText": _STATUS_TEXT.get(status, "Error"),
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM)


def payment_required() -> JSONResponse:
    """402: the service's WB balance is empty (WB's body is only `{title, detail}`)."""
    return JSONResponse({"title": "payment required", "detail": PAYMENT_DETAIL}, status_code=402, media_type=PROBLEM)


def wrong_category() -> JSONResponse:
    """403: the token lacks the operation's category."""
    return gateway_error(403, "Forbidden", CATEGORY_DETAIL)


def chat_error(status: int, detail: str, *, problem: bool = False) -> JSONResponse:
    """The chat API's error body (`problem`: as `application/problem+json`, the send path's 400s since 2026)."""
    body = {
        "status": status,
        "title": "Bad Request",
        "origin": "proxy-chats",
        "detail": detail,
        "requestId": uuid.uuid4().hex,
        "error": detail,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM if problem else None)
