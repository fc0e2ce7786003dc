"""Admin accounts, from the command line and the users page: create or invite, password, role, disabling, one-time
links. Each change ends the account's sessions and leaves the same audit record whichever way it was made.

The product runs no mail server: an invite creates the account keyed by its e-mail and hands the inviting admin a
one-time link to pass on; a password reset likewise. A link is a random token of which only the SHA-256 is stored;
it works once and for `LINK_HOURS`. From the users page an admin can neither disable nor demote themselves nor the
last enabled admin (the CLI stays the way back in).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from admin.security import MAX_PASSWORD_BYTES, hash_password
from core import audit
from core.models import AdminRole, AdminToken, AdminTokenPurpose, AdminUser

MIN_PASSWORD_LENGTH = 10
LINK_HOURS = 72
# An invited account has no password until its link is used: no bcrypt hash matches "".
NO_PASSWORD = ""


class NoSuchAdmin(LookupError):
    """No admin account has this e-mail."""


class AccountRefused(ValueError):
    """A change the rules refuse; `reason` names it (locale key suffix on the users page)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def password_problem(password: str) -> str | None:
    """Why `password` is refused (`short`, `long`), None when it is fine: the CLI and the link page share it."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "short"
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        return "long"
    return None


def normal_email(email: str) -> str:
    """The login e-mail as stored (trimmed, lower-case); AccountRefused("email") when it is none."""
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or not domain or any(c.isspace() for c in email) or len(email) > 200:
        raise AccountRefused("email")
    return email


async def _change(
    email: str, action: str, meta: dict | None = None, *, actor_id: int | None = None, **values: object
) -> AdminUser:
    email = email.strip().lower()
    # One UPDATE: the change and the end of every session of the account happen together.
    changed = await AdminUser.filter(email=email).update(session_version=F("session_version") + 1, **values)
    if not changed:
        raise NoSuchAdmin(email)
    admin = await AdminUser.get(email=email)
    # The actor: the admin who acted on the users page; from the CLI (no one signed in) the account itself.
    actor = admin.id if actor_id is None else actor_id
    await audit.record(action, admin_id=actor, object_type="admin_user", object_id=admin.id, meta=meta)
    return admin


async def create(email: str, password: str, role: AdminRole, *, actor_id: int | None = None) -> AdminUser | None:
    """A new account with this password (NO_PASSWORD: none yet); None when the e-mail is taken."""
    email = normal_email(email)
    hashed = hash_password(password) if password else NO_PASSWORD
    admin, created = await AdminUser.get_or_create(email=email, defaults={"password_hash": hashed, "role": role})
    if not created:
        return None
    meta = {"role": str(role), "invited": not password}
    actor = admin.id if actor_id is None else actor_id
    await audit.record("admin.created", admin_id=actor, object_type="admin_user", object_id=admin.id, meta=meta)
    return admin


async def set_password(email: str, password: str, *, actor_id: int | None = None) -> AdminUser:
    """A new password (bcrypt); every session of the account ends."""
    return await _change(email, "admin.password_changed", actor_id=actor_id, password_hash=hash_password(password))


async def set_role(email: str, role: AdminRole, *, actor: AdminUser | None = None) -> AdminUser:
    """A new role; every session of the account ends (a session never outlives the rights it was opened with)."""
    if actor is not None and role != AdminRole.ADMIN:
        await _keep_an_admin(actor, email)
    return await _change(
        email, "admin.role_changed", {"role": str(role)}, actor_id=actor.id if actor else None, role=role
    )


async def set_disabled(email: str, disabled: bool, *, actor: AdminUser | None = None) -> AdminUser:
    """Disable (no login, every session ends) or enable an account."""
    if actor is not None and disabled:
        await _keep_an_admin(actor, email)
    action = "admin.disabled" if disabled else "admin.enabled"
    return await _change(email, action, actor_id=actor.id if actor else None, disabled=disabled)


async def _keep_an_admin(actor: AdminUser, email: str) -> None:
    """Refuse taking the admin role from `email` when it is the actor's own account or the last enabled admin."""
    target = await AdminUser.get_or_none(email=email.strip().lower())
    if target is None:
        raise NoSuchAdmin(email)
    if target.id == actor.id:
        raise AccountRefused("self")
    if target.role == AdminRole.ADMIN and not target.disabled:
        others = await AdminUser.filter(role=AdminRole.ADMIN, disabled=False).exclude(id=target.id).count()
        if others == 0:
            raise AccountRefused("last-admin")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_link(admin: AdminUser, purpose: AdminTokenPurpose, *, actor: AdminUser, now: datetime) -> str:
    """A fresh one-time token for `admin` (the account's earlier unused links stop working); audited."""
    token = secrets.token_urlsafe(32)
    async with in_transaction():
        await AdminToken.filter(admin_id=admin.id, used_at__isnull=True).update(used_at=now)
        await AdminToken.create(
            admin_id=admin.id, purpose=purpose, token_hash=_digest(token), created_by_id=actor.id,
            expires_at=now + timedelta(hours=LINK_HOURS),
        )  # fmt: skip
    await audit.record(
        f"admin.{purpose}_link", admin_id=actor.id, object_type="admin_user", object_id=admin.id,
        meta={"expires_h": LINK_HOURS},
    )  # fmt: skip
    return token


async def invite(email: str, role: AdminRole, *, actor: AdminUser, now: datetime) -> tuple[AdminUser, str]:
    """Create the account of `email` without a password and return it with its invite token."""
    admin = await create(email, NO_PASSWORD, role, actor_id=actor.id)
    if admin is None:
        raise AccountRefused("taken")
    return admin, await issue_link(admin, AdminTokenPurpose.INVITE, actor=actor, now=now)


async def open_link(token: str, now: datetime) -> tuple[AdminToken, AdminUser] | None:
    """The link's row and account while it can still be used (unused, not expired, account enabled), else None."""
    row = await AdminToken.get_or_none(token_hash=_digest(token))
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    admin = await AdminUser.get(id=row.admin_id)
    return None if admin.disabled else (row, admin)


async def use_link(token: str, password: str, now: datetime) -> AdminUser | None:
    """Set the password through the link, once: None when the link is unknown, used, expired or its account
    disabled. The password was checked with `password_problem` first."""
    opened = await open_link(token, now)
    if opened is None:
        return None
    row, admin = opened
    # Claimed by one UPDATE: of two submissions racing, only one finds the link unused.
    if not await AdminToken.filter(id=row.id, used_at__isnull=True).update(used_at=now):
        return None
    return await set_password(admin.email, password, actor_id=admin.id)
