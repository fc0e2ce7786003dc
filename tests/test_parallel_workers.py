"""Parallel test workers (`pytest -n 2`, as `.ci/run` runs the suite) share nothing: each flushes only its own Redis
logical database and migrates and truncates only its own test database."""

from __future__ import annotations

from tests.conftest import BACKEND, BASE_REDIS_URL, WORKER, worker_redis_url


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
    assert redis_url == worker_redis_url(BASE_REDIS_URL, WORKER)
    if BACKEND == "postgres" and WORKER:
        assert database_url.endswith(f"_{WORKER}")


async def test_emptying_after_a_test_leaves_the_tables_as_new(db: None) -> None:
    """The `db` fixture truncates only the tables a test touched: those with rows and those whose ids moved."""
    from core.models import Interaction, Seller
    from tests.conftest import _truncate
    from tests.factories import make_interaction, new_seller

    await make_interaction(await new_seller())
    await Interaction.all().delete()
    await Seller.all().delete()  # no row left, but the ids moved on
    await _truncate()
    assert (await new_seller()).id == 1
    assert (await make_interaction(await new_seller())).id == 1
    await _truncate()
    assert (await Seller.all().count(), await Interaction.all().count()) == (0, 0)
