"""Issue 15: a chat reply's card reaches Delivered whichever comes first — the chat sync reading our message from
WB's event feed, or the outbox recording the send. Our own message is never taken for an answer given elsewhere."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from core.models import (
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    WbSyncState,
)
from core.settings import Settings
from sync import outbox
from sync.context import SyncContext
from sync.engine import sync_channel
from tests.sync.wbenv import approve, connect, sync_context, sync_settings, wb_sandbox

TEXT = "Здравствуйте!   Размер M подойдёт\nна рост 170."


@asynccontextmanager
async def open_chat(settings: Settings) -> AsyncIterator[tuple[SyncContext, Interaction]]:
    """A connected seller with one buyer chat waiting for a response, synced."""
    async with wb_sandbox(moderation_rate=0.0) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _):
            chat = await wb.control("POST", f"/sellers/{made['seller_id']}/chat-messages", text="Есть размер M?")
            await sync_channel(ctx, seller.id, Channel.CHAT)
            yield ctx, await Interaction.get(seller_id=seller.id, channel=Channel.CHAT, external_id=chat["chatID"])


async def test_chat_events_read_while_our_reply_is_in_flight_still_confirm(db, settings, redis_client) -> None:
    async with open_chat(settings) as (ctx, item):
        assert item.needs_response
        draft = await Draft.create(interaction_id=item.id, text=TEXT, origin=DraftOrigin.SELLER)
        reply = await approve(ctx, item.id, TEXT, draft_id=draft.id)

        async def sync_while_in_flight(step: str) -> None:
            # WB holds our message; the outbox has not recorded the send yet: the chat sync reads it now.
            if step == "posted":
                await sync_channel(ctx, item.seller_id, Channel.CHAT)
                mid = await Interaction.get(id=item.id)
                assert mid.status != InteractionStatus.CLOSED  # not "answered elsewhere"
                assert mid.wb_sync_state == WbSyncState.CONFIRMED

        assert await outbox.send_reply(ctx, reply.id, checkpoint=sync_while_in_flight) == ReplyStatus.SENT
        item = await Interaction.get(id=item.id)
        assert item.wb_sync_state == WbSyncState.CONFIRMED  # the outbox did not downgrade it to pending
        assert item.status == InteractionStatus.ANSWERED and not item.needs_response
        assert " ".join(item.answer.split()) == " ".join(TEXT.split())
        assert not await Draft.filter(id=draft.id, void=True).exists()
        # Later syncs change nothing: the card stays Delivered.
        await sync_channel(ctx, item.seller_id, Channel.CHAT)
        assert (await Interaction.get(id=item.id)).wb_sync_state == WbSyncState.CONFIRMED
        assert (await Reply.get(id=reply.id)).status == ReplyStatus.SENT


async def test_outbox_recording_first_then_chat_events_confirm(db, settings, redis_client) -> None:
    async with open_chat(settings) as (ctx, item):
        reply = await approve(ctx, item.id, TEXT)
        assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.SENT
        assert (await Interaction.get(id=item.id)).wb_sync_state == WbSyncState.PENDING
        await sync_channel(ctx, item.seller_id, Channel.CHAT)
        item = await Interaction.get(id=item.id)
        assert item.wb_sync_state == WbSyncState.CONFIRMED and item.status == InteractionStatus.ANSWERED
