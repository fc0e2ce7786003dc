"""No WB data can stall a seller (issue 13, defects 4-7): a bad item or event is skipped, counted and logged on its
own; nulls are empty strings; over-long values never fail a page; WB system messages neither answer nor close a
chat; a late-indexed item is read as soon as the unanswered count says something moved."""

from __future__ import annotations

import asyncio
from typing import Any

from core.models import (
    Channel,
    ChatMessage,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    Seller,
    SyncCursor,
    SyncRunStatus,
)
from core.settings import Settings
from sync.engine import sync_channel
from tests.sync.wbenv import WB, connect, sync_context, sync_settings, wb_sandbox


async def raw_get(wb: WB, token: str, path: str, **params: Any) -> dict[str, Any]:
    response = await wb.http.get(f"{wb.url}{path}", params=params, headers={"Authorization": token})
    response.raise_for_status()
    return response.json()


async def sync_served(wb: WB, settings: Settings, num: int, token: str, channel: Channel, body: dict) -> Seller:
    """Connect the cabinet, serve `body` to its next read, run one sync: it succeeds and skips exactly one item."""
    await wb.control("PUT", f"/sellers/{num}/script", read=[{"body": body}])
    s = sync_settings(settings, wb.url)
    seller = await connect(s, token)
    async with sync_context(s) as (ctx, _):
        run = await sync_channel(ctx, seller.id, channel)
    assert run.status == SyncRunStatus.OK, run.error
    assert run.skipped_malformed == 1
    return seller


async def test_an_out_of_range_event_is_skipped_and_the_packet_and_cursor_move_on(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num, token = made["seller_id"], made["token"]
        first = await wb.control("POST", f"/sellers/{num}/chat-messages", text="Где мой заказ?")
        await wb.control(
            "POST", f"/sellers/{num}/chat-messages", chat_id=first["chatID"], text="Подскажите, пожалуйста"
        )
        packet = await raw_get(wb, token, "/api/v1/seller/events")
        events = packet["result"]["events"]
        events.insert(1, {**events[1], "eventID": "bad-timestamp", "addTimestamp": 10**17})
        packet["result"]["totalEvents"] = len(events)
        seller = await sync_served(wb, settings, num, token, Channel.CHAT, packet)
        assert await ChatMessage.filter(seller_id=seller.id).count() == 2
        cursor = await SyncCursor.get(seller_id=seller.id, channel=Channel.CHAT)
        assert cursor.wb_cursor == str(packet["result"]["next"])


async def test_a_wb_system_message_neither_answers_nor_closes_a_chat(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num, token = made["seller_id"], made["token"]
        first = await wb.control("POST", f"/sellers/{num}/chat-messages", text="Когда привезут?")
        s = sync_settings(settings, wb.url)
        seller = await connect(s, token)
        async with sync_context(s) as (ctx, _):
            await sync_channel(ctx, seller.id, Channel.CHAT)
            chat = await Interaction.get(seller_id=seller.id, channel=Channel.CHAT, external_id=first["chatID"])
            assert chat.needs_response
            draft = await Draft.create(interaction=chat, text="Завтра к обеду", origin=DraftOrigin.TEMPLATE)
            at = first["addTimestamp"] + 1000
            system = {
                "chatID": first["chatID"],
                "eventID": "wb-system-1",
                "eventType": "message",
                "isNewChat": False,
                "message": {"text": "Покупатель оформил заявку на возврат"},
                "source": "global",
                "addTimestamp": at,
                "addTime": "2026-01-01T00:00:00Z",
                "sender": "wb",
            }
            packet = {"result": {"next": at, "totalEvents": 1, "events": [system]}, "errors": None}
            await wb.control("PUT", f"/sellers/{num}/script", read=[{"body": packet}])
            run = await sync_channel(ctx, seller.id, Channel.CHAT)
            assert run.status == SyncRunStatus.OK, run.error
            chat = await Interaction.get(id=chat.id)
            assert chat.needs_response and chat.status == InteractionStatus.NEEDS_RESPONSE and chat.answer is None
            assert not (await Draft.get(id=draft.id)).void
            stored = await ChatMessage.get(seller_id=seller.id, event_id="wb-system-1")
            assert stored.sender == "wb" and stored.direction == "sys"


async def test_nulls_are_empty_and_an_over_long_value_fails_only_its_item(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num, token = made["seller_id"], made["token"]
        for text in ("Маломерит", "Отлично", "Пришёл с браком", "Нормально"):
            await wb.control("POST", f"/sellers/{num}/reviews", text=text, rating=3)
        page = await raw_get(wb, token, "/api/v1/feedbacks", isAnswered="false", take=1000, skip=0)
        items = page["data"]["feedbacks"]
        items[0].update(text=None, pros=None, cons=None, answer={"text": None, "state": "none", "editable": None})
        items[1]["id"] = "x" * 100
        items[2]["parentFeedbackId"] = "p" * 100
        items[3]["answer"] = {"text": "Спасибо", "state": "s" * 300, "editable": False}
        seller = await sync_served(wb, settings, num, token, Channel.REVIEW, page)
        rows = {r.external_id: r for r in await Interaction.filter(seller_id=seller.id)}
        assert set(rows) == {items[0]["id"], items[2]["id"], items[3]["id"]}
        assert rows[items[0]["id"]].text == "" and rows[items[0]["id"]].answer is None
        assert rows[items[2]["id"]].parent_external_id is None
        assert rows[items[3]["id"]].answer_state_raw == "s" * 50


async def test_a_late_indexed_item_is_read_when_the_unanswered_count_moved(db, settings, redis_client) -> None:
    async with wb_sandbox(moderation_rate=0.0, limits=False) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num, token = made["seller_id"], made["token"]
        for text in ("Маломерит", "Отлично", "Нормально"):
            await wb.control("POST", f"/sellers/{num}/reviews", text=text, rating=4)
        s = sync_settings(settings, wb.url, page_size=2, overlap_s=0)
        seller = await connect(s, token)
        async with sync_context(s, limits=False) as (ctx, _):
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert (await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)).backfill_done
            await wb.control("PATCH", "/config", index_lag_s=3.0)
            loop = asyncio.get_running_loop()
            late = await wb.control("POST", f"/sellers/{num}/reviews", text="Пришёл с браком", rating=1)
            late_visible = loop.time() + 3.1
            await wb.control("PATCH", "/config", index_lag_s=0)
            await asyncio.sleep(1.1)  # WB dates in whole seconds: the newer items are dated after the late one
            for text in ("Хорошо", "Супер"):
                await wb.control("POST", f"/sellers/{num}/reviews", text=text, rating=5)
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert not await Interaction.exists(seller_id=seller.id, external_id=late["id"])
            await asyncio.sleep(max(0.0, late_visible - loop.time()))  # now WB lists it, dated below our watermark
            run = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert run.status == SyncRunStatus.OK, run.error
            assert await Interaction.exists(seller_id=seller.id, external_id=late["id"])
