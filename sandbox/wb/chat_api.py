"""WB's buyer chat API paths: chat list, the event feed by cursor, sending a message, file download."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from sandbox.wb import responses
from sandbox.wb.gateway import Gateway
from sandbox.wb.seller import RuleError

MAX_MESSAGE = 1000
MAX_SIGN = 255
# A hostile file's body is sent in chunks of this size (one buffer, sent again and again: the sandbox holds no more).
_CHUNK = b"\0" * (1024 * 1024)


async def _hostile_body(size: int | None) -> AsyncIterator[bytes]:
    """`size` bytes of zeros, or zeros without end when `size` is None (until the client hangs up)."""
    left = size
    while left is None or left > 0:
        chunk = _CHUNK if left is None or left >= len(_CHUNK) else _CHUNK[:left]
        yield chunk
        # The server's send returns at once after the client hung up: yield the loop so the hang-up is noticed.
        await asyncio.sleep(0)
        if left is not None:
            left -= len(chunk)


def _stamp(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _file_error(status: int, title: str, file_id: str) -> JSONResponse:
    """The download path's error body (WB's 400 shape; 451 when the file failed WB's moderation)."""
    body = {
        "status": status,
        "title": title,
        "origin": "proxy-chats",
        "detail": title,
        "requestId": file_id[:32],
        "error": title,
    }
    return JSONResponse(body, status_code=status)


def routes(gw: Gateway) -> APIRouter:
    """The router serving the chat API against `gw`'s store."""
    router = APIRouter()

    @router.get("/api/v1/seller/chats")
    async def chats(request: Request) -> Response:
        entry = await gw.enter(request, "chat")
        rooms = sorted(entry.seller.chats.values(), key=lambda room: room.last_ts, reverse=True)
        return entry.finish(JSONResponse({"result": [room.wb() for room in rooms], "errors": None}))

    @router.get("/api/v1/seller/events")
    async def events(request: Request) -> Response:
        entry = await gw.enter(request, "chat")
        raw = request.query_params.get("next")
        after = -1
        if raw is not None:
            try:
                after = int(raw)
            except ValueError:
                return responses.chat_error(400, "Invalid number")
            if after <= 0:
                return responses.chat_error(400, 'Invalid value for "next"')
        feed = entry.seller.events
        # Events strictly after the cursor (timestamps are unique per seller), one packet at a time.
        start = next((i for i, e in enumerate(feed) if e["addTimestamp"] > after), len(feed))
        start = gw.duplicate_shift(start) if after > 0 else start
        chunk = feed[start : start + gw.config.events_page]
        packet = gw.serve_events(chunk)
        result: dict[str, object] = {"next": max(after, 0), "totalEvents": len(packet), "events": packet}
        if chunk:
            result["next"] = chunk[-1]["addTimestamp"]
            result["newestEventTime"] = _stamp(chunk[-1]["addTimestamp"])
            result["oldestEventTime"] = _stamp(chunk[0]["addTimestamp"])
        return entry.finish(JSONResponse({"result": result, "errors": None}))

    @router.post("/api/v1/seller/message")
    async def message(request: Request) -> Response:
        entry = await gw.enter(request, "chat", write=True)
        form = await request.form()
        sign, text = form.get("replySign"), form.get("message", "")
        if not isinstance(sign, str) or not sign or len(sign) > MAX_SIGN:
            return responses.chat_error(400, "Invalid signature")
        if not isinstance(text, str) or len(text) > MAX_MESSAGE or (not text and not form.getlist("file")):
            return responses.chat_error(400, 'Invalid value for "message"')
        try:
            event = entry.seller.send_message(sign, text)
        except RuleError as exc:
            return responses.chat_error(400, str(exc))
        body = {"result": {"addTime": event["addTimestamp"], "chatID": event["chatID"]}, "errors": []}
        return entry.finish(JSONResponse(body))

    @router.get("/api/v1/seller/download/{file_id}")
    async def download(request: Request, file_id: str) -> Response:
        entry = await gw.enter(request, "chat")
        found = entry.seller.files.get(file_id)
        if found is None:
            return _file_error(400, "invalid fileID", file_id)
        if found.refused:
            return _file_error(451, "file failed moderation", file_id)
        wait = found.ready_at - time.time()
        if wait > 0:
            # WB still moderates the file: come back later.
            return entry.finish(JSONResponse({"retrySeconds": max(1, math.ceil(wait))}, status_code=202))
        if found.endless:  # a hostile answer: no length, no end
            return entry.finish(StreamingResponse(_hostile_body(None), media_type=found.content_type))
        if found.size is not None:  # a big file, its length declared
            headers = {"Content-Length": str(found.size)}
            return entry.finish(
                StreamingResponse(_hostile_body(found.size), media_type=found.content_type, headers=headers)
            )
        return entry.finish(Response(found.content, media_type=found.content_type))

    return router
