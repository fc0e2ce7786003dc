"""Teach once (core.taught): after the seller sent their own answer to a question no product fact answered, the bot
offers to save it for the product; Save keeps it (the next buyer asking the same gets a one-tap draft), No drops
the offer. A `card_router`: the buttons carry the interaction, checked before the handler runs."""

from __future__ import annotations

from aiogram import F
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import TeachAction, TeachCb
from bot.editing import edit_in_place
from bot.middlewares.access import card_router
from bot.render import clip
from bot.tapped import shown_message
from core import taught
from core.access import Access
from core.i18n import Translator

router = card_router("teach")
ASKED_CHARS = 160


def teach_keyboard(interaction_id: int, t: Translator) -> InlineKeyboardMarkup:
    """Save / No need."""
    kb = InlineKeyboardBuilder()
    for action, key in ((TeachAction.SAVE, "teach-btn-save"), (TeachAction.NO, "teach-btn-no")):
        kb.button(text=t(key), callback_data=TeachCb(action=action, interaction_id=interaction_id))
    kb.adjust(2)
    return kb.as_markup()


async def offer_teaching(message: Message, interaction_id: int, t: Translator) -> None:
    """Right after the seller's own answer went out: offer to save it when it answered what no fact could."""
    asked = await taught.offer(interaction_id)
    if asked is not None:
        text = t("teach-offer", asked=clip(asked, ASKED_CHARS, "…"))
        await message.answer(text, reply_markup=teach_keyboard(interaction_id, t))


@router.callback_query(TeachCb.filter(F.action == TeachAction.SAVE))
async def save(query: CallbackQuery, access: Access, t: Translator) -> None:
    saved = await taught.save(access.interaction.id, access.member.id)
    await edit_in_place(
        shown_message(query).edit_text(t("teach-saved" if saved else "teach-nothing"), reply_markup=None)
    )
    await query.answer()


@router.callback_query(TeachCb.filter(F.action == TeachAction.NO))
async def decline(query: CallbackQuery, access: Access, t: Translator) -> None:
    await edit_in_place(shown_message(query).edit_text(t("teach-declined"), reply_markup=None))
    await query.answer()
