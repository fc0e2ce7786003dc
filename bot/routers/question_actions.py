"""Question cards: "Hide question" (WB hides it from buyers) with a confirm step; first on questions WB flags."""

from __future__ import annotations

from aiogram import F
from aiogram.types import CallbackQuery

from bot.callbacks import CardAction, CardCb
from bot.editing import edit_in_place
from bot.keyboards import card_keyboard, hide_confirm_keyboard
from bot.middlewares.access import card_router
from bot.render import render_card
from bot.tapped import shown_message
from core import sending
from core.access import Access
from core.i18n import Translator
from core.items.view import item_view
from core.models import ReplyVia
from core.sending import Enqueue

router = card_router("question_actions")


@router.callback_query(CardCb.filter(F.action == CardAction.HIDE))
async def ask(query: CallbackQuery, callback_data: CardCb, access: Access, t: Translator) -> None:
    interaction = access.interaction
    await edit_in_place(shown_message(query).edit_reply_markup(reply_markup=hide_confirm_keyboard(interaction.id, t)))
    await query.answer()


@router.callback_query(CardCb.filter(F.action.in_({CardAction.HIDE_CONFIRM, CardAction.HIDE_CANCEL})))
async def decide(query: CallbackQuery, callback_data: CardCb, access: Access, t: Translator, enqueue: Enqueue) -> None:
    interaction, member = access.interaction, access.member
    if callback_data.action == CardAction.HIDE_CONFIRM:
        await sending.submit_hide(
            interaction_id=interaction.id, member_id=member.id, via=ReplyVia.TELEGRAM, enqueue=enqueue
        )
    data = await item_view(interaction.id)
    await edit_in_place(shown_message(query).edit_text(render_card(data, t), reply_markup=card_keyboard(data, t)))
    await query.answer(t("question-hide-sent") if callback_data.action == CardAction.HIDE_CONFIRM else None)
