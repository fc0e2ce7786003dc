"""A process whose event loop hangs ends itself (status 70, one JSON line saying so), so its supervisor restarts
it; a loop that keeps running, however long it waits on I/O, is left alone."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from core.watchdog import EXIT_STALLED
from tests.processes import ROOT

SCRIPT = """
import asyncio, sys, time
from core.logs import setup_logging
from core.watchdog import watching

setup_logging(fmt="json", level="INFO")

async def main(block: bool) -> None:
    async with watching("worker", 1.0):
        await asyncio.sleep(0.5)
        if block:
            time.sleep(30)  # a blocking call on the loop: nothing else runs
        else:
            await asyncio.sleep(3)  # waiting on I/O: the loop runs
    print("finished", flush=True)

asyncio.run(main(sys.argv[1] == "block"))
"""


def _run(mode: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True, text=True, timeout=60)
    return done, time.monotonic() - started


def test_a_hung_loop_ends_the_process() -> None:
    done, took = _run("block")
    assert done.returncode == EXIT_STALLED == 70, done.stderr
    assert took < 15  # ended by the watchdog, not by the 30 s block
    (line,) = [json.loads(line) for line in done.stderr.splitlines() if "watchdog" in line]
    assert line["event"] == "watchdog.loop_stalled" and line["kind"] == "worker" and line["level"] == "critical"
    assert "finished" not in done.stdout


def test_a_waiting_loop_is_left_alone() -> None:
    done, _ = _run("wait")
    assert done.returncode == 0 and "finished" in done.stdout, done.stderr
