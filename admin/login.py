"""Signing an admin in: the attempt is counted before the password is checked (see admin.throttle), a success
starts a fresh session (see admin.sessions), and a new browser gets its device cookie. The login form
(`admin/routes/auth.py`) and `POST /api/session` both sign in here."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from fastapi import Request
from fastapi.responses import Response

from admin.sessions import start_session
from admin.throttle import DEVICE_COOKIE, DEVICE_MAX_AGE_S, LoginThrottle, client_ip
from core import audit
from core.models import AdminUser


class SignIn(StrEnum):
    """How a sign-in attempt ended."""

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
    matches: bool | None
    if admin is None:
        # No bcrypt for a made-up e-mail: the same wait, no thread, and its own budget per network.
        if not await throttle.admit_unknown(ip=ip):
            return SignIn.THROTTLED
        matches = await throttle.no_such_account()
    else:
        matches = await throttle.check_password(password, admin.password_hash, device=device is not None)
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
