"""The JSON API under /api/: the pages' data, pause/resume and replies (schema at /api/openapi.json).

Authentication is the admin session cookie: `GET /api/session` hands out the CSRF token, `POST /api/session` signs
in; every unsafe request carries the token in `X-CSRF-Token`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.responses import JSONResponse
from tortoise.exceptions import DoesNotExist

from admin import schemas
from admin.deps import ApiAdmin, ApiEditor, AppSettings, csrf_token, request_language
from admin.filters import ItemQuery
from admin.loaders import Dashboard, Days, load_dashboard, load_detail
from admin.login import SignIn, remember_device, sign_in
from admin.replying import ReplyRefused, submit_web_reply
from admin.sessions import session_admin
from core import alerts as core_alerts
from core import analytics, linking, records
from core import sellers as seller_service
from core.models import Channel, SellerStatus, SyncRunStatus

router = APIRouter(prefix="/api", tags=["api"])


@dataclass(frozen=True)
class InteractionDetailOut:
    interaction: schemas.InteractionOut
    timeline: list[linking.TimelineItem]
    drafts: list[schemas.DraftOut]
    replies: list[schemas.ReplyOut]
    audit: list[schemas.AuditOut]


def _seller_out(row: records.SellerRow) -> schemas.SellerOut:
    s = row.seller
    return schemas.SellerOut(
        id=s.id,
        name=s.name,
        status=s.status,
        pause_reason=s.pause_reason,
        token_scopes=list(s.token_scopes or []),
        token_expires_at=s.token_expires_at,
        has_token=bool(s.wb_token_enc),
        members=row.members,
        cursors=[schemas.CursorOut.model_validate(c) for c in row.cursors.values()],
    )


@router.get("/session")
async def get_session(request: Request) -> schemas.SessionOut:
    """Whether this session is signed in, and its CSRF token (needed for every POST)."""
    admin = await session_admin(request)
    return schemas.SessionOut(
        authenticated=admin is not None, email=admin and admin.email, csrf_token=csrf_token(request)
    )


@router.post("/session", responses={401: {}, 429: {}})
async def post_session(request: Request, response: Response, body: schemas.LoginIn) -> schemas.SessionOut:
    """Sign in (throttled like the login form); the answer carries the new session's CSRF token."""
    result = await sign_in(request, body.email, body.password)
    if result is SignIn.THROTTLED:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many failed attempts")
    if result is SignIn.INVALID:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong e-mail or password")
    session = await get_session(request)
    remember_device(request, response)
    return session


@router.get("/dashboard")
async def dashboard(_: ApiAdmin, days: Days = 14, seller_id: int | None = None) -> Dashboard:
    """The dashboard's numbers: volume, backlog, response times, SLA, quality, sync health."""
    return await load_dashboard(seller_id=seller_id, days=days, now=datetime.now(UTC))


@router.get("/sellers")
async def sellers(
    _: ApiAdmin,
    status_filter: Annotated[SellerStatus | None, Query(alias="status")] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> list[schemas.SellerOut]:
    """Sellers (100 a page) with members and per-channel cursors."""
    rows, _total = await records.seller_rows(status_filter=status_filter, page=page)
    return [_seller_out(row) for row in rows]


async def _seller_row(seller_id: int) -> schemas.SellerOut:
    rows, _ = await records.seller_rows(status_filter=None, page=1, seller_id=seller_id)
    return _seller_out(rows[0])


@router.post("/sellers/{seller_id}/pause", responses={404: {}})
async def pause(admin: ApiEditor, seller_id: int, body: schemas.PauseIn) -> schemas.SellerOut:
    """Pause a seller (sync and cards stop)."""
    try:
        await seller_service.pause_seller(seller_id=seller_id, reason=body.reason.strip() or "admin", admin_id=admin.id)
    except DoesNotExist:
        raise HTTPException(404, "no such seller") from None
    return await _seller_row(seller_id)


@router.post("/sellers/{seller_id}/resume", responses={404: {}})
async def resume(admin: ApiEditor, seller_id: int) -> schemas.SellerOut:
    """Resume a paused seller."""
    try:
        await seller_service.resume_seller(seller_id=seller_id, admin_id=admin.id)
    except DoesNotExist:
        raise HTTPException(404, "no such seller") from None
    return await _seller_row(seller_id)


@router.get("/interactions")
async def interactions(_: ApiAdmin, query: Annotated[ItemQuery, Query()]) -> analytics.ItemPage:
    """The filtered interaction list (the same filters as the chart drill-down links)."""
    return await analytics.interactions_query(query.filters())


@router.get("/interactions/{interaction_id}", responses={404: {}})
async def interaction(_: ApiAdmin, interaction_id: int) -> InteractionDetailOut:
    """One interaction with its timeline, drafts, replies and audit trail."""
    d = await load_detail(interaction_id)
    return InteractionDetailOut(
        interaction=schemas.InteractionOut.model_validate(d.interaction),
        timeline=d.timeline,
        drafts=[schemas.DraftOut.model_validate(x) for x in d.drafts],
        replies=[schemas.ReplyOut.model_validate(x) for x in d.replies],
        audit=[schemas.AuditOut.model_validate(x) for x in d.audit],
    )


@router.post(
    "/interactions/{interaction_id}/reply",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=schemas.ReplyAccepted,
    responses={
        404: {},
        409: {"description": "already answered, or another reply is in flight"},
        422: {"model": schemas.GuardrailRefusal, "description": "blocked by guardrails"},
    },
)
async def reply(
    request: Request, admin: ApiEditor, interaction_id: int, body: schemas.ReplyIn
) -> schemas.ReplyAccepted | JSONResponse:  # JSONResponse: the 422 refusal
    """Queue a reply to WB. Guardrails run first: a blocked text is refused with 422 and its violations."""
    try:
        queued = await submit_web_reply(request, admin, interaction_id, body.text, body.draft_id)
    except ReplyRefused as exc:
        if exc.verdict is None:
            raise HTTPException(exc.status_code, exc.reason) from None
        language = request_language(request)
        violations = [schemas.ViolationOut(**v.to_dict(), reason=v.reason(language)) for v in exc.verdict.violations]
        refusal = schemas.GuardrailRefusal(detail="blocked by guardrails", violations=violations)
        return JSONResponse(refusal.model_dump(), status_code=exc.status_code)
    return schemas.ReplyAccepted(reply_id=queued.id, status=queued.status)


@router.get("/alerts")
async def alerts(_: ApiAdmin, resolved: bool = False, seller_id: int | None = None) -> list[schemas.AlertOut]:
    """Open (or resolved) ops alerts."""
    return [
        schemas.AlertOut.model_validate(a)
        for a in await core_alerts.list_alerts(resolved=resolved, seller_id=seller_id)
    ]


@router.get("/sync-runs")
async def sync_runs(
    _: ApiAdmin,
    seller_id: int | None = None,
    channel: Channel | None = None,
    run_status: Annotated[SyncRunStatus | None, Query(alias="status")] = None,
) -> list[schemas.SyncRunOut]:
    """The newest sync runs (at most 200)."""
    runs = await records.sync_runs(seller_id=seller_id, channel=channel, run_status=run_status)
    return [schemas.SyncRunOut.model_validate(r) for r in runs]


@router.get("/readiness")
async def readiness(_: ApiAdmin, settings: AppSettings, seller_id: int | None = None) -> schemas.ReadinessOut:
    """The GO/NO-GO checklist overall and per seller."""
    result = await analytics.readiness(now=datetime.now(UTC), ops=settings.ops, seller_id=seller_id)
    return schemas.ReadinessOut.model_validate(result)
