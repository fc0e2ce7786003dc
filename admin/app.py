"""The web admin: `create_app(settings)` builds the FastAPI app (pages, JSON API, health and metrics)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import structlog
from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from taskiq import AsyncBroker

from admin.bounds import IdBounds
from admin.deps import LANG_COOKIE, ZONE_COOKIE, LoginRequired, csrf_protect
from admin.routes import get_routers
from admin.security import session_secret
from admin.throttle import LoginThrottle
from core.db import database
from core.i18n import LANGUAGES
from core.settings import Settings
from core.timezones import valid_zone
from sync.broker import get_broker

STATIC_DIR = Path(__file__).resolve().parent / "static"
access = structlog.get_logger("admin.access")
SESSION_COOKIE = "agentiq_admin"
# Pages render only our own CSS and inline SVG; nothing loads from elsewhere, nothing may frame us.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _lifespan(settings: Settings) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # uvicorn runs this in a task of its own and serves requests in others: `database` opens it for every task
        # (in the all-in-one process and in tests it is open already and stays with its owner).
        try:
            async with database(settings):
                yield
        finally:
            app.state.login_throttle.close()

    return lifespan  # type: ignore[return-value]


async def _login_redirect(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(request.url_for("login_form").include_query_params(next=target), status_code=303)


def create_app(settings: Settings, *, broker: AsyncBroker | None = None) -> FastAPI:
    """The admin app for these settings; the database opens in its lifespan via `core.db.database`.

    `broker` receives the send tasks of replies submitted from the web (the caller's, when it runs the tasks in the
    same process; else one built from `settings` that only kicks).
    """
    app = FastAPI(
        title="AgentIQ admin API",
        version="1",
        lifespan=_lifespan(settings),
        openapi_url="/api/openapi.json",
        # The interactive docs pull scripts from a CDN; the published schema is enough.
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    app.state.settings = settings
    app.state.broker = broker if broker is not None else get_broker(settings)
    app.state.login_throttle = LoginThrottle(settings, session_secret(settings))
    app.add_exception_handler(LoginRequired, _login_redirect)

    @app.middleware("http")
    async def access_log(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # One line per request: method, path (never the query string, which may carry a token), status, time.
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            access.info(
                "admin.request",
                method=request.method,
                path=request.url.path,
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                client=request.client.host if request.client else None,
            )

    @app.middleware("http")
    async def headers_and_language(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        lang = request.query_params.get("lang")
        if lang in LANGUAGES and request.cookies.get(LANG_COOKIE) != lang:
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
        zone = valid_zone(request.query_params.get("tz"))
        if zone is not None and request.cookies.get(ZONE_COOKIE) != zone:
            response.set_cookie(ZONE_COOKIE, zone, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    app.add_middleware(IdBounds)
    # Added last so it runs first: every handler and dependency sees `request.session`.
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie=SESSION_COOKIE,
        # The cookie may outlive nothing the server allows: admin.sessions checks idle time and lifetime itself.
        max_age=settings.admin.session_max_hours * 3600,
        same_site="lax",
        https_only=settings.admin.secure_cookies,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in get_routers():
        app.include_router(router)
    return app
