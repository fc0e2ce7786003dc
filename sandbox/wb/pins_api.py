"""WB's pinned-feedback paths (`/api/feedbacks/v1/pins…`, feedbacks bucket), as the returns_and_updates contract
has them: pinning needs a Jam subscription or a tariff option, and without one WB answers 403 "no active
subscription or tariff". A seller has one when created with `"pin_subscription": true` (control API)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from sandbox.wb.gateway import Gateway
from sandbox.wb.records import iso_z
from sandbox.wb.seller import Seller

ORIGIN = "pin-open-api"
MAX_ITEMS = 500
# The subscription's limits when the seller has one (WB's SellerLimit).
TOTAL_LIMIT = 15
PER_UNIT_LIMIT = 2


def _error(status: int, title: str, detail: str) -> JSONResponse:
    body = {"status": status, "title": title, "detail": detail, "origin": ORIGIN, "requestId": uuid.uuid4().hex}
    return JSONResponse(body, status_code=status)


def _ok(data: Any) -> JSONResponse:
    # The pins service answers `{"data": …}` alone (not the feedbacks envelope with error/errorText).
    return JSONResponse({"data": data})


def _pinned(seller: Seller) -> list[dict[str, Any]]:
    return [pin for pin in seller.pins if pin["state"] == "pinned"]


async def _items(request: Request, kind: type) -> list[Any] | None:
    try:
        body = json.loads(await request.body())
    except ValueError:
        return None
    if not isinstance(body, list) or not 0 < len(body) <= MAX_ITEMS or not all(isinstance(x, kind) for x in body):
        return None
    return body


def _pin(seller: Seller, item: dict[str, Any]) -> dict[str, Any]:
    review = seller.review_by_id.get(str(item.get("feedbackId")))
    method, on = item.get("pinMethod"), item.get("pinOn")
    result: dict[str, Any] = {"feedbackId": str(item.get("feedbackId")), "pinMethod": method, "pinOn": on}
    if review is None:
        error = {"status": "itemNotFound", "title": "item not found", "origin": ORIGIN, "requestId": uuid.uuid4().hex}
        return {
            **result,
            "isErrors": True,
            "errors": [{**error, "detail": "item not found or does not belong to seller"}],
        }
    pin_id = len(seller.pins) + 1
    seller.pins.append(
        {
            "pinId": pin_id,
            "feedbackId": review.id,
            "nmId": review.product.nm_id,
            "imtId": review.product.imt_id,
            "pinMethod": method,
            "pinOn": on,
            "state": "pinned",
            "changeStateAt": iso_z(datetime.now(UTC)),
        }
    )
    return {**result, "pinId": pin_id, "isErrors": False}


def routes(gw: Gateway) -> APIRouter:
    """The router serving the pins paths against `gw`'s store."""
    router = APIRouter()

    @router.get("/api/feedbacks/v1/pins")
    async def list_pins(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        state = request.query_params.get("state")
        if state not in (None, "pinned", "unpinned"):
            return _error(400, "Bad Request", "state must be one of the values 'pinned', 'unpinned'")
        pins = [p for p in entry.seller.pins if state is None or p["state"] == state]
        return entry.finish(_ok(pins))

    @router.get("/api/feedbacks/v1/pins/count")
    async def count_pins(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        state = request.query_params.get("state")
        if state not in (None, "pinned", "unpinned"):
            return _error(400, "Bad Request", "state must be one of the values 'pinned', 'unpinned'")
        return entry.finish(_ok(sum(1 for p in entry.seller.pins if state is None or p["state"] == state)))

    @router.get("/api/feedbacks/v1/pins/limits")
    async def limits(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        seller = entry.seller
        used = len(_pinned(seller))
        limit = {
            "totalLimit": TOTAL_LIMIT,
            "perUnitLimit": PER_UNIT_LIMIT,
            "used": used,
            "remaining": max(0, TOTAL_LIMIT - used),
            "unlimited": False,
        }
        return entry.finish(_ok({"subscription": limit if seller.pin_subscription else None, "tariff": None}))

    @router.post("/api/feedbacks/v1/pins")
    async def pin(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks", write=True)
        items = await _items(request, dict)
        if items is None:
            return _error(400, "Bad Request", "invalid request body")
        if not entry.seller.pin_subscription:
            return _error(
                403, "no active subscription or tariff", "this feature requires active subscription or active tariff"
            )
        return entry.finish(_ok([_pin(entry.seller, item) for item in items]))

    @router.delete("/api/feedbacks/v1/pins")
    async def unpin(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks", write=True)
        ids = await _items(request, int)
        if ids is None:
            return _error(400, "Bad Request", "invalid request body")
        done = []
        for pin in entry.seller.pins:
            if pin["pinId"] in ids and pin["state"] == "pinned":
                pin["state"], pin["changeStateAt"] = "unpinned", iso_z(datetime.now(UTC))
                done.append(pin["pinId"])
        return entry.finish(_ok(done))

    return router
