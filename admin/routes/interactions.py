"""Interactions: the filtered list (every chart bar lands here) and one interaction with its thread and history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from admin.deps import CurrentAdmin
from admin.filters import AGE_KEYS, STATUSES, ItemQuery
from admin.templating import templates
from core import analytics, linking
from core.models import AuditEvent, Channel, ChatMessage, Draft, Interaction, Priority, Reply

router = APIRouter(prefix="/interactions", include_in_schema=False)


@dataclass(frozen=True)
class InteractionDetail:
    """One interaction and everything around it (the page and `/api/interactions/{id}` share it)."""

    interaction: Interaction
    timeline: list[linking.TimelineItem]
    messages: list[ChatMessage]
    drafts: list[Draft]
    replies: list[Reply]
    audit: list[AuditEvent]


async def load_detail(interaction_id: int) -> InteractionDetail:
    """The interaction with its thread, chat messages, drafts, replies and audit trail; 404 when unknown."""
    interaction = await Interaction.get_or_none(id=interaction_id).prefetch_related("seller")
    if interaction is None:
        raise HTTPException(404, "no such interaction")
    return InteractionDetail(
        interaction=interaction,
        timeline=await linking.timeline(interaction_id),
        messages=await ChatMessage.filter(interaction_id=interaction_id).order_by("occurred_at", "id"),
        drafts=await Draft.filter(interaction_id=interaction_id).order_by("-created_at", "-id"),
        replies=await Reply.filter(interaction_id=interaction_id)
        .order_by("-created_at", "-id")
        .prefetch_related("approved_by", "approved_by_admin"),
        audit=await AuditEvent.filter(interaction_id=interaction_id)
        .order_by("created_at", "id")
        .prefetch_related("actor_member", "actor_admin"),
    )


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
