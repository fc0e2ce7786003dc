"""Ops alerts: open ones first (most severe, newest), resolved ones on request."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from admin.deps import CurrentAdmin
from admin.templating import templates
from core.models import Alert, AlertSeverity

router = APIRouter(prefix="/alerts", include_in_schema=False)
LIMIT = 200
SEVERITY_ORDER = {AlertSeverity.CRITICAL: 0, AlertSeverity.WARNING: 1, AlertSeverity.INFO: 2}


async def load_alerts(*, resolved: bool, seller_id: int | None) -> list[Alert]:
    """Open (or resolved) alerts, optionally of one seller; open ones sorted by severity then recency."""
    query = Alert.filter(resolved_at__isnull=not resolved)
    if seller_id is not None:
        query = query.filter(seller_id=seller_id)
    alerts = await query.order_by("-last_seen", "-id").limit(LIMIT)
    return sorted(alerts, key=lambda a: SEVERITY_ORDER[a.severity]) if not resolved else alerts


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
        "alerts": await load_alerts(resolved=resolved, seller_id=seller_id),
        "resolved": resolved,
        "seller_id": seller_id,
    }
    return templates.TemplateResponse(request, "alerts.html", context)
