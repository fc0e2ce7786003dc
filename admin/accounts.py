"""Admin accounts from the command line: password, role, disabling. Each change ends the account's sessions."""

from __future__ import annotations

from tortoise.expressions import F

from admin.security import hash_password
from core import audit
from core.models import AdminRole, AdminUser


class NoSuchAdmin(LookupError):
    """No admin account has this e-mail."""


async def _change(email: str, action: str, meta: dict | None = None, **values: object) -> AdminUser:
    email = email.strip().lower()
    # One UPDATE: the change and the end of every session of the account happen together.
    changed = await AdminUser.filter(email=email).update(session_version=F("session_version") + 1, **values)
    if not changed:
        raise NoSuchAdmin(email)
    admin = await AdminUser.get(email=email)
    await audit.record(action, admin_id=admin.id, object_type="admin_user", object_id=admin.id, meta=meta)
    return admin


async def set_password(email: str, password: str) -> AdminUser:
    """A new password (bcrypt); every session of the account ends."""
    return await _change(email, "admin.password_changed", password_hash=hash_password(password))


async def set_role(email: str, role: AdminRole) -> AdminUser:
    """A new role; every session of the account ends (a session never outlives the rights it was opened with)."""
    return await _change(email, "admin.role_changed", {"role": str(role)}, role=role)


async def set_disabled(email: str, disabled: bool) -> AdminUser:
    """Disable (no login, every session ends) or enable an account."""
    return await _change(email, "admin.disabled" if disabled else "admin.enabled", disabled=disabled)
