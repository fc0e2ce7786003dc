"""The README's quick start is true for a newcomer (issue 29): it installs exactly the lock CI tests and stays two
commands; what it says about the demo's data folder and the test run's needs matches the code."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start() -> str:
    return README.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def _commands(section: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", section, flags=re.S)


def test_quick_start_is_two_commands_installing_the_lock() -> None:
    demo, tests = _commands(_quick_start())  # exactly two
    assert tests.strip() == "bash .ci/run"
    steps = [shlex.split(step) for step in demo.strip().split("&&")]
    installs = [step for step in steps if step[1:3] == ["install"] or "pip" in step[0]]
    # The runtime lock with every hash checked, then the project without resolving anything: no other install.
    assert installs == [
        [".venv/bin/pip", "install", "--require-hashes", "-r", "requirements.lock"],
        [".venv/bin/pip", "install", "--no-deps", "-e", "."],
    ]
    assert steps[0] == ["python3", "-m", "venv", ".venv"] and steps[-1] == [".venv/bin/agentiq", "demo"]
    # CI installs the dev lock, whose runtime pins equal requirements.lock's (tests/test_lock.py checks that).
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install -q --require-hashes -r requirements-dev.lock" in ci and "--no-deps -e ." in ci


def test_demo_data_lives_in_the_current_directory() -> None:
    from cli.run import demo

    assert "`data/demo/` under the **current directory**" in _quick_start()
    shown = CliRunner().invoke(demo, ["--help"]).output
    assert re.search(r"--data-dir PATH\s+\[default: data/demo\]", shown), shown


def test_the_test_run_says_it_changes_the_machine() -> None:
    section = " ".join(_quick_start().split())
    assert "needs root" in section and "system-wide" in section and "`trust`" in section
    ci = (ROOT / ".ci" / "run").read_text()
    # What the README warns about is what the script does.
    assert "apt-get install" in ci and "apt_install chromium" in ci and "trust" in ci and "pg_hba.conf" in ci
