"""Secret files under a race, and secrets too weak to use: processes starting together on a fresh data dir all read
the same full secret (never an empty file), and a process refuses to start with an empty or short session secret or
a bad encryption key list, naming what is wrong."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from admin.app import create_app
from core.secrets import SecretError, stored_secret
from core.settings import SettingsError, load_settings
from tests.processes import ROOT, agentiq_env

PROCESSES = 8
NAMES = 150  # fresh secret files each process races for: PROCESSES x NAMES synchronised first reads

RACER = """
import sys, time
from pathlib import Path
from core.secrets import stored_secret
data_dir, start, names = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
while time.time() < start:
    pass
for n in range(names):
    try:
        print(n, repr(stored_secret(data_dir, f"race-{n}.key")))
    except Exception as exc:
        print(n, "error", type(exc).__name__, exc)
"""


def test_racing_processes_read_the_same_full_secret(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"  # does not exist yet: the processes create it too
    start = time.time() + 3.0  # every process imported and spinning by then
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(data_dir), str(start), str(NAMES)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    seen: dict[str, set[str]] = {}
    for output in outputs:
        for line in output.splitlines():
            n, value = line.split(" ", 1)
            seen.setdefault(n, set()).add(value)
    assert len(seen) == NAMES, outputs[0][-2000:]
    bad = {n: values for n, values in seen.items() if len(values) != 1 or len(next(iter(values))) < 32}
    assert not bad, f"{len(bad)} of {NAMES} secrets read differently or empty: {list(bad.items())[:3]}"
    # Nothing is left behind but the secrets themselves.
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(f"race-{n}.key" for n in range(NAMES))


@pytest.mark.parametrize("content", ["", "\n", "short"])
def test_an_empty_or_short_stored_secret_is_refused(tmp_path: Path, content: str) -> None:
    (tmp_path / "session.key").write_text(content)
    with pytest.raises(SecretError, match=r"session\.key"):
        stored_secret(tmp_path, "session.key")
    # The admin does not start with it.
    with pytest.raises(SecretError):
        create_app(load_settings(data_dir=tmp_path, redis_url=None), broker=object())


@pytest.mark.parametrize("value", ["", "x", "s" * 31])
def test_a_short_session_secret_setting_is_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="AGENTIQ_ADMIN__SESSION_SECRET"):
        load_settings(admin={"session_secret": value})


@pytest.mark.parametrize("value", ["", "not-a-key", "a,,b", "c2hvcnQ="])
def test_a_bad_encryption_key_list_is_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="AGENTIQ_ENCRYPTION_KEYS"):
        load_settings(encryption_keys=value)


@pytest.mark.parametrize("command", [["bot"], ["worker"], ["scheduler"], ["admin", "serve"], ["health", "worker"]])
def test_every_process_stops_on_a_bad_key_list(tmp_path: Path, command: list[str]) -> None:
    env = agentiq_env("sqlite://" + str(tmp_path / "db.sqlite3"), tmp_path) | {"AGENTIQ_ENCRYPTION_KEYS": "bad-key"}
    result = subprocess.run(
        [sys.executable, "-m", "cli", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=20
    )
    assert result.returncode != 0
    assert "AGENTIQ_ENCRYPTION_KEYS" in result.stderr + result.stdout
