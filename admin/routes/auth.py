"""Login and logout. Failed attempts are throttled per client IP and e-mail; a login starts a fresh session."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import RedirectResponse, Response

from admin.security import hash_password, new_csrf_token, verify_password
from admin.templating import templates
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
    """Check the credentials under the throttle; on success bind a fresh session (new CSRF token) to the admin."""
    throttle = request.app.state.login_throttle
    ip = request.client.host if request.client else "unknown"
    if not await throttle.allowed(ip, email):
        return SignIn.THROTTLED
    admin = await AdminUser.get_or_none(email=email.strip().lower())
    if not verify_password(password, admin.password_hash if admin else _DUMMY_HASH) or admin is None:
        await throttle.failed(ip, email)
        await audit.record("admin.login_failed", meta={"email": email.strip().lower()[:200], "ip": ip})
        return SignIn.INVALID
    await throttle.succeeded(ip, email)
    request.session.clear()
    request.session.update(admin_id=admin.id, csrf=new_csrf_token())
    admin.last_login_at = datetime.now(UTC)
    await admin.save(update_fields=["last_login_at"])
    await audit.record("admin.login", admin_id=admin.id, meta={"ip": ip})
    return SignIn.OK


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
        return RedirectResponse(_safe_next(next), status_code=status.HTTP_303_SEE_OTHER)
    code = status.HTTP_429_TOO_MANY_REQUESTS if result is SignIn.THROTTLED else status.HTTP_401_UNAUTHORIZED
    context = {"next": _safe_next(next), "error": f"admin-login-{result}", "email": email}
    return templates.TemplateResponse(request, "login.html", context, status_code=code)


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session."""
    request.session.clear()
    return RedirectResponse(request.url_for("login_form"), status_code=status.HTTP_303_SEE_OTHER)
