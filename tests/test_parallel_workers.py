"""Parallel test workers (`pytest -n 2`, as `.ci/run` runs the suite) share nothing: each flushes only its own Redis
logical database and migrates and truncates only its own test database."""

from __future__ import annotations

import os

from tests.conftest import BACKEND, WORKER, worker_redis_url


def test_each_worker_adds_its_index_to_the_redis_database() -> None:
    base = "redis://127.0.0.1:6379/7"
    assert [worker_redis_url(base, w) for w in ("", "gw0", "gw1", "gw2")] == [
        "redis://127.0.0.1:6379/7",
        "redis://127.0.0.1:6379/7",
        "redis://127.0.0.1:6379/8",
        "redis://127.0.0.1:6379/9",
    ]
    # A URL without a database number means Redis's default, 0.
    assert worker_redis_url("redis://127.0.0.1:6379", "gw1") == "redis://127.0.0.1:6379/1"
    assert worker_redis_url("redis://127.0.0.1:6379/", "gw1") == "redis://127.0.0.1:6379/1"


def test_this_worker_uses_its_own_redis_database_and_test_database(redis_url: str, database_url: str) -> None:
    assert redis_url == worker_redis_url(os.environ.get("AGENTIQ_TEST_REDIS", "redis://127.0.0.1:6379/15"), WORKER)
    if BACKEND == "postgres" and WORKER:
        assert database_url.endswith(f"_{WORKER}")
