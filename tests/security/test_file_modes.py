"""The embedded database and the data dir's files are private: the SQLite file (token ciphertext, buyer texts) and
the generated secrets are 0600 and a data dir made by us is 0700, whatever the umask; an existing world-readable
database file is made private when opened."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from admin.security import session_secret
from core import db
from core.secrets import secret_box
from core.settings import load_settings


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_embedded_files_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    settings = load_settings(data_dir=data_dir, database_url="", redis_url=None, encryption_keys=None)
    old = os.umask(0o022)  # the usual default: files 0644
    try:
        await db.upgrade(settings)
        secret_box(settings)
        session_secret(settings)
    finally:
        os.umask(old)
    assert _mode(data_dir) == 0o700
    files = sorted(p for p in data_dir.iterdir() if p.is_file())
    assert {p.name for p in files} >= {"agentiq.sqlite3", "secret.key", "session.key"}
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


async def test_an_existing_readable_database_is_made_private(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, database_url="", redis_url=None)
    await db.upgrade(settings)
    database = tmp_path / "agentiq.sqlite3"
    database.chmod(0o644)
    await db.upgrade(settings)  # every opening (this one, `open_database`) makes it private again
    assert _mode(database) == 0o600
