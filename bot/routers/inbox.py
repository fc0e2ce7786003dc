"""/inbox: open interactions, needs-response first, filter by channel, paginated; a number opens the card."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import InboxCb
from bot.editing import edit_in_place
from bot.keyboards import inbox_keyboard
from bot.render import render_line
from bot.tapped import shown_message, tapped_message
from core import access, inbox
from core.i18n import Translator
from core.models import Channel, SellerMember

router = Router(name="inbox")


async def _page(
    member: SellerMember | None, channel: str, page: int, t: Translator, oldest: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    seller_id = access.require_member(member).seller_id
    result = await inbox.list_inbox(
        seller_id=seller_id, channel=Channel(channel) if channel else None, page=page, oldest=oldest
    )
    lines = [t("bot-inbox-title", total=result.total)]
    lines += [f"{n}. {render_line(item, t)}" for n, item in enumerate(result.items, start=1)]
    text = "\n".join(lines) if result.items else t("bot-inbox-empty")
    return text, inbox_keyboard(result, channel, t, oldest)


@router.message(Command("inbox"))
async def inbox_command(message: Message, member: SellerMember | None, t: Translator) -> None:
    text, markup = await _page(member, "", 0, t)
    await message.answer(text, reply_markup=markup)


@router.callback_query(InboxCb.filter())
async def inbox_page(query: CallbackQuery, callback_data: InboxCb, member: SellerMember | None, t: Translator) -> None:
    text, markup = await _page(member, callback_data.channel, callback_data.page, t, callback_data.oldest)
    if callback_data.new:
        await tapped_message(query).answer(text, reply_markup=markup)
    else:
        await edit_in_place(shown_message(query).edit_text(text, reply_markup=markup))
    await query.answer()
