"""Safety page latency: seconds from a harm/legal review appearing in the WB sandbox to its 🚨 card in the seller's
Telegram chat, through `agentiq demo` (a real process: sync poll, arrival, reading, card).

Run: `.venv/bin/python bench/safety_page.py [--items 5]`. The demo polls reviews every 5 s; injections are spread
over the poll phase, so the figures span the whole poll wait plus the processing. Production polls reviews every
`AGENTIQ_SYNC__REVIEW_INTERVAL_S` (30 s) and chats every 20 s: add the difference for the worst case there.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cli.demo import DEMO_USER_ID, SAFETY_EXAMPLE  # noqa: E402


async def _paged(http: httpx.AsyncClient, tg_url: str, text: str) -> None:
    """Wait until the 🚨 card with `text` is in the demo seller's chat."""
    while True:
        messages = (await http.get(f"{tg_url}/_sandbox/chats/{DEMO_USER_ID}/messages")).json()
        if any(text in (m["text"] or "") and (m["text"] or "").startswith("🚨") for m in messages):
            return
        await asyncio.sleep(0.1)


def _written(ready: Path) -> list[str] | None:
    """The demo's URLs and seller when its ready file is complete, else None."""
    text = ready.read_text() if ready.exists() else ""
    return text.split() if text.count("\n") >= 4 else None


async def _ready(ready: Path) -> list[str]:
    """Wait for the demo's ready file (a file: nothing to subscribe to)."""
    while True:
        if (found := _written(ready)) is not None:
            return found
        await asyncio.sleep(0.3)


async def run(items: int) -> list[float]:
    """Start the demo, inject `items` burns one after another and time each page."""
    with tempfile.TemporaryDirectory(prefix="agentiq-bench-") as folder:
        ready = Path(folder) / "ready"
        env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
        args = ["demo", "--port-base", "0", "--inject-every", "3600", "--data-dir", f"{folder}/data"]
        proc = subprocess.Popen(  # noqa: ASYNC220
            [sys.executable, "-m", "cli", *args, "--ready-file", str(ready)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            tg_url, wb_url, _admin, seller = await asyncio.wait_for(_ready(ready), 120)
            took = []
            async with httpx.AsyncClient(timeout=10) as http:
                for n in range(items):
                    text = f"{SAFETY_EXAMPLE} ({n})"
                    start = time.monotonic()
                    await http.post(f"{wb_url}/_sandbox/sellers/{seller}/reviews", json={"text": text, "rating": 5})
                    await asyncio.wait_for(_paged(http, tg_url, text), 120)
                    took.append(time.monotonic() - start)
                    await asyncio.sleep(1.3 * n)  # the next one lands elsewhere in the poll phase
            return took
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5)
    took = asyncio.run(run(parser.parse_args().items))
    print("seconds:", ", ".join(f"{t:.1f}" for t in took))
    print(f"median {statistics.median(took):.1f} s, max {max(took):.1f} s (demo poll 5 s)")


if __name__ == "__main__":
    main()
