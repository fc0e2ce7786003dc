"""Admin sessions that end: the signed cookie names the account, the session version it was issued under, when it
was issued and when it was last used; every request checks all four against the database and the clock.

Bumping `AdminUser.session_version` ends every session of the account at its next request: logout, a password or
role change and `agentiq admin disable-user` do it (`end_sessions`). A session also ends after
`AGENTIQ_ADMIN__SESSION_IDLE_MIN` without a request and `AGENTIQ_ADMIN__SESSION_MAX_HOURS` after the login,
whatever the cookie's own expiry says (a copied cookie is only as good as the server's word).
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import Request
from tortoise.expressions import F

from admin.security import new_csrf_token
from core.models import AdminUser
from core.settings import AdminSettings

# Refreshing "last used" rewrites the cookie; once a minute is precise enough for an idle timeout in minutes.
_SEEN_GRANULARITY_S = 60


def start_session(request: Request, admin: AdminUser) -> None:
    """Bind a fresh session (new CSRF token, new timestamps) to `admin`; the old session's data is dropped."""
    now = int(time.time())
    request.session.clear()
    request.session.update(admin_id=admin.id, sv=admin.session_version, iat=now, seen=now, csrf=new_csrf_token())


def _valid(session: dict[str, Any], admin: AdminUser | None, settings: AdminSettings, now: int) -> bool:
    if admin is None or admin.disabled or session.get("sv") != admin.session_version:
        return False
    issued, seen = session.get("iat"), session.get("seen")
    if not isinstance(issued, int) or not isinstance(seen, int):
        return False
    return now - issued <= settings.session_max_hours * 3600 and now - seen <= settings.session_idle_min * 60


async def session_admin(request: Request) -> AdminUser | None:
    """The account of this request's session if the session is still valid; an ended session is cleared."""
    session = request.session
    admin_id = session.get("admin_id")
    if not isinstance(admin_id, int):
        return None
    now = int(time.time())
    admin = await AdminUser.get_or_none(id=admin_id)
    if not _valid(session, admin, request.app.state.settings.admin, now):
        # Keep the CSRF token: the login form this visitor is sent to still needs it.
        csrf = session.get("csrf")
        session.clear()
        if csrf:
            session["csrf"] = csrf
        return None
    if now - session["seen"] >= _SEEN_GRANULARITY_S:
        session["seen"] = now
    return admin


async def end_sessions(admin_id: int) -> None:
    """End every session of the account (they fail their next check)."""
    await AdminUser.filter(id=admin_id).update(session_version=F("session_version") + 1)
