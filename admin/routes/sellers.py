"""Sellers: status, token expiry and scopes, last sync per channel; pause and resume."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, status
from fastapi.responses import RedirectResponse, Response
from tortoise.exceptions import DoesNotExist
from tortoise.functions import Count

from admin.deps import AppSettings, CurrentAdmin, EditorAdmin
from admin.filters import Blank
from admin.templating import templates
from core import sellers as seller_service
from core.models import Channel, Seller, SellerStatus, SyncCursor

router = APIRouter(prefix="/sellers", include_in_schema=False)
PAGE_SIZE = 100


@dataclass
class SellerRow:
    """A seller with its member count and each channel's cursor (last success, failures)."""

    seller: Seller
    members: int
    cursors: dict[Channel, SyncCursor] = field(default_factory=dict)

    def token_expiring(self, now: datetime, days: int) -> bool:
        expires = self.seller.token_expires_at
        return expires is not None and expires <= now + timedelta(days=days)


async def load_sellers(
    *, status_filter: SellerStatus | None, page: int, seller_id: int | None = None
) -> tuple[list[SellerRow], int]:
    """One page of sellers (by id) with members and cursors, plus the total count; four queries in all."""
    base = Seller.all() if status_filter is None else Seller.filter(status=status_filter)
    if seller_id is not None:
        base = base.filter(id=seller_id)
    total = await base.count()
    sellers = await base.order_by("id").offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ids = [s.id for s in sellers]
    counts = dict(
        await Seller.filter(id__in=ids, members__active=True)
        .annotate(n=Count("members"))
        .group_by("id")
        .values_list("id", "n")
    )
    rows = {s.id: SellerRow(s, counts.get(s.id, 0)) for s in sellers}
    for cursor in await SyncCursor.filter(seller_id__in=ids):
        rows[cursor.seller_id].cursors[cursor.channel] = cursor
    return list(rows.values()), total


@router.get("", name="sellers")
async def list_sellers(
    request: Request,
    admin: CurrentAdmin,
    settings: AppSettings,
    status_filter: Annotated[SellerStatus | None, Query(alias="status"), Blank] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    """The sellers page."""
    rows, total = await load_sellers(status_filter=status_filter, page=page)
    context = {
        "admin": admin,
        "active": "sellers",
        "rows": rows,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "status_filter": status_filter,
        "statuses": list(SellerStatus),
        "channels": list(Channel),
        "now": datetime.now(UTC),
        "expiry_days": settings.ops.token_expiry_days,
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


@router.post("/{seller_id}/resume")
async def resume(request: Request, admin: EditorAdmin, seller_id: int) -> Response:
    """Resume a paused seller."""
    try:
        await seller_service.resume_seller(seller_id=seller_id, admin_id=admin.id)
    except DoesNotExist:
        raise HTTPException(404, "no such seller") from None
    return _back(request, seller_id)
