"""The WB seller API sandbox: `create_app(seed, **options)` serves WB's communications paths and `/_sandbox/*`.

State lives in memory and is generated deterministically from `seed` (same seed → same store); options are the
fields of `SandboxConfig` (e.g. `limits=False`, `moderation_rate=0`, `sellers=3`). The control API is documented
in `sandbox.wb.control`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response

from sandbox.persist import kept_in, load_state
from sandbox.wb import chat_api, control, feedbacks_api, pins_api, returns_api
from sandbox.wb.config import SandboxConfig
from sandbox.wb.drift import DriftMiddleware
from sandbox.wb.faults import FaultMiddleware
from sandbox.wb.gateway import Gateway, Refused
from sandbox.wb.store import Store


def create_app(seed: int = 1, *, state_file: Path | None = None, **options: Any) -> FastAPI:
    """A fresh sandbox app; `app.state.store` and `app.state.gateway` give in-process access (tests, bench).

    With `state_file` the store (sellers, tokens, items, answers, chat feeds and the generators' positions, so new
    buyer items never reuse an earlier id) is kept in that file and restored from it at start; `options` still
    apply to the restored store.
    """
    config = SandboxConfig()
    config.update(options)
    store = load_state(state_file)
    restored = isinstance(store, Store)
    if isinstance(store, Store):
        store.config = config
        for seller in store.sellers.values():
            seller.config = config
    else:
        store = Store(seed, config)
    gateway = Gateway(store, seed)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with kept_in(state_file, lambda: store):
            yield

    app = FastAPI(
        title="WB seller API sandbox",
        docs_url="/_sandbox/docs",
        openapi_url="/_sandbox/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.restored = restored
    app.state.gateway = gateway

    @app.exception_handler(Refused)
    async def refused(_: Request, exc: Refused) -> Response:
        return exc.response

    app.include_router(feedbacks_api.routes(gateway))
    app.include_router(chat_api.routes(gateway))
    app.include_router(returns_api.routes(gateway))
    app.include_router(pins_api.routes(gateway))
    app.include_router(control.routes(store, gateway))
    app.add_middleware(FaultMiddleware, config=config)
    app.add_middleware(DriftMiddleware, rules=store.drift)
    return app
