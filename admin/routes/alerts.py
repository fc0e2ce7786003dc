"""Ops alerts: open ones first (most severe, newest), resolved ones on request."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from admin.deps import CurrentAdmin
from admin.templating import templates
from core import alerts

router = APIRouter(prefix="/alerts", include_in_schema=False)


@router.get("", name="alerts")
async def list_alerts(
    request: Request,
    admin: CurrentAdmin,
    resolved: Annotated[bool, Query()] = False,
    seller_id: Annotated[int | None, Query()] = None,
) -> Response:
    """The alerts page."""
    context = {
        "admin": admin,
        "active": "alerts",
        "alerts": await alerts.list_alerts(resolved=resolved, seller_id=seller_id),
        "resolved": resolved,
        "seller_id": seller_id,
    }
    return templates.TemplateResponse(request, "alerts.html", context)
