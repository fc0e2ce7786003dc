"""A hostile chat file answer: WB's sandbox serves a body without length or end, and a file declaring 1.5 GB. The
download stops at its cap (the declared length before reading, the counted bytes while reading), so a worker's
memory stays bounded; the file is then kept as too large (listed on the card, not sent)."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from cli.serving import serve_app
from core.models import Channel, ChatFile, FileState, Interaction
from core.settings import WBSettings
from sandbox.wb.server import create_app
from sync import chat_files
from sync.wb import WBAuth, WBClient
from tests.factories import new_seller
from tests.processes import ROOT

MB = 1024 * 1024

# Runs in a process of its own so that the peak of memory allocated while downloading (tracemalloc) is the
# download's alone, not the sandbox's serving it.
DOWNLOADER = """
import asyncio, json, sys, time, tracemalloc
from core.settings import WBSettings
from sync.wb import WBAuth, WBClient

async def main(url, token, download_id, cap):
    client = WBClient(WBSettings(chat_base_url=url, timeout=10, max_retries=0))
    tracemalloc.start()
    started = time.monotonic()
    got = await client.download_chat_file(WBAuth(token, "1"), download_id, max_bytes=cap)
    peak = tracemalloc.get_traced_memory()[1]
    await client.aclose()
    print(json.dumps({"state": got.state, "peak_mb": peak / 2**20, "s": time.monotonic() - started}))

asyncio.run(main(*sys.argv[1:4], int(sys.argv[4])))
"""


@dataclass
class HostileWB:
    url: str
    token: str
    app: Any

    def file(self, **spec: Any) -> str:
        """A buyer's file with these hostile traits (the sandbox's `files` spec); its downloadID."""
        event = self.app.state.store.inject_message(
            self.app.state.store.sellers[1], {"files": [{"name": "x.jpg", **spec}]}
        )
        return event["message"]["attachments"]["files"][0]["downloadID"]


@pytest.fixture
async def hostile_wb() -> AsyncIterator[HostileWB]:
    app = create_app(seed=5, limits=False, moderation_rate=0.0)
    async with serve_app(app) as url:
        yield HostileWB(url, next(iter(app.state.store.tokens)), app)


async def _download_in_a_process(wb: HostileWB, download_id: str, cap: int) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", DOWNLOADER, wb.url, wb.token, download_id, str(cap),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
    except TimeoutError:
        proc.kill()
        raise AssertionError("the download of an endless body never ended") from None
    assert proc.returncode == 0, out.decode()[-3000:]
    return json.loads(out.decode().strip().splitlines()[-1])


@pytest.mark.parametrize("cap_mb", [5, 50])
async def test_an_endless_body_stops_at_the_cap_with_bounded_memory(hostile_wb: HostileWB, cap_mb: int) -> None:
    result = await _download_in_a_process(hostile_wb, hostile_wb.file(endless=True), cap_mb * MB)
    assert result["state"] == "too_large"
    # The body read so far (the cap plus a chunk or two) and nothing more.
    assert result["peak_mb"] < cap_mb + 4, result


async def test_a_declared_huge_length_is_refused_before_reading(hostile_wb: HostileWB) -> None:
    result = await _download_in_a_process(hostile_wb, hostile_wb.file(size=1536 * MB), 50 * MB)
    assert result["state"] == "too_large"
    assert result["peak_mb"] < 5 and result["s"] < 5, result


async def test_a_file_within_the_cap_is_kept_whole(hostile_wb: HostileWB) -> None:
    client = WBClient(WBSettings(chat_base_url=hostile_wb.url, timeout=10))
    try:
        got = await client.download_chat_file(
            WBAuth(hostile_wb.token, "1"), hostile_wb.file(size=3 * MB), max_bytes=3 * MB
        )
    finally:
        await client.aclose()
    assert got.state == "ready" and len(got.content) == 3 * MB


async def test_the_sync_keeps_a_hostile_file_as_too_large(db, hostile_wb: HostileWB) -> None:
    seller = await new_seller()
    chat = await Interaction.create(
        seller=seller, channel=Channel.CHAT, external_id="1:chat", occurred_at=datetime.now(UTC)
    )
    endless = await ChatFile.create(seller=seller, interaction=chat, download_id=hostile_wb.file(endless=True))
    client = WBClient(WBSettings(chat_base_url=hostile_wb.url, timeout=10))
    started = time.monotonic()
    try:
        changed = await chat_files.fetch_due(client, seller.id, WBAuth(hostile_wb.token, "1"), datetime.now(UTC))
    finally:
        await client.aclose()
    assert changed == [chat.id] and time.monotonic() - started < 30
    await endless.refresh_from_db()
    assert endless.state == FileState.REFUSED and endless.content is None
