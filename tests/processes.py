"""Starting `agentiq` commands as real processes in tests: the environment an operator would give them, a log file
per process, a poll until they answer, and a stop by signal that fails the test when the process ignores it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from tests.conftest import ENCRYPTION_KEY

ROOT = Path(__file__).resolve().parents[1]


def agentiq_env(database_url: str, data_dir: Path, **settings: str) -> dict[str, str]:
    """This test process's environment without any AGENTIQ_* variable, plus the database, a data dir, the test
    encryption key and `settings` (keys are the variable names without the `AGENTIQ_` prefix)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    env |= {
        "AGENTIQ_DATABASE_URL": database_url,
        "AGENTIQ_DATA_DIR": str(data_dir),
        "AGENTIQ_ENCRYPTION_KEYS": ENCRYPTION_KEY,
    }
    return env | {f"AGENTIQ_{name}": value for name, value in settings.items()}


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`agentiq <args>` as its own process (`python -m cli`, the console script's code), output into `log`."""
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def tail(log: Path, chars: int = 3000) -> str:
    """The end of a process's log, for assertion messages."""
    return f"--- {log.name}\n{log.read_text(errors='replace')[-chars:]}" if log.exists() else f"--- {log.name}: none"


async def wait_until(
    probe: Callable[[], Awaitable[bool]], proc: subprocess.Popen[bytes], log: Path, within: float = 60
) -> None:
    """Poll `probe` (outside state: there is nothing to subscribe to) while the process lives; fail with its log."""
    try:
        async with asyncio.timeout(within):
            while not await probe():
                assert proc.poll() is None, f"the process exited with {proc.returncode}\n{tail(log)}"
                await asyncio.sleep(0.2)
    except TimeoutError:
        raise AssertionError(f"timed out\n{tail(log)}") from None


def answers_200(http: httpx.AsyncClient, path: str) -> Callable[[], Awaitable[bool]]:
    """A probe for `wait_until`: `path` answers 200 (a refused connection means not yet)."""

    async def probe() -> bool:
        try:
            return (await http.get(path)).status_code == 200
        except httpx.TransportError:
            return False

    return probe


def stop(proc: subprocess.Popen[bytes], log: Path, sig: signal.Signals = signal.SIGTERM, timeout: float = 30) -> int:
    """Signal the process and wait for it; a process that ignores the signal is killed and fails the test."""
    if proc.poll() is None:
        proc.send_signal(sig)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"the process ignored {sig.name}\n{tail(log)}") from None
