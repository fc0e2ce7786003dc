"""Interactions: the filtered list (every chart bar lands here) and one interaction with its thread and history,
where an `admin`-role user can also answer (the same outbox path as the API)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from admin.deps import CurrentAdmin, EditorAdmin, request_language, request_zone
from admin.filters import AGE_KEYS, STATUSES, ItemQuery
from admin.loaders import load_detail
from admin.replying import ReplyRefused, send_step, submit_web_reply
from admin.templating import templates
from core import analytics, inbox, sending
from core.items.actions import ReplyNotAllowed
from core.items.stage import unsure
from core.items.view import item_view
from core.models import AdminRole, AdminUser, Channel, Priority, SellerMember
from core.reading import Mood, Situation
from core.returns import ClaimView
from core.topics import Topic

router = APIRouter(prefix="/interactions", include_in_schema=False)


def _filter_values(query: ItemQuery) -> dict[str, object]:
    return {k: v for k, v in query.model_dump(mode="json", exclude={"page"}).items() if v is not None}


def _page_href(query: ItemQuery, page: int) -> str:
    return "?" + urlencode({**_filter_values(query), "page": page})


@router.get("", name="interactions")
async def list_interactions(request: Request, admin: CurrentAdmin, query: Annotated[ItemQuery, Query()]) -> Response:
    """The list, filtered by the query string (the filter form and the chart bars both write it)."""
    result = await analytics.interactions_query(query.filters(zone=request_zone(request)))
    context = {
        "admin": admin,
        "active": "interactions",
        "query": query,
        "result": result,
        "channels": list(Channel),
        "priorities": list(Priority),
        "statuses": STATUSES,
        "age_keys": AGE_KEYS,
        "topics": list(Topic),
        "situations": list(Situation),
        "moods": list(Mood),
        "prev_href": _page_href(query, result.page - 1) if result.page > 1 else None,
        "next_href": _page_href(query, result.page + 1) if result.page < result.pages else None,
        "export_href": "/interactions/export.csv?" + urlencode(_filter_values(query)),
        # The member a recovery figure's list is of (core.analytics.recovery), named above the list.
        "answered_by_name": (
            await SellerMember.filter(id=query.answered_by).first().values_list("name", flat=True)
            if query.answered_by
            else None
        ),
    }
    return templates.TemplateResponse(request, "interactions.html", context)


async def _render_detail(
    request: Request,
    admin: AdminUser,
    interaction_id: int,
    *,
    reply_text: str | None = None,
    refusal: ReplyRefused | None = None,
) -> Response:
    """The page; after a refused reply it keeps the admin's text and says why (422 reasons or the 409 state)."""
    detail = await load_detail(interaction_id)
    view = await item_view(interaction_id)
    request.state.page_url = request.url_for("interaction", interaction_id=interaction_id)
    draft = next((dr for dr in detail.drafts if not dr.void), None)  # drafts come newest first
    context = {
        "admin": admin,
        "active": "interactions",
        "d": detail,
        # What the item offers now (core.items.actions), drawn as forms for an `admin`-role user; a viewer sees none.
        "actions": view.actions if admin.role == AdminRole.ADMIN else frozenset(),
        "claim": ClaimView.of(detail.interaction.raw_payload) if detail.interaction.channel == Channel.RETURN else None,
        "reply_draft": draft,
        "reply_text": reply_text if reply_text is not None else (draft.text if draft else ""),
        "refusal": refusal,
        "unsure_reply": next((r for r in detail.replies if unsure(r)), None),
        "refusal_reasons": refusal.verdict.reasons(request_language(request)) if refusal and refusal.verdict else [],
    }
    status_code = refusal.status_code if refusal else status.HTTP_200_OK
    return templates.TemplateResponse(request, "interaction.html", context, status_code=status_code)


@router.get("/{interaction_id}", name="interaction")
async def show_interaction(request: Request, admin: CurrentAdmin, interaction_id: int) -> Response:
    """One interaction: details, its cross-channel timeline, chat messages, drafts, replies, audit trail."""
    return await _render_detail(request, admin, interaction_id)


@router.post("/{interaction_id}/reply", name="interaction_reply")
async def reply(
    request: Request,
    admin: EditorAdmin,
    interaction_id: int,
    text: Annotated[str, Form()],
    draft_id: Annotated[int | None, Form()] = None,
) -> Response:
    """Queue the admin's reply (as the API does) and go back to the page, or re-render it with the refusal."""
    try:
        await submit_web_reply(request, admin, interaction_id, text, draft_id)
    except ReplyRefused as refusal:
        return await _render_detail(request, admin, interaction_id, reply_text=text, refusal=refusal)
    url = f"{request.url_for('interaction', interaction_id=interaction_id)}#replies"
    return RedirectResponse(url, status_code=status.HTTP_303_SEE_OTHER)


@router.post("/{interaction_id}/unskip", name="interaction_unskip")
async def unskip(request: Request, admin: EditorAdmin, interaction_id: int) -> Response:
    """«Вернуть»: the skipped item is open again (answerable here and in Telegram), then back to the page."""
    await load_detail(interaction_id)
    try:
        await inbox.unskip(interaction_id=interaction_id, admin_id=admin.id)
    except ReplyNotAllowed as exc:
        refusal = ReplyRefused(status.HTTP_409_CONFLICT, reason=exc.reason)
        return await _render_detail(request, admin, interaction_id, refusal=refusal)
    return RedirectResponse(request.url_for("interaction", interaction_id=interaction_id), status_code=303)


@router.post("/{interaction_id}/recheck", name="interaction_recheck")
async def recheck(request: Request, admin: EditorAdmin, interaction_id: int) -> Response:
    """Read WB back now for the item's reply whose outcome is unknown, then back to the page."""
    await load_detail(interaction_id)
    await sending.recheck(interaction_id, enqueue=send_step(request), admin_id=admin.id)
    url = f"{request.url_for('interaction', interaction_id=interaction_id)}#replies"
    return RedirectResponse(url, status_code=status.HTTP_303_SEE_OTHER)
