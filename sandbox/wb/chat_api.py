"""WB's buyer chat API paths: chat list, the event feed by cursor, sending a message, file download."""

from __future__ import annotations

import asyncio
import math
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile

from sandbox.wb import responses
from sandbox.wb.gateway import Gateway
from sandbox.wb.records import ChatFileRec
from sandbox.wb.seller import RuleError

MAX_MESSAGE = 1000
MAX_SIGN = 255
# WB's limits on files sent into a chat: JPEG, PNG or PDF, at most 5 MiB each and 30 MiB together.
MAX_FILE = 5 * 1024 * 1024
MAX_FILES_TOTAL = 30 * 1024 * 1024
FILE_TYPES = {"image/jpeg", "image/png", "application/pdf"}

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


def _file_error(file_id: str) -> JSONResponse:
    """The download path's 400 (an id WB does not know)."""
    title = "invalid fileID"
    body = {"status": 400, "title": title, "origin": "proxy-chats", "detail": title, "requestId": file_id[:32]}
    return JSONResponse({**body, "error": title}, status_code=400)


def _file_refused(file_id: str) -> JSONResponse:
    """451: the file failed WB's moderation (problem+json, 2026)."""
    body = {
        "status": 451,
        "title": "Unavailable for Legal Reasons",
        "origin": "proxy-chats",
        "detail": "moderation error",
        "requestId": file_id.replace("-", "")[:32],
    }
    return JSONResponse(body, status_code=451, media_type=responses.PROBLEM)


def _sniff(data: bytes) -> str | None:
    """The file's type by its first bytes, as WB checks it (the name and the declared type are not trusted)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


async def _sent_files(form: Any) -> list[ChatFileRec]:
    """The `file` parts of a send, checked against WB's limits (RuleError carries WB's words)."""
    out: list[ChatFileRec] = []
    total = 0
    for part in form.getlist("file"):
        if not isinstance(part, UploadFile):
            raise RuleError('Invalid value for "file"')
        data = await part.read()
        name = part.filename or "file"
        ref = uuid.uuid4().hex[:11].upper()
        if len(data) > MAX_FILE:
            raise RuleError(f"{ref}: attachment too big. Max size: 5MiB")
        kind = _sniff(data)
        if kind not in FILE_TYPES:
            raise RuleError(f'{ref}: "{name}" has unsupported mime type')
        total += len(data)
        if total > MAX_FILES_TOTAL:
            raise RuleError(f"{ref}: attachments too big. Max total size: 30MiB")
        out.append(ChatFileRec(download_id=str(uuid.uuid4()), name=name, content_type=kind, content=data))
    return out


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
            return responses.chat_error(400, "Invalid signature", problem=True)
        if not isinstance(text, str) or len(text) > MAX_MESSAGE or (not text and not form.getlist("file")):
            return responses.chat_error(400, 'Invalid value for "message"', problem=True)
        try:
            files = await _sent_files(form)
            event, room = entry.seller.send_message(sign, text, files)
        except RuleError as exc:
            return responses.chat_error(400, str(exc), problem=True)
        result = {"addTime": event["addTimestamp"], "chatID": event["chatID"], "sign": room.reply_sign}
        return entry.finish(JSONResponse({"result": result, "errors": []}))

    @router.get("/api/v1/seller/download/{file_id}")
    async def download(request: Request, file_id: str) -> Response:
        entry = await gw.enter(request, "chat", limit="download")
        found = entry.seller.files.get(file_id)
        if found is None:
            return _file_error(file_id)
        if found.refused:
            return _file_refused(file_id)
        wait = found.ready_at - time.time()
        if wait > 0:
            # WB still moderates the file: come back later.
            body = {"moderationState": "pending", "retrySeconds": max(1, math.ceil(wait))}
            return entry.finish(JSONResponse(body, status_code=202))
        if found.endless:  # a hostile answer: no length, no end
            return entry.finish(StreamingResponse(_hostile_body(None), media_type=found.content_type))
        if found.size is not None:  # a big file, its length declared
            headers = {"Content-Length": str(found.size)}
            return entry.finish(
                StreamingResponse(_hostile_body(found.size), media_type=found.content_type, headers=headers)
            )
        return entry.finish(Response(found.content, media_type=found.content_type))

    return router
