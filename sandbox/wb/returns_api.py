"""WB's buyer returns API (returns-api host): the claims list and the seller's answer to one claim.

Errors are WB's: 400 on the list is `application/problem+json` `{title, detail, requestId}`; 400 on the answer is
`application/json; charset=utf-8` with the same fields ("Validation error"). The answer itself is 200 without body.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from sandbox.wb.claims import ClaimError
from sandbox.wb.gateway import Gateway

MAX_LIMIT = 200
WINDOW = timedelta(days=14)


def _list_error(detail: str) -> Response:
    body = {"title": "Invalid query params", "detail": detail, "requestId": str(uuid.uuid4())}
    return JSONResponse(body, status_code=400, media_type="application/problem+json")


def _patch_error(detail: str) -> Response:
    body = {"title": "Validation error", "detail": detail, "requestId": f"0HN{uuid.uuid4().hex[:9].upper()}:1"}
    content = json.dumps(body, ensure_ascii=False).encode()
    return Response(content, status_code=400, media_type="application/json; charset=utf-8")


def _uint(raw: str | None, default: int, name: str) -> int:
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"Failed to deserialize query string: {name}: invalid digit found in string") from None
    if value < 0:
        raise ValueError(f"Failed to deserialize query string: {name}: invalid digit found in string")
    return value


def routes(gw: Gateway) -> APIRouter:
    """The router serving the returns API against `gw`'s store."""
    router = APIRouter()

    @router.get("/api/v1/claims")
    async def claims(request: Request) -> Response:
        entry = await gw.enter(request, "returns")
        q = request.query_params
        archive = q.get("is_archive")
        if archive not in ("true", "false"):
            missing = archive is None
            return _list_error(
                "Failed to deserialize query string: missing field `is_archive`"
                if missing
                else "Failed to deserialize query string: is_archive: provided string was not `true` or `false`"
            )
        try:
            limit = _uint(q.get("limit"), 50, "limit")
            offset = _uint(q.get("offset"), 0, "offset")
            nm_id = _uint(q.get("nm_id"), 0, "nm_id") or None
        except ValueError as exc:
            return _list_error(str(exc))
        if not 1 <= limit <= MAX_LIMIT:
            return _list_error(f"limit must be between 1 and {MAX_LIMIT}")
        claim_id = q.get("id")
        if claim_id is not None:
            try:
                uuid.UUID(claim_id)
            except ValueError:
                return _list_error("Failed to deserialize query string: id: UUID parsing failed")
        seller = entry.seller
        now = datetime.now(UTC)
        found = []
        for claim in seller.claims:
            claim.settle(now.timestamp())
            if claim.archived != (archive == "true") or now - claim.created > WINDOW:
                continue
            if (claim_id is None or claim.id == claim_id) and (nm_id is None or claim.product.nm_id == nm_id):
                found.append(claim)
        found.sort(key=lambda c: c.created, reverse=True)
        body: dict[str, Any] = {"claims": [c.wb() for c in found[offset : offset + limit]], "total": len(found)}
        return entry.finish(JSONResponse(body))

    @router.patch("/api/v1/claim")
    async def answer(request: Request) -> Response:
        entry = await gw.enter(request, "returns", write=True)
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError:
            return _patch_error("Input model is not valid; Details: invalid JSON")
        if not isinstance(body, dict) or not isinstance(body.get("id"), str):
            return _patch_error("Input model is not valid; Details: The Id field is required.")
        if not isinstance(body.get("action"), str) or not body["action"]:
            return _patch_error("Input model is not valid; Details: The Action field is required.")
        comment = body.get("comment")
        if comment is not None and not isinstance(comment, str):
            return _patch_error("Input model is not valid; Details: comment must be a string")
        claim = entry.seller.claim_by_id.get(body["id"])
        if claim is None:
            return _patch_error(f"claim {body['id']} not found")
        claim.api_calls += 1
        claim.settle(datetime.now(UTC).timestamp())
        try:
            claim.decide(body["action"], comment, source="api", settle_s=gw.config.claim_settle_s)
        except ClaimError as exc:
            return _patch_error(str(exc))
        return entry.finish(Response(status_code=200))

    return router
