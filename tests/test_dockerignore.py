"""The image's build context: `.dockerignore` keeps history, local environments, data and secrets out of it, and
keeps everything the Dockerfile copies in."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ignored() -> set[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_secrets_history_and_environments_stay_out_of_the_context() -> None:
    assert {".git", ".venv", "data", "agentiq.env", ".env", "*.key", "tests"} <= _ignored()


def test_everything_the_dockerfile_copies_is_in_the_context() -> None:
    copied = set()
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        match = re.match(r"COPY (?!--from)(.+) \S+$", line.strip())
        if match:
            copied |= set(match.group(1).split())
    assert copied >= {"core", "sync", "bot", "requirements.lock", "pyproject.toml"}
    assert not copied & _ignored()
