"""Embedded servers (sandboxes, the demo's admin) stop promptly and cleanly while a client holds a long poll open."""

from __future__ import annotations

import asyncio

import httpx

from cli.serving import GRACEFUL_SHUTDOWN_S, serve_app
from sandbox.telegram.server import create_app


async def test_stopping_does_not_wait_for_an_open_long_poll() -> None:
    loop = asyncio.get_running_loop()
    async with httpx.AsyncClient(timeout=70) as http:
        async with serve_app(create_app()) as url:
            token = "7000000009:sandbox-secret"
            await http.post(f"{url}/_sandbox/bots", json={"token": token})
            await http.post(f"{url}/_sandbox/users", json={"id": 1001, "first_name": "Ann"})
            # What the chat page does: wait up to 55 s for a change that never comes.
            poll = asyncio.create_task(
                http.get(f"{url}/_sandbox/chats/1001/messages", params={"after_version": 10**6, "wait": 55})
            )
            await asyncio.sleep(0.5)
            assert not poll.done()
            stopping = loop.time()
        # Leaving the block stopped the server: the open long poll was answered (nothing changed, so no messages)
        # instead of holding the shutdown for 55 s or being cut off.
        stopped_in = loop.time() - stopping
        assert stopped_in < GRACEFUL_SHUTDOWN_S, stopped_in
        answer = await poll
        assert answer.status_code == 200 and answer.json() == []
