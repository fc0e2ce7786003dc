"""Keeping a sandbox's state in a file, so a restarted sandbox (the demo's) continues where it stopped.

The state is the sandbox's own object graph, pickled: it is local, written and read only by this machine's sandbox
in a folder of the user's (like the SQLite database beside it), so no untrusted data is ever unpickled. A snapshot
is written atomically (a temporary file, then a rename) every few seconds while the sandbox serves and once more
when it stops, so a crash loses at most the last few seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import structlog

log = structlog.get_logger(__name__)
SAVE_EVERY_S = 2.0


def load_state(path: Path | None) -> Any | None:
    """The state saved at `path`, or None when there is none (or it cannot be read: the sandbox starts fresh)."""
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        log.warning("sandbox.state_unreadable", path=str(path), error=type(exc).__name__)
        return None


def save_state(state: Any, path: Path) -> None:
    """Write `state` to `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as file:
        pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


@contextlib.asynccontextmanager
async def kept_in(path: Path | None, state: Callable[[], Any], every_s: float = SAVE_EVERY_S) -> AsyncIterator[None]:
    """Save `state()` to `path` every `every_s` seconds while the block runs and once at its end (no-op without
    a path). Meant for an app's lifespan."""
    if path is None:
        yield
        return

    async def keep() -> None:
        while True:
            await asyncio.sleep(every_s)
            save_state(state(), path)

    saver = asyncio.create_task(keep())
    try:
        yield
    finally:
        saver.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await saver
        save_state(state(), path)
