"""A photo or PDF attached in Telegram as a reply to a chat card goes into that WB chat with its caption: WB's
limits are checked before anything is stored (`core.outgoing_files`), the send is the reply outbox's (once)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import Document, Message, PhotoSize

from core import access, outgoing_files, sending
from core.i18n import Translator
from core.models import ReplyVia, SellerMember
from core.sending import Enqueue
from core.settings import Settings

router = Router(name="chat_files")


@router.message(F.reply_to_message, F.document | F.photo)
async def file_for_chat(
    message: Message, bot: Bot, member: SellerMember | None, t: Translator, settings: Settings, enqueue: Enqueue
) -> None:
    replied = message.reply_to_message
    interaction_id = await outgoing_files.card_interaction(message.chat.id, replied.message_id) if replied else None
    checked = await access.access(member, interaction_id)
    attached: Document | PhotoSize
    if message.document is not None:
        attached, name = message.document, message.document.file_name or "file"
    else:
        assert message.photo is not None  # the router's filter: a document or a photo
        attached, name = message.photo[-1], f"photo-{message.message_id}.jpg"
    if (attached.file_size or 0) > outgoing_files.MAX_FILE:  # refused before it is even downloaded
        await message.answer(t("chat-file-too-big", name=name))
        return
    if not (message.caption or "").strip():
        await message.answer(t("chat-file-needs-text"))
        return
    content = await bot.download(attached)
    try:
        await sending.submit_files(
            interaction_id=checked.interaction.id,
            text=message.caption or "",
            files=[(name, content.read() if content else b"")],
            via=ReplyVia.TELEGRAM,
            settings=settings,
            enqueue=enqueue,
            member_id=checked.member.id,
        )
    except outgoing_files.FileRefused as exc:
        await message.answer(t(f"chat-file-{exc.reason}", name=exc.name))
        return
    await message.answer(t("chat-file-queued"))
