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


OLD_ROWS = """
import asyncio, sqlite3
from tortoise import Tortoise
from tortoise.migrations.api import migrate
from core.db import tortoise_config

async def main():
    config = tortoise_config({url!r})
    await migrate(config=config, app_labels=["models"], target="models.0001_initial")
    await Tortoise.close_connections()

asyncio.run(main())
db = sqlite3.connect({path!r})
db.execute("INSERT INTO seller (id, name, token_scopes, status, language, settings, llm_enabled, created_at, "
           "updated_at) VALUES (1, 's', '[]', 'active', 'ru', '{{}}', 0, '2026-11-30 10:00:00+03:00', "
           "'2026-11-30 07:00:00+00:00')")
db.execute("INSERT INTO interaction (seller_id, channel, external_id, text, occurred_at, status, needs_response, "
           "priority, priority_rank, answer_state, wb_sync_state, source, created_at, updated_at, first_response_at) "
           "VALUES (1, 'review', 'r1', '', '2026-11-30 00:30:00.500000+03:00', 'new', 1, 'normal', 2, 'none', 'none', "
           "'wb_api', '2026-11-30 07:00:00+00:00', '2026-11-30 07:00:00+00:00', '2026-11-29 23:00:00-02:00')")
db.commit()
"""


def test_upgrade_rewrites_old_sqlite_times_in_utc(tmp_path: Path) -> None:
    """Rows written before the UTC adapter (WB's +03:00 kept as text) are rewritten by 0002_utc_times."""
    path = tmp_path / "old.sqlite3"
    url = f"sqlite://{path}"
    seeded = _run([sys.executable, "-c", OLD_ROWS.format(url=url, path=str(path))], url)
    assert seeded.returncode == 0, seeded.stderr
    assert _run([*AGENTIQ, "db", "upgrade"], url).returncode == 0
    import sqlite3

    db = sqlite3.connect(path)
    try:
        row = db.execute("SELECT occurred_at, first_response_at, created_at FROM interaction").fetchone()
        seller = db.execute("SELECT created_at FROM seller").fetchone()
    finally:
        db.close()
    assert row == ("2026-11-29 21:30:00.500000+00:00", "2026-11-30 01:00:00+00:00", "2026-11-30 07:00:00+00:00")
    assert seller == ("2026-11-30 07:00:00+00:00",)


LINKS_BEFORE_0016 = """
import asyncio, sqlite3
from tortoise import Tortoise
from tortoise.migrations.api import migrate
from core.db import tortoise_config

async def main():
    config = tortoise_config({url!r})
    await migrate(config=config, app_labels=["models"], target="models.0011_chat_files")
    await Tortoise.close_connections()

asyncio.run(main())
db = sqlite3.connect({path!r})
db.execute("INSERT INTO seller (id, name, token_scopes, status, language, settings, llm_enabled, created_at, "
           "updated_at) VALUES (1, 's', '[]', 'active', 'ru', '{{}}', 0, '2026-11-30 07:00:00+00:00', "
           "'2026-11-30 07:00:00+00:00')")
for n in range(1, 6):
    db.execute("INSERT INTO interaction (id, seller_id, channel, external_id, text, occurred_at, status, "
               "needs_response, priority, priority_rank, answer_state, wb_sync_state, source, created_at, updated_at) "
               "VALUES (?, 1, 'chat', ?, '', '2026-11-30 07:00:00+00:00', 'new', 1, 'normal', 2, 'none', 'none', "
               "'wb_api', '2026-11-30 07:00:00+00:00', '2026-11-30 07:00:00+00:00')", (n, f"c{{n}}"))
for a, b, kind, confidence, reason in ((1, 2, "deterministic", 0.95, "same_buyer_id"),
                                       (1, 3, "deterministic", 0.9, "same_buyer_product"),
                                       (1, 4, "deterministic", 0.9, "chat_names_product"),
                                       (1, 5, "deterministic", 1.0, "supplement")):
    db.execute("INSERT INTO link (seller_id, a_id, b_id, kind, confidence, reason, created_at) "
               "VALUES (1, ?, ?, ?, ?, ?, '2026-11-30 07:00:00+00:00')", (a, b, kind, confidence, reason))
db.commit()
"""


def test_0016_drops_buyer_id_links_and_demotes_the_old_sure_name_links(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    url = f"sqlite://{path}"
    seeded = _run([sys.executable, "-c", LINKS_BEFORE_0016.format(url=url, path=str(path))], url)
    assert seeded.returncode == 0, seeded.stderr
    assert _run([*AGENTIQ, "db", "upgrade"], url).returncode == 0
    import sqlite3

    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT b_id, kind, confidence, reason FROM link ORDER BY b_id").fetchall()
    finally:
        db.close()
    assert rows == [
        (3, "probabilistic", 0.55, "same_name_product"),
        (4, "probabilistic", 0.55, "chat_names_product"),
        (5, "deterministic", 1.0, "supplement"),
    ]
