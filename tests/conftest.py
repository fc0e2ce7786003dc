"""Test wiring: a throwaway PostgreSQL database per run (or SQLite with AGENTIQ_TEST_DB=sqlite),
migrated with our own migrations, truncated after every test; Redis on a dedicated logical database.

Under pytest-xdist (`-n 2`, what `.ci/run` uses) every worker is a run of its own: its own database, its own Redis
logical database (AGENTIQ_TEST_REDIS's number plus the worker's index), its own temp dirs (xdist gives each worker a
base temp folder) and its own sandbox ports (always picked free).

Nothing of ours is mocked: tests use the real database, Redis and our code paths; outside services are the
sandbox servers in `sandbox/`.
"""

from __future__ import annotations

import graphlib
import logging
import os
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
import redis.asyncio as aioredis
import structlog
from cryptography.fernet import Fernet
from playwright.async_api import Browser, async_playwright
from tortoise import Model, Tortoise, connections

from core import db as core_db
from core.settings import Settings, load_settings

PG_ADMIN_URL = os.environ.get("AGENTIQ_TEST_PG", "postgres://postgres@127.0.0.1:5432/postgres")
# "gw0", "gw1" … in an xdist worker (set before this file is imported), "" in a run without workers.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def worker_redis_url(base_url: str, worker: str = WORKER) -> str:
    """The Redis URL of this worker: the base URL's logical database plus the worker's index (gw1 of
    `redis://host/7` uses database 8), so parallel workers never flush each other's keys."""
    root, _, number = base_url.rpartition("/")
    if not number.isdigit():  # no database in the URL: Redis's default, 0
        root, number = base_url.rstrip("/"), "0"
    return f"{root}/{int(number) + int(worker.removeprefix('gw') or 0)}"


# Redis has 16 logical databases (0–15): the default leaves 15 to the second of `.ci/run`'s two workers.
BASE_REDIS_URL = os.environ.get("AGENTIQ_TEST_REDIS", "redis://127.0.0.1:6379/14")
TEST_REDIS_URL = worker_redis_url(BASE_REDIS_URL)
BACKEND = os.environ.get("AGENTIQ_TEST_DB", "postgres")
ENCRYPTION_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Tests that call `setup_logging` point the root handler at their captured stderr: put the process's logging
    back afterwards, so later tests neither write to a closed stream nor miss structlog's `capture_logs`."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    config = structlog.get_config()
    stderr = sys.stderr  # JSON logging wraps it (core.logs.JsonStderr)
    yield
    sys.stderr = stderr
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.configure(**config)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database for the whole run, dropped afterwards."""
    import asyncio

    if BACKEND == "sqlite":
        url = f"sqlite://{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        asyncio.run(core_db.upgrade(load_settings(database_url=url)))
        yield url
        return
    name = f"agentiq_test_{uuid.uuid4().hex[:10]}{WORKER and '_' + WORKER}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0]

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = f"{base}/{name}"
    asyncio.run(core_db.upgrade(load_settings(database_url=url)))
    yield url
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings of a test process: the test database, a temp data dir, a fixed encryption key."""
    return load_settings(
        database_url=database_url,
        data_dir=tmp_path,
        encryption_keys=ENCRYPTION_KEY,
    )


@pytest.fixture(scope="session")
async def _tortoise(database_url: str) -> AsyncIterator[None]:
    await Tortoise.init(config=core_db.tortoise_config(database_url))
    yield
    await Tortoise.close_connections()


def _children_first(models: list[type[Model]]) -> list[str]:
    """The models' tables, each before the tables it references (deleting in this order never waits on a cascade)."""
    references = {
        m._meta.db_table: {
            m._meta.fields_map[f].related_model._meta.db_table for f in m._meta.fk_fields | m._meta.o2o_fields
        }
        - {m._meta.db_table}
        for m in models
    }
    return list(reversed(list(graphlib.TopologicalSorter(references).static_order())))


def _touched_sql(tables: list[str]) -> str:
    """What a test left behind, as rows (t, seq): each table with a row (seq null), and each id sequence that handed
    out a number since it was last reset, with its table (a row inserted and deleted again still moved it;
    `pg_sequences.last_value` is null after a reset)."""
    with_rows = " UNION ALL ".join(
        f"SELECT '{t}' AS t, NULL AS seq WHERE EXISTS (SELECT 1 FROM \"{t}\")" for t in tables
    )
    moved_sequences = (
        "SELECT tbl.relname::text AS t, quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) AS seq"
        " FROM pg_sequences s"
        " JOIN pg_class seq ON seq.relname = s.sequencename AND seq.relkind = 'S'"
        " JOIN pg_depend d ON d.objid = seq.oid AND d.classid = 'pg_class'::regclass"
        " AND d.refclassid = 'pg_class'::regclass"
        " JOIN pg_class tbl ON tbl.oid = d.refobjid"
        " WHERE s.schemaname = current_schema() AND s.last_value IS NOT NULL"
        f" AND tbl.relname IN ({', '.join(repr(t) for t in tables)})"
    )
    return f"{with_rows} UNION ALL {moved_sequences}"


async def _truncate() -> None:
    """Empty every table of our models and reset their ids, as a fresh database has them."""
    conn = connections.get("default")
    tables = [m._meta.db_table for m in Tortoise.apps["models"].values()]
    if BACKEND == "sqlite":
        for table in tables:
            await conn.execute_script(f'DELETE FROM "{table}"')
        return
    # TRUNCATE gives PostgreSQL new files for every table and index it reaches, and CASCADE reaches nearly all of
    # them from any table (0.4-0.8 s a test on a busy 2-core machine). A test leaves a few rows in a few tables: one
    # query finds them, DELETE removes them (children first) and the moved id sequences are reset.
    touched = await conn.execute_query_dict(_touched_sql(tables))
    with_rows = {row["t"] for row in touched if row["seq"] is None}
    statements = [
        f'DELETE FROM "{t}"' for t in _children_first(list(Tortoise.apps["models"].values())) if t in with_rows
    ]
    statements += [f"SELECT setval('{row['seq']}', 1, false)" for row in touched if row["seq"] is not None]
    if statements:
        await conn.execute_script(";\n".join(statements))


@pytest.fixture
async def db(_tortoise: None) -> AsyncIterator[None]:
    """Open ORM connections to the test database; every table is emptied after the test."""
    yield
    await _truncate()


@pytest.fixture
async def redis_client() -> AsyncIterator[aioredis.Redis]:
    """A Redis connection on the test logical database, flushed before and after the test."""
    client = aioredis.from_url(TEST_REDIS_URL)
    await client.flushdb()
    yield client
    await client.flushdb()
    await client.aclose()


@pytest.fixture
def redis_url() -> str:
    """The URL of the test Redis database (use with `redis_client` to get it flushed)."""
    return TEST_REDIS_URL


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots-dir",
        type=Path,
        default=None,
        help="Where the browser tests save their screenshots (default: a temporary folder outside the checkout). "
        "`--screenshots-dir docs/screenshots` refreshes the README's pictures.",
    )


@pytest.fixture(scope="session")
def screenshots(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder for screenshots: a temporary one unless `--screenshots-dir` names one, so a test run never
    rewrites the README's tracked pictures (see README, Development)."""
    chosen: Path | None = request.config.getoption("--screenshots-dir")
    if chosen is None:
        return tmp_path_factory.mktemp("screenshots")
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's Chromium driven by Playwright (no browser download: .ci/run installs the package)."""
    async with async_playwright() as pw:
        launched = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()
