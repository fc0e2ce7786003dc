"""Contract drift on demand: the sandbox adds or drops fields of a path's JSON answers, or answers another status,
so the product's drift radar (sync/drift.py) can be proved against it. Rules are set through the control API
(`PUT /_sandbox/drift`, see sandbox.wb.control) and apply to every seller.

Field paths are dotted, `[]` for each item of a list: `result.events[].buyerRef`, `data.feedbacks[].video.durationSec`.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _apply(node: Any, parts: list[str], value: Any, drop: bool) -> None:
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    if head.endswith("[]"):
        items = node.get(head[:-2]) if isinstance(node, dict) else None
        for item in items if isinstance(items, list) and rest else []:
            _apply(item, rest, value, drop)
        return
    if not isinstance(node, dict):
        return
    if rest:
        _apply(node.get(head), rest, value, drop)
    elif drop:
        node.pop(head, None)
    else:
        node[head] = value


def rewrite(body: Any, rule: dict[str, Any]) -> Any:
    """`body` with the rule's `add` ({path: value}) and `drop` ([path]) applied."""
    for path, value in (rule.get("add") or {}).items():
        _apply(body, path.split("."), value, drop=False)
    for path in rule.get("drop") or []:
        _apply(body, path.split("."), None, drop=True)
    return body


class DriftMiddleware:
    """Rewrites the answers of paths that have a rule in `rules` (a dict the control API fills: path → rule)."""

    def __init__(self, app: ASGIApp, *, rules: dict[str, dict[str, Any]]) -> None:
        self.app = app
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = self.rules.get(scope.get("path", "")) if scope["type"] == "http" else None
        if rule is None:
            await self.app(scope, receive, send)
            return
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        start, body = held[0], b"".join(m.get("body", b"") for m in held[1:])
        headers = dict(start["headers"])
        if b"json" in headers.get(b"content-type", b"") and body:
            body = json.dumps(rewrite(json.loads(body), rule), ensure_ascii=False).encode()
        headers[b"content-length"] = str(len(body)).encode()
        status = int(rule.get("status") or start["status"])
        await send({"type": "http.response.start", "status": status, "headers": list(headers.items())})
        await send({"type": "http.response.body", "body": body, "more_body": False})
