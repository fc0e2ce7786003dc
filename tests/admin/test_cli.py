"""`agentiq admin create-user` in a subprocess against the test database: a bcrypt hash that logs in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from core.models import AdminRole, AdminUser
from tests.admin.conftest import log_in

AGENTIQ = str(Path(sys.executable).with_name("agentiq"))


def _create_user(database_url: str, tmp_path: Path, *args: str, password: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AGENTIQ_DATABASE_URL": database_url, "AGENTIQ_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [AGENTIQ, "admin", "create-user", *args, "--password-stdin"],
        input=password + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_create_user_stores_a_bcrypt_hash_that_logs_in(
    database_url: str, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    done = _create_user(database_url, tmp_path, "--email", "First@Example.com", password="a long secret phrase")
    assert done.returncode == 0, done.stderr
    user = await AdminUser.get(email="first@example.com")
    assert user.role == AdminRole.ADMIN
    assert user.password_hash.startswith("$2b$12$") and "a long secret phrase" not in user.password_hash
    assert (await log_in(client, email="first@example.com", password="a long secret phrase")).status_code == 303

    again = _create_user(database_url, tmp_path, "--email", "first@example.com", password="another long phrase")
    assert again.returncode == 1 and "already exists" in again.stderr
    short = _create_user(database_url, tmp_path, "--email", "second@example.com", password="short")
    assert short.returncode == 1 and "at least 10" in short.stderr
    assert not await AdminUser.filter(email="second@example.com").exists()
