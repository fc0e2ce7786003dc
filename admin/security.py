"""Admin security: bcrypt password hashes, the session signing key and CSRF tokens.

The session itself is Starlette's `SessionMiddleware` (an itsdangerous-signed, HttpOnly cookie); `admin.sessions`
decides whether it is still valid, `admin.throttle` counts login attempts.
"""

from __future__ import annotations

import hmac
import secrets

import bcrypt

from core.secrets import stored_secret
from core.settings import Settings

SESSION_KEY_FILE = "session.key"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
# bcrypt only looks at the first 72 bytes; longer input is refused rather than silently truncated.
MAX_PASSWORD_BYTES = 72


def hash_password(password: str) -> str:
    """A bcrypt hash of `password` (salted, cost 12)."""
    raw = password.encode()
    if len(raw) > MAX_PASSWORD_BYTES:
        raise ValueError(f"password longer than {MAX_PASSWORD_BYTES} bytes")
    return bcrypt.hashpw(raw, bcrypt.gensalt(rounds=12)).decode()


def verify_password(password: str, password_hash: str) -> bool:
    """Whether `password` matches `password_hash` (constant time, False on malformed input)."""
    raw = password.encode()
    if len(raw) > MAX_PASSWORD_BYTES:
        return False
    try:
        return bcrypt.checkpw(raw, password_hash.encode())
    except ValueError:
        return False


def session_secret(settings: Settings) -> str:
    """The session signing key: the setting, else a key generated once into `<data dir>/session.key` (0600)."""
    if settings.admin.session_secret is not None:
        return settings.admin.session_secret.get_secret_value()
    return stored_secret(settings.data_dir, SESSION_KEY_FILE)


def new_csrf_token() -> str:
    """A fresh per-session CSRF token."""
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, supplied: str | None) -> bool:
    """Whether the submitted token equals the session's (constant time; missing either side is a mismatch)."""
    if not expected or not supplied:
        return False
    return hmac.compare_digest(expected.encode(), supplied.encode())
