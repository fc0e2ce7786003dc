"""`agentiq demo` is dependable: a taken port is one clear line, the printed ops-channel page renders, and a restart
continues the same story — the sandboxes' store and chats come back from the data folder and new buyer items get
ids AgentIQ has not seen, so they reach the seller as new cards."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from tests.demo_onboarding import onboard
from tests.processes import ROOT, agentiq_env, stop, tail

SELLER_CHAT = 1001


def test_a_taken_port_is_one_line_naming_it_and_port_base(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "cli", "demo", "--port-base", str(port), "--data-dir", str(tmp_path / "d")],
            cwd=ROOT,
            env=agentiq_env("sqlite://:memory:", tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    output = (done.stdout + done.stderr).strip()
    assert done.returncode != 0
    assert len(output.splitlines()) == 1, output
    assert str(port) in output and "--port-base" in output and "Traceback" not in output


def _start(data_dir: Path, ready: Path, log: Path) -> subprocess.Popen[bytes]:
    ready.unlink(missing_ok=True)
    args = ["demo", "--port-base", "0", "--inject-every", "3600", "--data-dir", str(data_dir)]
    args += ["--ready-file", str(ready)]
    env = {k: v for k, v in agentiq_env("", data_dir).items() if not k.startswith("AGENTIQ_")}
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def _ready_lines(ready: Path) -> list[str]:
    return ready.read_text().split() if ready.exists() else []


async def _ready(proc: subprocess.Popen[bytes], ready: Path, log: Path) -> list[str]:
    async with asyncio.timeout(90):
        while len(lines := _ready_lines(ready)) < 4:
            assert proc.poll() is None, tail(log)
            await asyncio.sleep(0.3)
    return lines


async def _card_for(http: httpx.AsyncClient, tg_url: str, text: str, log: Path) -> dict:
    try:
        async with asyncio.timeout(60):
            while True:
                messages = (await http.get(f"{tg_url}/_sandbox/chats/{SELLER_CHAT}/messages")).json()
                found = [m for m in messages if text in (m["text"] or "") and m["buttons"]]
                if found:
                    return found[0]
                await asyncio.sleep(0.3)
    except TimeoutError:
        raise AssertionError(f"no card for {text!r}\n{tail(log)}") from None


async def test_a_restarted_demo_keeps_its_sandboxes_and_new_items_arrive(tmp_path: Path) -> None:
    data_dir, ready = tmp_path / "data", tmp_path / "ready"
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    async with httpx.AsyncClient(timeout=10) as http:
        proc = _start(data_dir, ready, first_log)
        try:
            tg_url, wb_url, _, seller = await _ready(proc, ready, first_log)
            await onboard(http, tg_url)
            ops = re.search(r"Ops alerts channel:\s+(\S+)", first_log.read_text())
            assert ops and (await http.get(ops.group(1))).status_code == 200, tail(first_log)
            await http.post(f"{wb_url}/_sandbox/sellers/{seller}/reviews", json={"text": "Первый запуск, всё ок"})
            before = await _card_for(http, tg_url, "Первый запуск", first_log)
        finally:
            assert stop(proc, first_log, signal.SIGINT) == 0, tail(first_log)
        assert {"wb.pickle", "telegram.pickle", "demo.json"} <= {p.name for p in (data_dir / "sandbox").iterdir()}

        proc = _start(data_dir, ready, second_log)
        try:
            tg_url, wb_url, _, again = await _ready(proc, ready, second_log)
            assert again == seller, "the restarted demo reuses its WB seller"
            messages = (await http.get(f"{tg_url}/_sandbox/chats/{SELLER_CHAT}/messages")).json()
            assert before["message_id"] in {m["message_id"] for m in messages}, "the Telegram chat came back"
            sellers = (await http.get(f"{wb_url}/_sandbox/sellers")).json()
            assert len(sellers) == 1, sellers
            # With the same seed, a fresh store would hand out the first run's ids again and AgentIQ would take
            # the new items for ones it already has.
            for n in range(3):
                await http.post(f"{wb_url}/_sandbox/sellers/{seller}/reviews", json={"text": f"После рестарта {n}"})
            for n in range(3):
                await _card_for(http, tg_url, f"После рестарта {n}", second_log)
        finally:
            assert stop(proc, second_log, signal.SIGINT) == 0, tail(second_log)
    assert "Failed to fetch updates" not in second_log.read_text()
