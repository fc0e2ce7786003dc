"""Test support for the sync tests: a WB sandbox over HTTP, a seller connected to it, a sync context whose
in-process broker records every kick (the bot's tasks are not part of these tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from taskiq import InMemoryBroker

from cli.serving import serve_app
from core.models import Channel, Reply, ReplyVia, Seller
from core.sending import submit_reply
from core.settings import Settings
from core.tasks import TaskName
from core.tokens import TokenCheck, set_token
from sandbox.wb.server import create_app
from sync.broker import send_queue
from sync.context import SyncContext, open_context
from sync.tasks import link_task
from tests import brokers
from tests.brokers import Recorder
from tests.factories import new_seller


def recording_broker() -> tuple[InMemoryBroker, Recorder]:
    """An in-process broker that records every kick; "sync.link" also links (the sync tests check its result)."""
    return brokers.recording_broker(run={TaskName.LINK: link_task})


@dataclass
class WB:
    """The sandbox: its URL and a control client."""

    url: str
    http: httpx.AsyncClient
    app: Any

    async def control(self, method: str, path: str, **json: Any) -> Any:
        r = await self.http.request(method, f"{self.url}/_sandbox{path}", json=json or None)
        r.raise_for_status()
        return r.json()

    async def new_seller(self, **spec: Any) -> dict[str, Any]:
        return await self.control("POST", "/sellers", **spec)

    async def answer_calls(self, seller_num: int) -> dict[str, int]:
        data = await self.control("GET", f"/answers?seller_id={seller_num}")
        return {a["item_id"]: a["answer_calls"] for a in data["answers"]}


@asynccontextmanager
async def wb_sandbox(**options: Any) -> AsyncIterator[WB]:
    """A WB sandbox with no pre-made sellers."""
    app = create_app(seed=7, sellers=0, **options)
    async with serve_app(app) as url, httpx.AsyncClient(timeout=30) as http:
        yield WB(url, http, app)


def listed(wb: WB, num: int, kind: str = "reviews") -> set[str]:
    """What a backfill imports of a sandbox seller: every item (reviews from WB's archive too, as history)."""
    return {r.id for r in getattr(wb.app.state.store.sellers[num], kind)}


def sync_settings(settings: Settings, wb_url: str, **sync: Any) -> Settings:
    """`settings` pointed at the sandbox, with the given sync options."""
    return settings.model_copy(
        update={
            "wb": settings.wb.model_copy(
                update={"feedbacks_base_url": wb_url, "chat_base_url": wb_url, "returns_base_url": wb_url, "timeout": 5}
            ),
            "sync": settings.sync.model_copy(update=sync),
        }
    )


async def connect(settings: Settings, token: str, name: str = "Shop") -> Seller:
    """A seller in our database holding `token`, active, connected before the cabinet's history began: the first
    sync announces every item (these tests count announcements; the onboarding backlog has its own tests)."""
    seller = await new_seller(name)
    await Seller.filter(id=seller.id).update(created_at=datetime.now(UTC) - timedelta(days=365))
    await set_token(seller_id=seller.id, token=token, check=TokenCheck(frozenset(Channel), None), settings=settings)
    return await Seller.get(id=seller.id)


@asynccontextmanager
async def sync_context(settings: Settings, **kw: Any) -> AsyncIterator[tuple[SyncContext, Recorder]]:
    """A SyncContext on a recording broker."""
    broker, rec = recording_broker()
    await broker.startup()
    ctx = await open_context(settings, broker, **kw)
    try:
        yield ctx, rec
    finally:
        await ctx.aclose()
        await broker.shutdown()


async def approve(
    ctx: SyncContext, interaction_id: int, text: str, *, via: ReplyVia = ReplyVia.TELEGRAM, draft_id: int | None = None
) -> Reply:
    """A person approves `text`: core's send path with the context's settings, the send kicked on its broker."""
    return await submit_reply(
        interaction_id=interaction_id,
        text=text,
        draft_id=draft_id,
        via=via,
        settings=ctx.settings,
        enqueue=send_queue(ctx.broker),
    )
