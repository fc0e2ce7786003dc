"""Sync runs: the newest runs with their counters, filtered by seller, channel and outcome."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from admin.deps import CurrentAdmin
from admin.filters import Blank
from admin.templating import templates
from core import records
from core.models import Channel, SyncRunStatus

router = APIRouter(prefix="/sync-runs", include_in_schema=False)


@router.get("", name="sync_runs")
async def list_runs(
    request: Request,
    admin: CurrentAdmin,
    seller_id: Annotated[int | None, Query(), Blank] = None,
    channel: Annotated[Channel | None, Query(), Blank] = None,
    run_status: Annotated[SyncRunStatus | None, Query(alias="status"), Blank] = None,
) -> Response:
    """The sync runs page."""
    context = {
        "admin": admin,
        "active": "sync_runs",
        "runs": await records.sync_runs(seller_id=seller_id, channel=channel, run_status=run_status),
        "seller_id": seller_id,
        "channel": channel,
        "run_status": run_status,
        "channels": list(Channel),
        "statuses": list(SyncRunStatus),
    }
    return templates.TemplateResponse(request, "sync_runs.html", context)
