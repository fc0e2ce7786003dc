"""The LLM sandbox ASGI app: `create_app(**options)`. What it serves is described in the package docstring."""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, fields
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from sandbox.llm.replies import count_tokens, prompt_text, reply_for


@dataclass
class Mode:
    """The sandbox's behaviour; every field can be changed at run time through `/_sandbox/mode`."""

    api_key: str = "sk-sandbox"
    model: str = "sandbox-chat"
    latency: float = 0.0
    error_rate: float = 0.0
    error_status: int = 500
    fail_next: int = 0
    retry_after_ms: int = 50
    evil: bool = False
    empty: bool = False
    gullible: bool = True
    intent_answer: str = "other"
    topics_answer: str = "none"
    # A fixed reply to every drafting prompt (tests of what the pipeline refuses: "обмен", promises…); "" = off.
    canned: str = ""
    seed: int = 1


class Sandbox:
    """One sandbox instance: its mode, a seeded RNG for error rates and the requests it received."""

    def __init__(self, **options: Any) -> None:
        self.mode = Mode(**options)
        self.rng = random.Random(self.mode.seed)
        self.requests: list[dict[str, Any]] = []

    def update(self, changes: dict[str, Any]) -> None:
        """Apply a partial mode change (unknown keys are refused)."""
        known = {f.name for f in fields(Mode)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown options: {sorted(unknown)}")
        for key, value in changes.items():
            setattr(self.mode, key, value)

    def should_fail(self) -> bool:
        if self.mode.fail_next > 0:
            self.mode.fail_next -= 1
            return True
        return self.mode.error_rate > 0 and self.rng.random() < self.mode.error_rate


def _error(status: int, message: str, code: str, retry_after_ms: int | None = None) -> JSONResponse:
    headers = {"retry-after-ms": str(retry_after_ms)} if retry_after_ms is not None else None
    body = {
        "error": {"message": message, "type": "invalid_request_error" if status < 500 else "server_error", "code": code}
    }
    return JSONResponse(body, status_code=status, headers=headers)


def _authorized(sandbox: Sandbox, request: Request) -> bool:
    return request.headers.get("authorization", "") == f"Bearer {sandbox.mode.api_key}"


async def _models(request: Request) -> Response:
    sandbox: Sandbox = request.app.state.sandbox
    if not _authorized(sandbox, request):
        return _error(401, "Incorrect API key provided", "invalid_api_key")
    model = {"id": sandbox.mode.model, "object": "model", "created": 0, "owned_by": "sandbox"}
    return JSONResponse({"object": "list", "data": [model]})


async def _completions(request: Request) -> Response:
    sandbox: Sandbox = request.app.state.sandbox
    mode = sandbox.mode
    if not _authorized(sandbox, request):
        return _error(401, "Incorrect API key provided", "invalid_api_key")
    try:
        body = await request.json()
        messages = list(body["messages"])
    except (ValueError, KeyError, TypeError):
        return _error(400, "messages is required", "invalid_request")
    sandbox.requests.append({"model": body.get("model"), "messages": messages, "stream": bool(body.get("stream"))})
    if mode.latency:
        await asyncio.sleep(mode.latency)
    if sandbox.should_fail():
        code = "rate_limit_exceeded" if mode.error_status == 429 else "server_error"
        return _error(mode.error_status, "injected failure", code, mode.retry_after_ms)
    text = (
        ""
        if mode.empty
        else reply_for(
            messages,
            evil=mode.evil,
            gullible=mode.gullible,
            intent_answer=mode.intent_answer,
            topics_answer=mode.topics_answer,
            canned=mode.canned,
        )
    )
    usage = {"prompt_tokens": count_tokens(prompt_text(messages)), "completion_tokens": count_tokens(text)}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    base = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "created": int(time.time()),
        "model": body.get("model") or mode.model,
    }
    if body.get("stream"):
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        return StreamingResponse(_chunks(base, text, usage if include_usage else None), media_type="text/event-stream")
    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
    return JSONResponse({**base, "object": "chat.completion", "choices": [choice], "usage": usage})


async def _chunks(base: dict[str, Any], text: str, usage: dict[str, int] | None) -> AsyncIterator[str]:
    def event(choices: list[dict[str, Any]], **extra: Any) -> str:
        return "data: " + json.dumps({**base, "object": "chat.completion.chunk", "choices": choices, **extra}) + "\n\n"

    yield event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
    words = text.split(" ")
    for i, word in enumerate(words):
        piece = word if i == len(words) - 1 else word + " "
        yield event([{"index": 0, "delta": {"content": piece}, "finish_reason": None}])
    yield event([{"index": 0, "delta": {}, "finish_reason": "stop"}])
    if usage is not None:
        yield event([], usage=usage)
    yield "data: [DONE]\n\n"


async def _mode(request: Request) -> Response:
    sandbox: Sandbox = request.app.state.sandbox
    if request.method == "POST":
        try:
            sandbox.update(await request.json())
        except (ValueError, TypeError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
    return JSONResponse({**asdict(sandbox.mode), "requests": len(sandbox.requests)})


async def _requests(request: Request) -> Response:
    sandbox: Sandbox = request.app.state.sandbox
    if request.method == "DELETE":
        sandbox.requests.clear()
    return JSONResponse(sandbox.requests)


def create_app(**options: Any) -> Starlette:
    """The sandbox app; `options` are the `Mode` fields (see the package docstring)."""
    app = Starlette(
        routes=[
            Route("/v1/models", _models, methods=["GET"]),
            Route("/v1/chat/completions", _completions, methods=["POST"]),
            Route("/_sandbox/mode", _mode, methods=["GET", "POST"]),
            Route("/_sandbox/requests", _requests, methods=["GET", "DELETE"]),
        ]
    )
    app.state.sandbox = Sandbox(**options)
    return app
