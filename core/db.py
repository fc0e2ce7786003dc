"""Database wiring: the tortoise config, opening/closing connections, applying migrations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.migrations.api import migrate

from core.settings import Settings, load_settings

MODELS_MODULES = ["core.models"]
MIGRATIONS_MODULE = "migrations"


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The tortoise config for one database URL (the same shape for SQLite and PostgreSQL)."""
    return {
        "connections": {"default": database_url},
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
    if database_url.startswith("sqlite://") and ":memory:" not in database_url:
        Path(database_url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)


async def init_db(settings: Settings) -> None:
    """Open the connections for this process. Schema changes go through `upgrade()`, never generate_schemas."""
    _ensure_sqlite_dir(settings.database_url)
    await Tortoise.init(config=tortoise_config(settings.database_url))


async def close_db() -> None:
    """Close every connection this process opened."""
    await Tortoise.close_connections()


async def upgrade(settings: Settings) -> None:
    """Apply all pending migrations."""
    _ensure_sqlite_dir(settings.database_url)
    await migrate(config=tortoise_config(settings.database_url))
    await Tortoise.close_connections()


async def status(settings: Settings) -> dict[str, list[str]]:
    """Applied and pending migration names."""
    from tortoise.connection import get_connection
    from tortoise.migrations.executor import MigrationExecutor

    config = tortoise_config(settings.database_url)
    _ensure_sqlite_dir(settings.database_url)
    await Tortoise.init(config=config, init_connections=False)
    try:
        executor = MigrationExecutor(get_connection("default"), config["apps"])
        await executor.loader.build_graph()
        plan = await executor.plan(None)
        applied = [key.name for key in await executor.recorder.applied_migrations()]
        pending = [step.migration.name for step in plan if not step.backward]
        return {"applied": sorted(applied), "pending": pending}
    finally:
        await Tortoise.close_connections()


# For the `tortoise` CLI (makemigrations): pyproject's [tool.tortoise] points here. Not the cached settings:
# importing this module must not freeze the process's settings before an entry point builds its own.
TORTOISE_ORM = tortoise_config(os.environ.get("AGENTIQ_DATABASE_URL") or load_settings().database_url)
