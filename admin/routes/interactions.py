"""Interactions: the filtered list (every chart bar lands here) and one interaction with its thread and history."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from admin.deps import CurrentAdmin
from admin.filters import AGE_KEYS, STATUSES, ItemQuery
from admin.templating import templates
from core import analytics, records
from core.models import Channel, Priority

router = APIRouter(prefix="/interactions", include_in_schema=False)


async def load_detail(interaction_id: int) -> records.InteractionDetail:
    """The interaction's detail; 404 when unknown."""
    detail = await records.interaction_detail(interaction_id)
    if detail is None:
        raise HTTPException(404, "no such interaction")
    return detail


def _page_href(query: ItemQuery, page: int) -> str:
    values = {k: v for k, v in query.model_dump(mode="json", exclude={"page"}).items() if v is not None}
    return "?" + urlencode({**values, "page": page})


@router.get("", name="interactions")
async def list_interactions(request: Request, admin: CurrentAdmin, query: Annotated[ItemQuery, Query()]) -> Response:
    """The list, filtered by the query string (the filter form and the chart bars both write it)."""
    result = await analytics.interactions_query(query.filters())
    context = {
        "admin": admin,
        "active": "interactions",
        "query": query,
        "result": result,
        "channels": list(Channel),
        "priorities": list(Priority),
        "statuses": STATUSES,
        "age_keys": AGE_KEYS,
        "prev_href": _page_href(query, result.page - 1) if result.page > 1 else None,
        "next_href": _page_href(query, result.page + 1) if result.page < result.pages else None,
    }
    return templates.TemplateResponse(request, "interactions.html", context)


@router.get("/{interaction_id}", name="interaction")
async def show_interaction(request: Request, admin: CurrentAdmin, interaction_id: int) -> Response:
    """One interaction: details, its cross-channel timeline, chat messages, drafts, replies, audit trail."""
    context = {"admin": admin, "active": "interactions", "d": await load_detail(interaction_id)}
    return templates.TemplateResponse(request, "interaction.html", context)
