"""Login and logout pages. Signing in is admin.login (throttled, a fresh session); a logout ends every session of
the account (see admin.sessions)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import RedirectResponse, Response

from admin.deps import request_language
from admin.login import SignIn, remember_device, sign_in
from admin.sessions import end_sessions, session_admin
from admin.templating import templates
from core import audit
from core.i18n import translator

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an absolute or protocol-relative URL would make the login an open redirect.
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/login", name="login_form")
async def login_form(request: Request, next: str | None = None, done: str | None = None) -> Response:
    """The login page (`done=password`: after a one-time link set the password, admin.routes.users)."""
    notice = translator(request_language(request))("au-password-set") if done == "password" else None
    return templates.TemplateResponse(
        request, "login.html", {"next": _safe_next(next), "error": None, "notice": notice}
    )


@router.post("/login")
async def login(
    request: Request,
    email: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the credentials; back to the form with a message on failure, 429 when throttled."""
    result = await sign_in(request, email, password)
    if result is SignIn.OK:
        return remember_device(request, RedirectResponse(_safe_next(next), status_code=status.HTTP_303_SEE_OTHER))
    code = status.HTTP_429_TOO_MANY_REQUESTS if result is SignIn.THROTTLED else status.HTTP_401_UNAUTHORIZED
    context = {"next": _safe_next(next), "error": f"admin-login-{result}", "email": email}
    return templates.TemplateResponse(request, "login.html", context, status_code=code)


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session — and every other session of the account: a copy of the cookie is worthless from now."""
    admin = await session_admin(request)
    if admin is not None:
        await end_sessions(admin.id)
        await audit.record("admin.logout", admin_id=admin.id)
    request.session.clear()
    return RedirectResponse(request.url_for("login_form"), status_code=status.HTTP_303_SEE_OTHER)
