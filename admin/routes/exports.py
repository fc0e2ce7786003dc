"""The interaction list's filters as a CSV download, streamed page by page from `core.exports`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from admin.deps import CurrentAdmin, request_language, request_zone
from admin.filters import ItemQuery
from core import exports

router = APIRouter(prefix="/interactions", include_in_schema=False)


async def _encoded(chunks: AsyncIterator[str]) -> AsyncIterator[bytes]:
    async for chunk in chunks:
        yield chunk.encode("utf-8")


@router.get("/export.csv", name="interactions_export")
async def export_interactions(
    request: Request, admin: CurrentAdmin, query: Annotated[ItemQuery, Query()]
) -> StreamingResponse:
    """Every interaction the list's filters match (all pages), with its latest reply; times in the viewer's zone."""
    filters = query.filters(zone=request_zone(request))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(
        _encoded(exports.csv_chunks(filters, fmt=exports.CsvFormat(request_language(request)))),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="agentiq-interactions-{stamp}.csv"'},
    )
