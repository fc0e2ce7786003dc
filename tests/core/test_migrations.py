"""Models and migrations agree, and the same migration files apply on SQLite and PostgreSQL.

The checks run in subprocesses: tortoise caches dialect-specific SQL per model class, so SQLite and PostgreSQL
must not share one Python process (see research/stack.md).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg

from tests.conftest import PG_ADMIN_URL

ROOT = Path(__file__).resolve().parents[2]
AGENTIQ = [sys.executable, "-m", "cli"]

NO_CHANGES = """
import asyncio
from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector
from core.db import tortoise_config

async def main():
    config = tortoise_config({url!r})
    await Tortoise.init(config=config)
    writers = await MigrationAutodetector(Tortoise.apps, config["apps"]).changes()
    await Tortoise.close_connections()
    print("CHANGES", [w.name for w in writers])

asyncio.run(main())
"""


def _run(args: list[str], url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AGENTIQ_DATABASE_URL": url}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _upgrade_and_status(url: str) -> None:
    before = _run([*AGENTIQ, "db", "status"], url)
    assert before.returncode == 1 and "pending  0001_initial" in before.stdout
    upgraded = _run([*AGENTIQ, "db", "upgrade"], url)
    assert upgraded.returncode == 0, upgraded.stderr
    after = _run([*AGENTIQ, "db", "status"], url)
    assert after.returncode == 0, after.stderr
    assert "pending" not in after.stdout and "applied  0001_initial" in after.stdout
    again = _run([*AGENTIQ, "db", "upgrade"], url)
    assert again.returncode == 0, again.stderr


def test_upgrade_on_sqlite(tmp_path: Path) -> None:
    _upgrade_and_status(f"sqlite://{tmp_path / 'm.sqlite3'}")


async def test_upgrade_on_postgres() -> None:
    name = f"agentiq_mig_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _upgrade_and_status(f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}")
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def test_models_match_migrations(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'm.sqlite3'}"
    assert _run([*AGENTIQ, "db", "upgrade"], url).returncode == 0
    result = _run([sys.executable, "-c", NO_CHANGES.format(url=url)], url)
    assert result.returncode == 0, result.stderr
    assert "CHANGES []" in result.stdout
