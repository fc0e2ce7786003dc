"""Request dependencies: the signed-in admin (pages redirect, the API answers 401), CSRF, language, settings."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from admin.security import CSRF_FIELD, CSRF_HEADER, csrf_matches, new_csrf_token
from admin.sessions import session_admin
from core.i18n import LANGUAGES, Translator, translator
from core.models import AdminRole, AdminUser
from core.settings import Settings
from core.timezones import DEFAULT_ZONE, valid_zone

LANG_COOKIE = "lang"
ZONE_COOKIE = "tz"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
AdminDependency = Callable[..., Awaitable[AdminUser]]


class LoginRequired(Exception):
    """Raised by page dependencies; the app turns it into a redirect to /login."""


def app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


def request_language(request: Request) -> str:
    """`?lang=` first, then the language cookie, then the configured default."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return request.app.state.settings.default_language


def request_zone(request: Request) -> str:
    """The viewer's time zone: `?tz=` first, then the zone cookie, then Moscow (where WB's sellers are)."""
    for candidate in (request.query_params.get("tz"), request.cookies.get(ZONE_COOKIE)):
        zone = valid_zone(candidate)
        if zone is not None:
            return zone
    return DEFAULT_ZONE


def get_translator(request: Request) -> Translator:
    """The translator for this request's language."""
    return translator(request_language(request))


def csrf_token(request: Request) -> str:
    """This session's CSRF token, created on first use (also for the anonymous login form)."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = new_csrf_token()
    return token


async def csrf_protect(request: Request) -> None:
    """Refuse any unsafe request whose form field or header does not carry the session's CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    supplied = request.headers.get(CSRF_HEADER)
    if supplied is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        supplied = (await request.form()).get(CSRF_FIELD)  # type: ignore[assignment]
    if not csrf_matches(request.session.get("csrf"), supplied if isinstance(supplied, str) else None):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "CSRF token missing or invalid")


async def current_admin(request: Request) -> AdminUser:
    """The signed-in admin of a page request; anonymous visitors are sent to /login."""
    admin = await session_admin(request)
    if admin is None:
        raise LoginRequired
    return admin


async def api_admin(request: Request) -> AdminUser:
    """The signed-in admin of an API request; anonymous callers get 401."""
    admin = await session_admin(request)
    if admin is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not authenticated")
    return admin


def _editor_of(dependency: AdminDependency) -> AdminDependency:
    """A dependency that also refuses read-only (viewer) accounts."""

    async def editor(admin: Annotated[AdminUser, Depends(dependency)]) -> AdminUser:
        if admin.role != AdminRole.ADMIN:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "read-only account")
        return admin

    return editor


CurrentAdmin = Annotated[AdminUser, Depends(current_admin)]
EditorAdmin = Annotated[AdminUser, Depends(_editor_of(current_admin))]
ApiAdmin = Annotated[AdminUser, Depends(api_admin)]
ApiEditor = Annotated[AdminUser, Depends(_editor_of(api_admin))]
T = Annotated[Translator, Depends(get_translator)]
AppSettings = Annotated[Settings, Depends(app_settings)]
