"""Network faults the sandboxes inject: a TCP reset of the caller's connection, the way a crashed load balancer or
a dropped keep-alive connection looks to a client."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct

from starlette.types import Receive


def reset_connection(receive: Receive) -> None:
    """Drop the connection with a TCP RST (SO_LINGER 0)."""
    # uvicorn's receive is a bound method of its request cycle, which holds the connection's transport.
    transport = getattr(getattr(receive, "__self__", None), "transport", None)
    if transport is None:  # pragma: no cover - another server: closing is the best we can do
        raise ConnectionResetError("sandbox fault: reset")
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def wait_disconnect(receive: Receive, within: float = 1.0) -> None:
    """Return once the server saw the reset connection go (else it reports a response never started)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(within):
            while (await receive())["type"] != "http.disconnect":
                pass
