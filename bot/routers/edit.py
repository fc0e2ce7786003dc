"""The seller's own text (Edit of a draft, or Reply): checked, then shown back as a preview with Send / Edit again /
Cancel. Nothing goes to WB before Send; a blocked text is answered with every reason and the seller types again."""

from __future__ import annotations

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.editing import edit_in_place
from bot.keyboards import card_keyboard, preview_keyboard
from bot.middlewares.access import card_router
from bot.render import render_card, render_preview
from bot.states import EditDraft
from core import previews
from core.access import Access
from core.i18n import Translator
from core.items.view import item_view

router = card_router("edit")


@router.message(EditDraft.text, F.text, ~F.text.startswith("/"))
async def text_received(message: Message, bot: Bot, state: FSMContext, access: Access, t: Translator) -> None:
    ids = await state.get_data()
    interaction, member = access.interaction, access.member
    # GuardrailViolation leaves the state as it is: the seller reads the reasons and types again.
    draft = await previews.save_seller_text(interaction_id=interaction.id, text=message.text or "", member_id=member.id)
    await state.clear()
    data = await item_view(interaction.id)
    await edit_in_place(
        bot.edit_message_text(
            render_card(data, t),
            chat_id=ids["chat_id"],
            message_id=ids["message_id"],
            reply_markup=card_keyboard(data, t),
        )
    )
    await message.answer(render_preview(draft.text, t), reply_markup=preview_keyboard(interaction.id, draft.id, t))
