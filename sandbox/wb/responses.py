"""WB's response envelopes: the feedbacks API envelope, the auth gateway's error body, the chat API's error body."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi.responses import JSONResponse, Response

_STATUS_TEXT = {
    401: "Unauthorized",
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


def gateway_error(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, *, problem: bool = False
) -> JSONResponse:
    """The API gateway's body for 401, 429 and 5xx (`problem`: as `application/problem+json`, the returns API)."""
    body = {
        "title": title,
        "detail": detail,
        "code": f"{uuid.uuid4().hex[:8]}-sandbox",
        "requestId": uuid.uuid4().hex,
        "origin": "s2s-api-auth-catalog",
        "status": status,
        "statusText": _STATUS_TEXT.get(status, "Error"),
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    media = "application/problem+json" if problem else None
    return JSONResponse(body, status_code=status, headers=headers, media_type=media)


def chat_error(status: int, detail: str) -> JSONResponse:
    """The chat API's error body."""
    body = {
        "status": status,
        "title": "Bad Request",
        "origin": "proxy-chats",
        "detail": detail,
        "requestId": uuid.uuid4().hex,
        "error": detail,
    }
    return JSONResponse(body, status_code=status)
