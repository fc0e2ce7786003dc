"""Sellers: status, token expiry and scopes, last sync per channel; pause and resume."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, status
from fastapi.responses import RedirectResponse, Response
from tortoise.exceptions import DoesNotExist

from admin.deps import AppSettings, CurrentAdmin, EditorAdmin
from admin.filters import Blank
from admin.templating import templates
from core import records
from core import sellers as seller_service
from core.models import Channel, SellerStatus
from core.seller_settings import SellerSettings
from core.timezones import ZONES, valid_zone

router = APIRouter(prefix="/sellers", include_in_schema=False)


@router.get("", name="sellers")
async def list_sellers(
    request: Request,
    admin: CurrentAdmin,
    settings: AppSettings,
    status_filter: Annotated[SellerStatus | None, Query(alias="status"), Blank] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    """The sellers page."""
    rows, total = await records.seller_rows(status_filter=status_filter, page=page)
    context = {
        "admin": admin,
        "active": "sellers",
        "rows": rows,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // records.SELLERS_PAGE)),
        "status_filter": status_filter,
        "statuses": list(SellerStatus),
        "channels": list(Channel),
        "now": datetime.now(UTC),
        "expiry_days": settings.ops.token_expiry_days,
        "seller_zones": {row.seller.id: SellerSettings.of(row.seller.settings).business_hours.timezone for row in rows},
        "offered_zones": ZONES,
    }
    return templates.TemplateResponse(request, "sellers.html", context)


def _back(request: Request, seller_id: int) -> RedirectResponse:
    return RedirectResponse(f"{request.url_for('sellers')}#seller-{seller_id}", status_code=status.HTTP_303_SEE_OTHER)


@router.post("/{seller_id}/pause")
async def pause(
    request: Request, admin: EditorAdmin, seller_id: int, reason: Annotated[str, Form(max_length=500)] = ""
) -> Response:
    """Pause the seller: sync and cards stop until resumed."""
    try:
        await seller_service.pause_seller(seller_id=seller_id, reason=reason.strip() or "admin", admin_id=admin.id)
    except DoesNotExist:
        raise HTTPException(404, "no such seller") from None
    return _back(request, seller_id)


@router.post("/{seller_id}/zone")
async def set_zone(request: Request, admin: EditorAdmin, seller_id: int, zone: Annotated[str, Form()]) -> Response:
    """Set the seller's time zone (cards, /stats and the SLA business hours follow it); audited."""
    if valid_zone(zone) is None:
        raise HTTPException(422, "unknown time zone")
    try:
        await seller_service.change_settings(
            seller_id=seller_id, changes={"business_hours": {"timezone": zone}}, admin_id=admin.id
        )
    except DoesNotExist:
        raise HTTPException(404, "no such seller") from None
    return _back(request, seller_id)


@router.post("/{seller_id}/resume")
async def resume(request: Request, admin: EditorAdmin, seller_id: int) -> Response:
    """Resume a paused seller."""
    try:
        await seller_service.resume_seller(seller_id=seller_id, admin_id=admin.id)
    except DoesNotExist:
        raise HTTPException(404, "no such seller") from None
    return _back(request, seller_id)
