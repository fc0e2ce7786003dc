"""Serve an ASGI app on a host and port inside the current event loop: the embedded admin of `agentiq run` and
`agentiq admin serve`, the stand-ins of `agentiq demo` / `agentiq sandbox`, tests and benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import uvicorn

# How long a stopping embedded server lets in-flight requests finish.
GRACEFUL_SHUTDOWN_S = 3.0


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_taken(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something already listens on host:port (bound the way uvicorn binds, so a port left in
    TIME_WAIT by an earlier run counts as free)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


class EmbeddedServer(uvicorn.Server):
    """A uvicorn server that runs inside a host process: the host owns SIGINT/SIGTERM and stops it via
    `should_exit` (uvicorn would otherwise capture the signals for itself and re-raise them later)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Release the app's long polls first (`app.state.release_waiters`, where the app has one), so the graceful
        wait for in-flight requests is short and ends with answers, not cancelled requests."""
        release = getattr(getattr(self.config.app, "state", None), "release_waiters", None)
        if callable(release):
            release()
        await super().shutdown(sockets)


def embedded_server(app: Any, *, host: str, port: int, log_level: str = "warning") -> EmbeddedServer:
    """An `EmbeddedServer` for `app` (start it with `await server.serve()`)."""
    return EmbeddedServer(
        # No proxy_headers: an app that needs the client behind a proxy decides whom to believe (admin.throttle).
        uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level=log_level,
            lifespan="on",
            access_log=False,
            proxy_headers=False,
            # A request still running after the long polls are released (see `shutdown`) must not hold Ctrl-C:
            # it gets a few seconds, then uvicorn cancels it.
            # uvicorn types it int; it is a timeout in seconds, passed on to asyncio.wait_for
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,  # type: ignore[arg-type]
        )
    )


@contextlib.asynccontextmanager
async def serve_app(app: Any, *, host: str = "127.0.0.1", port: int | None = None) -> AsyncIterator[str]:
    """Serve `app` until the block ends; yields its base URL (`http://127.0.0.1:<port>`)."""
    port = port or free_port()
    server = embedded_server(app, host=host, port=port)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            try:
                task.result()
            except SystemExit:  # uvicorn exits when it cannot bind; it has logged why
                raise OSError(f"could not serve on {host}:{port}") from None
            raise OSError(f"the server on {host}:{port} stopped while starting")
        await asyncio.sleep(0.01)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await task


def run_app(app: Any, *, host: str, port: int) -> None:
    """Serve `app` in the foreground until Ctrl-C (the `agentiq sandbox …` commands)."""
    uvicorn.run(app, host=host, port=port, log_level="info")
