"""Probes and metrics: `/livez` (the process answers; `/healthz` is its old name), `/readyz` (the database answers
with every migration applied, and the other dependencies answer), `/metrics`."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable

import redis.asyncio as aioredis
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from tortoise import connections

from admin.metrics import render_metrics
from core import tokens
from core.db import pending_migrations
from core.logs import redact_text
from core.secrets import SecretError
from core.settings import Settings

router = APIRouter(tags=["health"])
PROBE_TIMEOUT_S = 2.0


async def _database() -> None:
    await connections.get("default").execute_query("SELECT 1")


async def _migrations(settings: Settings) -> None:
    pending = await pending_migrations(settings)
    if pending:
        raise RuntimeError(f"{len(pending)} migration(s) not applied, run `agentiq db upgrade`: {', '.join(pending)}")


async def _tokens(settings: Settings) -> None:
    problem = await tokens.key_problem(settings)
    if problem:
        raise SecretError(problem)


async def _redis(url: str) -> None:
    client = aioredis.from_url(url)
    try:
        await client.ping()
    finally:
        await client.aclose()


async def _check(probe: Awaitable[None]) -> str:
    try:
        await asyncio.wait_for(probe, PROBE_TIMEOUT_S)
    except TimeoutError:
        return f"error: no answer within {PROBE_TIMEOUT_S:g} s"
    except Exception as exc:  # any failure means not ready: say which and why, with secrets masked
        return f"error: {type(exc).__name__}: {redact_text(str(exc))[:300]}"
    return "ok"


@router.get("/livez")
@router.get("/healthz")
async def livez() -> dict[str, str]:
    """Liveness: the process is up and serving (nothing else is checked: a restart would not fix a database)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Database, Redis (when configured) and the task broker answer, and the keys open the stored WB tokens; 503
    otherwise."""
    settings = request.app.state.settings
    checks = {"database": await _check(_database())}
    if checks["database"] == "ok":
        checks["migrations"] = await _check(_migrations(settings))
    checks["tokens"] = await _check(_tokens(settings))
    if settings.redis_url:
        checks["redis"] = await _check(_redis(settings.redis_url))
        # The stream broker lives in Redis: it is reachable exactly when Redis is.
        checks["broker"] = checks["redis"]
    else:
        checks["broker"] = "ok (in-process)"
    ready = all(value.startswith("ok") for value in checks.values())
    return JSONResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status_code=200 if ready else 503
    )


def _metrics_allowed(request: Request) -> bool:
    token = request.app.state.settings.admin.metrics_token
    if token is None:
        return True
    scheme, _, supplied = request.headers.get("authorization", "").partition(" ")
    expected = token.get_secret_value().encode()
    return scheme.lower() == "bearer" and hmac.compare_digest(supplied.strip().encode(), expected)


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus exposition (see admin.metrics for the list); with `AGENTIQ_ADMIN__METRICS_TOKEN` set, only for
    `Authorization: Bearer <token>` (401 otherwise)."""
    if not _metrics_allowed(request):
        return Response("unauthorized\n", status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return Response(await render_metrics(), media_type=CONTENT_TYPE_LATEST)
