"""Login and logout. Attempts are counted before the password is checked (see admin.throttle); a login starts a
fresh session, a logout ends every session of the account (see admin.sessions)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import RedirectResponse, Response

from admin.security import hash_password
from admin.sessions import end_sessions, session_admin, start_session
from admin.templating import templates
from admin.throttle import DEVICE_COOKIE, DEVICE_MAX_AGE_S, LoginThrottle, client_ip
from core import audit
from core.models import AdminUser

router = APIRouter(include_in_schema=False)
# Compared against when the e-mail is unknown, so a miss costs the same time as a wrong password.
_DUMMY_HASH = hash_password("agentiq-no-such-user")


class SignIn(StrEnum):
    OK = "ok"
    INVALID = "invalid"
    THROTTLED = "throttled"


async def sign_in(request: Request, email: str, password: str) -> SignIn:
    """Count the attempt, then check the credentials; on success bind a fresh session to the admin."""
    throttle: LoginThrottle = request.app.state.login_throttle
    ip = client_ip(request, throttle.trusted)
    email = email.strip().lower()
    device = throttle.device_of(request.cookies.get(DEVICE_COOKIE), email)
    if not await throttle.admit(ip=ip, email=email, device=device):
        return SignIn.THROTTLED
    admin = await AdminUser.get_or_none(email=email)
    matches = await throttle.check_password(password, admin.password_hash if admin else _DUMMY_HASH)
    if matches is None:
        return SignIn.THROTTLED
    if not matches or admin is None or admin.disabled:
        await audit.record("admin.login_failed", meta={"email": email[:200], "ip": ip})
        return SignIn.INVALID
    start_session(request, admin)
    if device is None:
        request.state.new_device = throttle.new_device_cookie(email)
    admin.last_login_at = datetime.now(UTC)
    await admin.save(update_fields=["last_login_at"])
    await audit.record("admin.login", admin_id=admin.id, meta={"ip": ip})
    return SignIn.OK


def remember_device(request: Request, response: Response) -> Response:
    """Hand a browser that just signed in its device cookie (see admin.throttle)."""
    cookie = getattr(request.state, "new_device", None)
    if cookie:
        settings = request.app.state.settings.admin
        response.set_cookie(
            DEVICE_COOKIE,
            cookie,
            max_age=DEVICE_MAX_AGE_S,
            httponly=True,
            samesite="lax",
            secure=settings.secure_cookies,
            path="/",
        )
    return response


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an absolute or protocol-relative URL would make the login an open redirect.
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/login", name="login_form")
async def login_form(request: Request, next: str | None = None) -> Response:
    """The login page."""
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "error": None})


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
