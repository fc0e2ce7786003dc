"""Numbers no database id can be: every integer in an admin URL (a path segment or a query value) must fit a
signed 64-bit integer (PostgreSQL's BIGINT, SQLite's INTEGER), else the request is answered 404 (a path: no such
thing) or 422 (a query: a bad filter) before any route runs — never a 500 from the driver."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_ID = 2**63 - 1
_INTEGER = re.compile(r"[+-]?\d+")


def _too_big(value: str) -> bool:
    return bool(_INTEGER.fullmatch(value.strip())) and abs(int(value)) > MAX_ID


def out_of_range(path: str, query: str) -> int | None:
    """The status to answer when `path` or `query` holds an integer beyond 64 bits, else None."""
    if any(_too_big(segment) for segment in path.split("/")):
        return 404
    if any(_too_big(value) for _, value in parse_qsl(query, keep_blank_values=True)):
        return 422
    return None


class IdBounds:
    """ASGI middleware applying `out_of_range` to every HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            status = out_of_range(scope["path"], scope.get("query_string", b"").decode("latin-1"))
            if status is not None:
                detail = "not found" if status == 404 else "a number in the query is out of range"
                await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)
                return
        await self.app(scope, receive, send)
