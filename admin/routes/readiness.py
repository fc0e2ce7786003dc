"""Pilot readiness: the GO/NO-GO checklist overall and per seller, each criterion with value and threshold."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from admin.deps import AppSettings, CurrentAdmin
from admin.templating import templates
from core import analytics

router = APIRouter(prefix="/readiness", include_in_schema=False)


@router.get("", name="readiness")
async def show_readiness(
    request: Request, admin: CurrentAdmin, settings: AppSettings, seller_id: int | None = None
) -> Response:
    """The GO/NO-GO page."""
    result = await analytics.readiness(now=datetime.now(UTC), ops=settings.ops, seller_id=seller_id)
    context = {"admin": admin, "active": "readiness", "r": result, "seller_id": seller_id}
    return templates.TemplateResponse(request, "readiness.html", context)
