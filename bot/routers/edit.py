"""The seller's own text (Edit of a draft, or Reply): guardrails run in the outbox; a blocked text is never sent."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.editing import edit_in_place
from bot.keyboards import card_keyboard
from bot.render import render_card
from bot.states import EditDraft
from core import inbox, sellers
from core.i18n import Translator
from core.models import ReplyVia, SellerMember
from sync.outbox import submit_reply

router = Router(name="edit")


@router.message(EditDraft.text, F.text, ~F.text.startswith("/"))
async def text_received(
    message: Message, bot: Bot, state: FSMContext, member: SellerMember | None, t: Translator
) -> None:
    ids = await state.get_data()
    interaction = await sellers.interaction_for(member, ids["interaction_id"])
    # GuardrailViolation leaves the state as it is: the seller reads the reasons and types again.
    await submit_reply(
        interaction_id=interaction.id,
        text=message.text,
        draft_id=ids["draft_id"] or None,
        member_id=member.id,
        via=ReplyVia.TELEGRAM,
    )
    await state.clear()
    data = await inbox.card_data(interaction.id)
    await edit_in_place(
        bot.edit_message_text(
            render_card(data, t),
            chat_id=ids["chat_id"],
            message_id=ids["message_id"],
            reply_markup=card_keyboard(data, t),
        )
    )
    await message.answer(t("bot-edit-sent"))
