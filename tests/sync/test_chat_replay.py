"""A chat whose sync run died between storing the buyer's message and announcing it is announced when the packet is
replayed (like reviews' known-but-unannounced rows), not only when the buyer writes again."""

from __future__ import annotations

import contextlib
import dataclasses

from taskiq import InMemoryBroker

from core.models import Card, Channel, ChatMessage, Interaction
from core.tasks import TaskName
from sync.broker import UnknownTask
from sync.engine import sync_channel
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox


async def test_replayed_chat_packet_announces_the_waiting_chat_once(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            await sync_channel(ctx, seller.id, Channel.CHAT)  # the first sync: nothing yet
            await wb.control("POST", f"/sellers/{made['seller_id']}/chat-messages", text="Где мой заказ?")
            # The run that stores the message dies before the announcement: its kick fails (no such task there).
            dying = dataclasses.replace(ctx, broker=InMemoryBroker())
            with contextlib.suppress(UnknownTask):
                await sync_channel(dying, seller.id, Channel.CHAT)
            chat = await Interaction.get(seller_id=seller.id, channel=Channel.CHAT)
            assert await ChatMessage.filter(interaction_id=chat.id).count() == 1
            assert chat.needs_response and chat.notified_at is None
            assert not await Card.filter(interaction_id=chat.id).exists()

            await sync_channel(ctx, seller.id, Channel.CHAT)  # the replay: every message known already
            await sync_channel(ctx, seller.id, Channel.CHAT)
            assert rec.of(TaskName.NOTIFY_INTERACTION).count(chat.id) == 1
            assert (await Interaction.get(id=chat.id)).notified_at is not None
