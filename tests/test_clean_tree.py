"""A clean tree stays clean: nothing generated is tracked, and what the README's commands generate is ignored.

That a whole test run leaves `git status` as it found it is checked by `.ci/run` itself (its last step compares
`git status` before and after); tests write screenshots and other artefacts outside the checkout.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Paths that `pip install -e .`, a wheel build, the demo, the linters and the test runs write into the checkout.
GENERATED = [
    "agentiq.egg-info/PKG-INFO",
    "build/lib/core/db.py",
    "dist/agentiq-0.1.0-py3-none-any.whl",
    "core/__pycache__/db.cpython-311.pyc",
    "tests/__pycache__/conftest.cpython-311-pytest-9.0.0.pyc",
    ".pytest_cache/v/cache/lastfailed",
    ".ruff_cache/CACHEDIR.TAG",
    ".hypothesis/examples/x",
    ".venv/bin/python",
    "data/demo/agentiq.sqlite3",
    "data/secret.key",
]
GENERATED_MARKS = (".egg-info/", "__pycache__/", ".pyc", "/.pytest_cache/", ".sqlite3", ".hypothesis/")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_nothing_generated_is_tracked() -> None:
    tracked = _git("ls-files").splitlines()
    assert tracked, "not a git checkout"
    assert [path for path in tracked if any(mark in f"/{path}" for mark in GENERATED_MARKS)] == []


def test_what_the_commands_generate_is_ignored() -> None:
    ignored = set(_git("check-ignore", "--no-index", *GENERATED).splitlines())
    assert sorted(set(GENERATED) - ignored) == []
