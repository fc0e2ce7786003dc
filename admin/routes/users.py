"""Admin users (admins only): list the accounts, invite by e-mail, change a role, disable or enable, reset a
password; and the one-time link page where an invited or reset account sets its password. The rules and the audit
are admin.accounts' (the CLI's too); no mail leaves the product, so a new link is shown once to the admin who made
it, to pass on."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from admin import accounts
from admin.deps import EditorAdmin
from admin.templating import templates
from core.models import AdminRole, AdminToken, AdminTokenPurpose, AdminUser

router = APIRouter(include_in_schema=False)


async def _render(
    request: Request,
    admin: AdminUser,
    *,
    link: tuple[AdminUser, AdminTokenPurpose, str] | None = None,
    refused: str | None = None,
    status_code: int = status.HTTP_200_OK,
) -> Response:
    """The users page; after an invite or a reset with its one-time link, after a refusal with the reason."""
    request.state.page_url = request.url_for("users")
    now = datetime.now(UTC)
    pending = set(
        await AdminToken.filter(used_at__isnull=True, expires_at__gt=now, purpose=AdminTokenPurpose.INVITE).values_list(
            "admin_id", flat=True
        )
    )
    context = {
        "admin": admin,
        "active": "users",
        "users": await AdminUser.all().order_by("email"),
        "pending": pending,
        "roles": list(AdminRole),
        "link": link and {"user": link[0], "purpose": link[1], "url": _link_url(request, link[2])},
        "link_hours": accounts.LINK_HOURS,
        "refused": refused,
    }
    return templates.TemplateResponse(request, "users.html", context, status_code=status_code)


def _link_url(request: Request, token: str) -> str:
    return str(request.url_for("password_link").include_query_params(token=token))


async def _target(user_id: int) -> AdminUser:
    target = await AdminUser.get_or_none(id=user_id)
    if target is None:
        raise HTTPException(404, "no such admin")
    return target


def _back(request: Request) -> Response:
    return RedirectResponse(request.url_for("users"), status_code=status.HTTP_303_SEE_OTHER)


@router.get("/users", name="users")
async def users_page(request: Request, admin: EditorAdmin) -> Response:
    """Every admin account with its role and state, and the forms that change them."""
    return await _render(request, admin)


@router.post("/users/invite")
async def invite(
    request: Request,
    admin: EditorAdmin,
    email: Annotated[str, Form(max_length=200)],
    role: Annotated[AdminRole, Form()] = AdminRole.VIEWER,
) -> Response:
    """Create the account without a password and show its one-time invite link."""
    try:
        user, token = await accounts.invite(email, role, actor=admin, now=datetime.now(UTC))
    except accounts.AccountRefused as refused:
        return await _render(request, admin, refused=refused.reason, status_code=status.HTTP_409_CONFLICT)
    return await _render(request, admin, link=(user, AdminTokenPurpose.INVITE, token))


@router.post("/users/{user_id}/role")
async def change_role(
    request: Request, admin: EditorAdmin, user_id: int, role: Annotated[AdminRole, Form()]
) -> Response:
    """A new role (never one's own admin role, never the last admin's)."""
    target = await _target(user_id)
    try:
        await accounts.set_role(target.email, role, actor=admin)
    except accounts.AccountRefused as refused:
        return await _render(request, admin, refused=refused.reason, status_code=status.HTTP_409_CONFLICT)
    return _back(request)


@router.post("/users/{user_id}/disable")
async def disable(request: Request, admin: EditorAdmin, user_id: int) -> Response:
    """Disable the account (not one's own, not the last admin): its sessions end, it cannot sign in."""
    target = await _target(user_id)
    try:
        await accounts.set_disabled(target.email, True, actor=admin)
    except accounts.AccountRefused as refused:
        return await _render(request, admin, refused=refused.reason, status_code=status.HTTP_409_CONFLICT)
    return _back(request)


@router.post("/users/{user_id}/enable")
async def enable(request: Request, admin: EditorAdmin, user_id: int) -> Response:
    """Enable a disabled account."""
    await accounts.set_disabled((await _target(user_id)).email, False, actor=admin)
    return _back(request)


@router.post("/users/{user_id}/reset")
async def reset(request: Request, admin: EditorAdmin, user_id: int) -> Response:
    """Show a one-time link that sets a new password (the account's earlier links stop working)."""
    target = await _target(user_id)
    purpose = AdminTokenPurpose.RESET if target.password_hash else AdminTokenPurpose.INVITE
    token = await accounts.issue_link(target, purpose, actor=admin, now=datetime.now(UTC))
    return await _render(request, admin, link=(target, purpose, token))


async def _link_page(
    request: Request, token: str, *, problem: str | None = None, status_code: int = status.HTTP_200_OK
) -> Response:
    opened = await accounts.open_link(token, datetime.now(UTC))
    context = {
        "admin": None,
        "token": token,
        "user": opened and opened[1],
        "purpose": opened and opened[0].purpose,
        "problem": problem,
        "min_length": accounts.MIN_PASSWORD_LENGTH,
    }
    if opened is None:
        status_code = status.HTTP_410_GONE
    return templates.TemplateResponse(request, "password_link.html", context, status_code=status_code)


@router.get("/account/password", name="password_link")
async def password_link(request: Request, token: Annotated[str, Query(max_length=100)]) -> Response:
    """The page an invite or reset link opens: set the password (410 when the link is unknown, used or expired).
    The token travels in the query string, which the access log leaves out."""
    return await _link_page(request, token)


@router.post("/account/password")
async def use_password_link(
    request: Request,
    token: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=200)],
    confirm: Annotated[str, Form(max_length=200)],
) -> Response:
    """Set the password through the link, once; then to the login page."""
    request.state.page_url = request.url_for("password_link").include_query_params(token=token)
    problem = accounts.password_problem(password) or (None if password == confirm else "mismatch")
    if problem is not None:
        return await _link_page(request, token, problem=problem, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    if await accounts.use_link(token, password, datetime.now(UTC)) is None:
        return await _link_page(request, token)
    return RedirectResponse(
        request.url_for("login_form").include_query_params(done="password"), status_code=status.HTTP_303_SEE_OTHER
    )
