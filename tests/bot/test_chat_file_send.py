"""A file attached in Telegram as a reply to a chat card goes into that WB chat once, through both sandboxes:
WB's limits are checked before anything is stored, the send is the outbox's, the chat shows the file."""

from __future__ import annotations

import base64

from core.models import Channel, Reply, ReplyStatus
from sync.engine import sync_channel
from tests.bot.conftest import bot_message, connected_cabinet, eventually

PDF = b"%PDF-1.7\n" + bytes(4096)


async def _attach(tg, chat: int, card_id: int, name: str, content: bytes, caption: str) -> None:
    document = {"file_name": name, "mime_type": "application/pdf", "content_b64": base64.b64encode(content).decode()}
    r = await tg.http.post(
        f"/_sandbox/chats/{chat}/send", json={"text": caption, "reply_to_message_id": card_id, "document": document}
    )
    r.raise_for_status()


async def test_a_pdf_replied_to_a_chat_card_goes_into_the_wb_chat_once(stack, tg, wb) -> None:
    seller, chat, num = await connected_cabinet(stack, tg, wb, Channel.CHAT)
    opened = await wb.control("POST", f"/sellers/{num}/chat-messages", text="Есть инструкция по сборке?")
    await sync_channel(stack, seller.id, Channel.CHAT)
    card = await eventually(lambda: bot_message(tg, chat, "инструкция по сборке"))
    # Not a PDF/JPEG/PNG: refused before anything is stored.
    await _attach(tg, chat, card["message_id"], "setup.exe", b"MZ\x90\x00" + bytes(64), "Вот файл")
    assert await eventually(lambda: bot_message(tg, chat, "is not a JPEG, PNG or PDF"))
    await _attach(tg, chat, card["message_id"], "Инструкция.pdf", PDF, "Инструкция во вложении")
    assert await eventually(lambda: bot_message(tg, chat, "The file goes into the chat"))

    async def sent() -> Reply | None:
        reply = await Reply.get_or_none(text="Инструкция во вложении")
        return reply if reply and reply.status == ReplyStatus.SENT else None

    await eventually(sent)
    answers = await wb.control("GET", f"/answers?seller_id={num}")
    (row,) = [a for a in answers["answers"] if a["channel"] == "chat"]
    assert row["item_id"] == opened["chatID"] and row["answer_calls"] == 1
    assert row["history"][0]["files"] == ["Инструкция.pdf"]
    assert await Reply.all().count() == 1
