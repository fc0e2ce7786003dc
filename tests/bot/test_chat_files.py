"""A buyer's chat files reach the seller through the WB and Telegram sandboxes: fetched once per file id through
the chat bucket, a file WB cleared sent with the chat's card, one under WB's moderation listed and sent once WB
clears it (once, even when the refresh is redelivered), one WB refused listed as refused."""

from __future__ import annotations

from bot.notify import refresh_cards
from core.models import Channel, ChatFile, FileState, Interaction
from sync.engine import sync_channel
from tests.bot.conftest import bot_message, connected_cabinet, eventually


async def _documents(tg, chat: int) -> list[dict]:
    return [m for m in await tg.messages(chat) if m["from_bot"] and m["document"]]


async def test_chat_files_with_the_card_then_after_moderation(stack, tg, wb, notifier) -> None:
    seller, chat, num = await connected_cabinet(stack, tg, wb, Channel.CHAT)
    files = [
        {"name": "defect.jpg"},
        {"name": "box.jpg", "moderation_s": 1},
        {"name": "<b>spam</b>.pdf", "refused": True},
    ]
    await wb.control("POST", f"/sellers/{num}/chat-messages", text="Пришёл брак, фото прилагаю", files=files)
    await sync_channel(stack, seller.id, Channel.CHAT)
    card = await eventually(lambda: bot_message(tg, chat, "Пришёл брак"))
    assert "defect.jpg: sent in this chat" in card["text"]
    assert "box.jpg: under WB's moderation" in card["text"]
    assert "<b>spam</b>.pdf: WB's moderation refused it" in card["text"]  # escaped: shown as typed
    (first,) = await _documents(tg, chat)
    assert first["document"]["file_name"] == "defect.jpg" and first["message_id"] < card["message_id"]
    body = await tg.http.get(f"/_sandbox/files/{first['document']['file_id']}")
    assert body.content == b"sandbox file defect.jpg"

    async def cleared() -> list[dict]:
        await sync_channel(stack, seller.id, Channel.CHAT)  # asks WB again once its retrySeconds passed
        docs = await _documents(tg, chat)
        return docs if len(docs) == 2 else []

    later = (await eventually(cleared))[1]
    assert later["document"]["file_name"] == "box.jpg"
    chat_row = await Interaction.get(seller_id=seller.id, channel=Channel.CHAT)
    await refresh_cards(chat_row.id, notifier)  # a redelivered refresh sends nothing again
    assert len(await _documents(tg, chat)) == 2
    rows = {f.name: f for f in await ChatFile.filter(interaction_id=chat_row.id)}
    assert {n: f.state for n, f in rows.items()} == {
        "defect.jpg": FileState.READY,
        "box.jpg": FileState.READY,
        "<b>spam</b>.pdf": FileState.REFUSED,
    }
    assert rows["defect.jpg"].tg_file_id == first["document"]["file_id"]  # Telegram's copy, reused for others
    updated = await eventually(lambda: bot_message(tg, chat, "box.jpg: sent in this chat", card["message_id"]))
    assert updated
