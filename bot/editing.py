"""Editing a message in place when Telegram may already show exactly that, and re-rendering a member's own card."""

from __future__ import annotations

from collections.abc import Awaitable

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.keyboards import card_keyboard
from bot.render import render_card
from core import cards
from core.access import Access
from core.i18n import Translator
from core.items.view import item_view

# Telegram compares the new text with what it stored (parsed, trimmed) plus the keyboard, and refuses a no-op edit.
NOT_MODIFIED = "message is not modified"


async def edit_in_place(edit: Awaitable[object]) -> bool:
    """Await an edit of a bot message: True if it changed, False if the message already showed exactly that.

    Pressing the button of the page on screen, a double tap, or a refresh that won the race all re-render the
    same content; none of them is a failure, and the button must still be answered.
    """
    try:
        await edit
    except TelegramBadRequest as exc:
        if NOT_MODIFIED not in exc.message:
            raise
        return False
    return True


async def refresh_own_card(bot: Bot, access: Access, t: Translator) -> None:
    """Re-render the acting member's card of the item after their action (a preview or prompt is a separate message
    below it); other members' cards follow through the refresh task."""
    card = await cards.member_card(access.interaction.id, access.member.id)
    if card is not None:
        data = await item_view(access.interaction.id)
        await edit_in_place(
            bot.edit_message_text(
                render_card(data, t),
                chat_id=card.tg_chat_id,
                message_id=card.tg_message_id,
                reply_markup=card_keyboard(data, t),
            )
        )
