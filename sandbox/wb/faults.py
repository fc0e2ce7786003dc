"""Scripted per-call faults: each seller's next WB calls answer as a script says, the way real APIs misbehave.

A script is two queues of outcomes per seller, `send` (answers, edits, chat messages) and `read` (every GET and the
"mark viewed" PATCH); each call takes the next outcome of its queue, an empty queue means `ok`. Outcomes:

| outcome          | what the caller sees                                      | applied by WB? |
|------------------|-----------------------------------------------------------|----------------|
| `ok`             | the normal answer                                         | yes            |
| `timeout_before` | nothing for `fault_hold_s` (longer than a client waits)   | no             |
| `timeout_after`  | nothing for `fault_hold_s`                                | yes            |
| `5xx_before`     | 503 with the gateway's error body                         | no             |
| `5xx_after`      | 500 with the gateway's error body                         | yes            |
| `429`            | 429 with `X-Ratelimit-Retry: storm_retry_after`           | no             |
| `non_json`       | 200 with an HTML body                                     | yes            |
| `reset_before`   | the TCP connection reset before any answer                | no             |
| `reset_after`    | the TCP connection reset before any answer                | yes            |
| `slow`           | the normal answer after `slow_s`                          | yes            |
| `{"body": …}`    | 200 with exactly that JSON (hostile pages and packets)    | yes            |

`Gateway.enter` takes the outcome: the `before` ones and `429` refuse the request before the route runs (nothing is
applied); the others let the route run. `FaultMiddleware` then delivers what the caller sees: it holds, replaces or
drops the route's answer. Every scripted call is logged per seller (`calls`) for the tests.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.netfault import reset_connection, wait_disconnect

OUTCOMES = (
    "ok",
    "timeout_before",
    "timeout_after",
    "5xx_before",
    "5xx_after",
    "429",
    "non_json",
    "reset_before",
    "reset_after",
    "slow",
)
# Refused by the gateway before the route runs: WB does not apply the call.
BEFORE = frozenset({"timeout_before", "5xx_before", "429", "reset_before"})
SCOPE_KEY = "sandbox.outcome"
BODY_KEY = "sandbox.body"
NON_JSON = b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"


@dataclass
class Script:
    """One seller's scripted outcomes and the log of the calls that took one."""

    send: deque[Any] = field(default_factory=deque)
    read: deque[Any] = field(default_factory=deque)
    calls: list[dict[str, Any]] = field(default_factory=list)

    def load(self, spec: dict[str, Any]) -> None:
        """Replace the queues named in `spec` (`{"send": [...], "read": [...]}`); unknown outcomes raise ValueError."""
        for kind in ("send", "read"):
            if kind in spec:
                outcomes = list(spec[kind] or [])
                bad = [o for o in outcomes if not (o in OUTCOMES or (isinstance(o, dict) and "body" in o))]
                if bad:
                    raise ValueError(f"unknown outcomes {bad}; known: {', '.join(OUTCOMES)} or {{'body': ...}}")
                setattr(self, kind, deque(outcomes))

    def take(self, kind: str, path: str) -> tuple[str, Any]:
        """The next outcome for a `kind` call to `path` (logged) and, for a scripted body, the body."""
        queue = self.send if kind == "send" else self.read
        entry = queue.popleft() if queue else "ok"
        outcome, body = ("body", entry["body"]) if isinstance(entry, dict) else (entry, None)
        self.calls.append({"kind": kind, "path": path, "outcome": outcome})
        return outcome, body

    def view(self) -> dict[str, Any]:
        """JSON-ready state: how many outcomes are left and what was taken."""
        return {"send": len(self.send), "read": len(self.read), "calls": self.calls}


class FaultMiddleware:
    """Delivers the outcome `Gateway.enter` put in the request scope (see the module doc)."""

    def __init__(self, app: ASGIApp, *, config: Any) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: list[Message] = []

        async def deliver(message: Message) -> None:
            outcome = scope.get(SCOPE_KEY, "ok")
            if outcome == "ok":
                await send(message)
            elif outcome == "slow":
                if message["type"] == "http.response.start":
                    await asyncio.sleep(self.config.slow_s)
                await send(message)
            else:
                held.append(message)  # replaced below, once the route is done (its work is applied or refused)

        await self.app(scope, receive, deliver)
        outcome = scope.get(SCOPE_KEY, "ok")
        if outcome in ("ok", "slow"):
            return
        if outcome in ("timeout_before", "timeout_after"):
            await asyncio.sleep(self.config.fault_hold_s)
            held = _replace(504, b'{"title":"gateway timeout"}', "application/json")
        elif outcome in ("reset_before", "reset_after"):
            reset_connection(receive)
            await wait_disconnect(receive)
            return
        elif outcome == "5xx_after":
            held = _replace(500, b'{"title":"internal server error","detail":"sandbox fault"}', "application/json")
        elif outcome == "body":
            held = _replace(200, json.dumps(scope.get(BODY_KEY)).encode(), "application/json")
        elif outcome == "non_json":
            held = _replace(200, NON_JSON, "text/html")
        for message in held:
            await send(message)


def _replace(status: int, body: bytes, media_type: str) -> list[Message]:
    headers = [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]
    return [
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": body, "more_body": False},
    ]
