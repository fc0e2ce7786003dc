"""The outbox under scripted WB faults (issue 13, defects 1-3): an answer whose POST may have reached WB is never
posted again without a read-back proving it absent; a 2xx that does not parse is an unknown outcome; waiting for a
paused or rate-limited seller is not an attempt."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.models import Channel, Interaction, Reply, ReplyStatus, Seller, SellerStatus
from core.settings import Settings
from sync import outbox
from sync.context import SyncContext
from sync.engine import sync_channel
from sync.wb import WBAuth
from sync.wb.errors import WBOutcomeUnknown
from tests.sync.wbenv import WB, approve, connect, sync_context, sync_settings, wb_sandbox

TEXT = "Спасибо, что написали! Размер M подойдёт на рост 170."
INJECT = {Channel.REVIEW: "reviews", Channel.QUESTION: "questions", Channel.CHAT: "chat-messages"}


@dataclass
class Rig:
    wb: WB
    ctx: SyncContext
    seller: Seller
    num: int
    token: str

    async def item(self, channel: Channel) -> Interaction:
        made = await self.wb.control("POST", f"/sellers/{self.num}/{INJECT[channel]}", text="Есть размер M?")
        await sync_channel(self.ctx, self.seller.id, channel)
        external = made["chatID"] if channel == Channel.CHAT else made["id"]
        return await Interaction.get(seller_id=self.seller.id, channel=channel, external_id=external)

    async def script(self, **queues: list[Any]) -> None:
        await self.wb.control("PUT", f"/sellers/{self.num}/script", **queues)

    async def wb_calls(self, item: Interaction) -> int:
        """How many answer calls WB received for the item (a chat: messages it holds from us)."""
        return (await self.wb.answer_calls(self.num)).get(item.external_id, 0)


def fast(settings: Settings, url: str) -> Settings:
    """Short client timeout (the sandbox holds a "timeout" for 0.6 s) and no transport retries."""
    s = sync_settings(settings, url)
    return s.model_copy(update={"wb": s.wb.model_copy(update={"timeout": 0.3, "max_retries": 0})})


@asynccontextmanager
async def rig(settings: Settings) -> AsyncIterator[Rig]:
    async with wb_sandbox(moderation_rate=0.0, fault_hold_s=0.6, storm_retry_after=0.01) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = fast(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _):
            yield Rig(wb, ctx, seller, made["seller_id"], made["token"])


async def drive(ctx: SyncContext, reply_id: int, rounds: int = 8) -> Reply:
    """Run the send task as the sweeper would, ageing the reply between runs so every retry or check is due."""
    for _ in range(rounds):
        await outbox.send_reply(ctx, reply_id)
        reply = await Reply.get(id=reply_id)
        if reply.status in (ReplyStatus.SENT, ReplyStatus.FAILED):
            return reply
        await Reply.filter(id=reply_id).update(
            sending_at=datetime.now(UTC) - timedelta(hours=2), created_at=datetime.now(UTC) - timedelta(hours=2)
        )
    return await Reply.get(id=reply_id)


# The text channels (a return's decision has its own read-back test: tests/sync/test_returns.py).
@pytest.mark.parametrize("channel", list(INJECT))
@pytest.mark.parametrize(
    ("send", "read"),
    [
        (["timeout_after"], ["5xx_before"]),
        (["timeout_after"], ["429"]),
        (["5xx_after"], ["timeout_before"]),
        (["reset_after"], ["reset_before"]),
        (["non_json"], []),
    ],
    ids=["timeout-then-503", "timeout-then-429", "5xx-then-timeout", "reset-then-reset", "200-non-json"],
)
async def test_unknown_outcome_is_read_back_until_proven_never_posted_twice(
    db, settings, redis_client, channel: Channel, send: list[str], read: list[str]
) -> None:
    async with rig(settings) as r:
        item = await r.item(channel)
        reply = await approve(r.ctx, item.id, TEXT)
        await r.script(send=send, read=read)
        reply = await drive(r.ctx, reply.id)
        assert reply.status == ReplyStatus.SENT, reply.last_error
        assert await r.wb_calls(item) == 1


async def test_a_200_that_does_not_parse_on_a_send_is_an_unknown_outcome(db, settings, redis_client) -> None:
    async with rig(settings) as r:
        item = await r.item(Channel.REVIEW)
        await r.script(send=["non_json"])
        with pytest.raises(WBOutcomeUnknown):
            await r.ctx.wb.answer_feedback(WBAuth(r.token, str(r.seller.id)), item.external_id, TEXT)


async def test_waiting_for_a_paused_seller_is_not_an_attempt(db, settings, redis_client) -> None:
    async with rig(settings) as r:
        item = await r.item(Channel.QUESTION)
        await Seller.filter(id=r.seller.id).update(status=SellerStatus.PAUSED)
        reply = await approve(r.ctx, item.id, TEXT)
        reply = await drive(r.ctx, reply.id, rounds=8)
        assert reply.status == ReplyStatus.QUEUED and reply.attempts == 0
        await Seller.filter(id=r.seller.id).update(status=SellerStatus.ACTIVE)
        reply = await drive(r.ctx, reply.id)
        assert reply.status == ReplyStatus.SENT and reply.attempts == 1
        assert await r.wb_calls(item) == 1


async def test_waiting_for_a_rate_limited_seller_is_not_an_attempt(db, settings, redis_client) -> None:
    async with rig(settings) as r:
        item = await r.item(Channel.CHAT)
        reply = await approve(r.ctx, item.id, TEXT)
        await r.script(send=["429"] * 8)
        reply = await drive(r.ctx, reply.id, rounds=12)
        assert reply.status == ReplyStatus.SENT, reply.last_error
        assert await r.wb_calls(item) == 1
