"""Database wiring: the tortoise config, opening/closing connections, applying migrations."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import structlog
import tortoise.backends.sqlite.executor  # noqa: F401  (registers its adapters first; ours below replaces one)
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.context import TortoiseContext
from tortoise.exceptions import DBConnectionError, OperationalError
from tortoise.migrations.api import migrate

from core.settings import Settings, load_settings

MODELS_MODULES = ["core.models"]
log = structlog.get_logger(__name__)
T = TypeVar("T")

# What a query meets while PostgreSQL restarts: the connection refused or cut, the server starting up or shutting
# down (57P01/57P03), a pooled connection left mid-operation by the cut (asyncpg's InternalClientError).
DB_UNREACHABLE: tuple[type[BaseException], ...] = (
    OSError,
    DBConnectionError,
    OperationalError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.OperatorInterventionError,
    asyncpg.exceptions.InternalClientError,
)


def sqlite_datetime(value: datetime) -> str:
    """How SQLite stores a datetime: ISO text in UTC, so text comparisons and `substr` days are right.

    tortoise's own adapter writes the value's offset as it comes (`+03:00` from WB), and SQLite compares text.
    Every write path (ORM, raw bulk INSERTs, query parameters) goes through this adapter.
    """
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.isoformat(" ")


sqlite3.register_adapter(datetime, sqlite_datetime)
MIGRATIONS_MODULE = "migrations"


# Records still being written for a caller that was cancelled meanwhile (the loop keeps only weak references).
_RECORDS: set[asyncio.Task[Any]] = set()


async def write_through_outage(write: Callable[[], Awaitable[T]], *, within_s: float, what: str) -> T:
    """Run an idempotent write that must land, retrying with backoff while the database is unreachable for up to
    `within_s` (then the last error is raised), and finishing it even when the caller is cancelled meanwhile.

    For the record of something the outside world already did: Telegram accepted a card, and a PostgreSQL restart
    or the task's timeout in that instant would otherwise leave the card's claim without its message id, so the
    sweep would send the card a second time once the claim's lease is over (bot.notify keeps `within_s` inside the
    lease). Only a killed process still loses the record.
    """
    record = asyncio.ensure_future(_retrying(write, within_s, what))
    _RECORDS.add(record)
    record.add_done_callback(_RECORDS.discard)
    return await asyncio.shield(record)


async def _retrying(write: Callable[[], Awaitable[T]], within_s: float, what: str) -> T:
    deadline = time.monotonic() + within_s
    pause = 0.1
    while True:
        try:
            return await write()
        except DB_UNREACHABLE as exc:
            if time.monotonic() + pause > deadline:
                raise
            log.warning("db.write_retry", what=what, error=f"{type(exc).__name__}: {exc}"[:200], retry_in_s=pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 2.0)


async def _keep_session(_connection: Any) -> None:
    """A pooled PostgreSQL connection given back to the pool keeps its session as it is.

    asyncpg rolls back a transaction left open either way; its default reset also sends `pg_advisory_unlock_all();
    CLOSE ALL; UNLISTEN *; RESET ALL`, one more round trip per query (tortoise takes a pool connection per query
    outside a transaction), and we take no session-level locks, cursors, listeners or settings to undo."""


def _connection(database_url: str) -> str | dict[str, Any]:
    """The `default` connection: a PostgreSQL URL expanded so its pool gets `_keep_session`."""
    if not database_url.startswith(("postgres://", "postgresql://", "asyncpg://")):
        return database_url
    expanded = expand_db_url(database_url)
    expanded["credentials"]["reset"] = _keep_session
    return expanded


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The tortoise config for one database URL (the same shape for SQLite and PostgreSQL)."""
    return {
        "connections": {"default": _connection(database_url)},
        "apps": {
            "models": {
                "models": MODELS_MODULES,
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _ensure_sqlite_dir(database_url: str) -> None:
    """The embedded database's folder (0700 when made here) and file, private to this user: the file holds the
    token ciphertext and every buyer's text, and SQLite gives its journal and WAL files the file's own mode."""
    if not database_url.startswith("sqlite://") or ":memory:" in database_url:
        return
    path = Path(database_url.removeprefix("sqlite://"))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for companion in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        if companion.exists():
            companion.chmod(0o600)


class Database:
    """This process's handle on the database; `close()` closes it only when this handle opened it."""

    def __init__(self, context: TortoiseContext | None) -> None:
        self._context = context

    @property
    def owned(self) -> bool:
        """Whether this handle opened the connections (and so closes them)."""
        return self._context is not None

    async def close(self) -> None:
        """Close the connections this handle opened (idempotent); a borrowed database stays open for its owner."""
        context, self._context = self._context, None
        if context is not None:
            await context.close_connections()


async def open_database(settings: Settings) -> Database:
    """Open the database for every task of this process — the one way every entry point opens it.

    tortoise-orm 1.x keeps an initialised context in a contextvar, visible only to the task that opened it and to
    tasks it starts later. A server opens the database in one task and serves in others (uvicorn runs the ASGI
    lifespan in its own task), so the context is made the process-wide fallback too, as tortoise's own
    `RegisterTortoise` does for ASGI apps. When the process already has the database open (the all-in-one process,
    the test suite), the returned handle borrows it and leaves closing to its owner. Schema changes go through
    `upgrade()`, never generate_schemas.
    """
    if Tortoise.is_inited():
        return Database(None)
    _ensure_sqlite_dir(settings.database_url)
    context = TortoiseContext()
    # Current only while it loads the models (which needs a current context); afterwards every task, this one
    # included, finds it as the global fallback.
    with context:
        await context.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    return Database(context)


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[Database]:
    """`open_database` for the duration of a block (closed at its end when the block opened it)."""
    handle = await open_database(settings)
    try:
        yield handle
    finally:
        await handle.close()


async def upgrade(settings: Settings) -> None:
    """Apply all pending migrations (in a context of their own: nothing of it stays behind in the caller's task)."""
    _ensure_sqlite_dir(settings.database_url)
    async with TortoiseContext():
        await migrate(config=tortoise_config(settings.database_url))


async def pending_migrations(settings: Settings) -> list[str]:
    """The migrations of this code not applied to the database this process has open (readiness: a process of a
    newer release started before `agentiq db upgrade` ran)."""
    from tortoise import connections
    from tortoise.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections.get("default"), tortoise_config(settings.database_url)["apps"])
    await executor.loader.build_graph()
    return [step.migration.name for step in await executor.plan(None) if not step.backward]


async def status(settings: Settings) -> dict[str, list[str]]:
    """Applied and pending migration names."""
    from tortoise.connection import get_connection
    from tortoise.migrations.executor import MigrationExecutor

    config = tortoise_config(settings.database_url)
    _ensure_sqlite_dir(settings.database_url)
    async with TortoiseContext():
        await Tortoise.init(config=config, init_connections=False)
        executor = MigrationExecutor(get_connection("default"), config["apps"])
        await executor.loader.build_graph()
        plan = await executor.plan(None)
        applied = [key.name for key in await executor.recorder.applied_migrations()]
        pending = [step.migration.name for step in plan if not step.backward]
        return {"applied": sorted(applied), "pending": pending}


def __getattr__(name: str) -> Any:
    """`TORTOISE_ORM` for the `tortoise` CLI (makemigrations; pyproject's [tool.tortoise] points here), built from
    the environment when the CLI reads it: importing this module reads no settings."""
    if name == "TORTOISE_ORM":
        return tortoise_config(load_settings().database_url)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
