"""The WB seller API sandbox: `create_app(seed, **options)` serves WB's communications paths and `/_sandbox/*`.

State lives in memory and is generated deterministically from `seed` (same seed → same store); options are the
fields of `SandboxConfig` (e.g. `limits=False`, `moderation_rate=0`, `sellers=3`). The control API is documented
in `sandbox.wb.control`.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response

from sandbox.wb import chat_api, control, feedbacks_api
from sandbox.wb.config import SandboxConfig
from sandbox.wb.gateway import Gateway, Refused
from sandbox.wb.store import Store


def create_app(seed: int = 1, **options: Any) -> FastAPI:
    """A fresh sandbox app; `app.state.store` and `app.state.gateway` give in-process access (tests, bench)."""
    config = SandboxConfig()
    config.update(options)
    store = Store(seed, config)
    gateway = Gateway(store, seed)
    app = FastAPI(title="WB seller API sandbox", docs_url="/_sandbox/docs", openapi_url="/_sandbox/openapi.json")
    app.state.store = store
    app.state.gateway = gateway

    @app.exception_handler(Refused)
    async def refused(_: Request, exc: Refused) -> Response:
        return exc.response

    app.include_router(feedbacks_api.routes(gateway))
    app.include_router(chat_api.routes(gateway))
    app.include_router(control.routes(store, gateway))
    return app
