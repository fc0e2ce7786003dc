"""Drafting preferences from the bot: /settings → "Voice and drafts" (LLM on/off, tone, signature, brand, own
banned words). Texts are typed in answer to a prompt (FSM state holds only the field); core validates, audits and
stores them. A card's "Product facts" are `bot.routers.facts`."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import VoiceAction, VoiceCb
from bot.editing import edit_in_place
from bot.states import VoiceInput
from bot.tapped import shown_message, tapped_message
from bot.voice_screen import voice_screen
from core import access, sellers, voice
from core.i18n import Translator
from core.models import Seller, SellerMember

router = Router(name="drafting")
_ASK = {
    VoiceAction.SIGNATURE: "signature",
    VoiceAction.BRAND: "brand",
    VoiceAction.SIGNATURE_EN: "signature_en",
    VoiceAction.BRAND_EN: "brand_en",
    VoiceAction.BANNED: "banned",
}


@router.callback_query(VoiceCb.filter())
async def voice_pressed(
    query: CallbackQuery, callback_data: VoiceCb, member: SellerMember | None, t: Translator, state: FSMContext
) -> None:
    owner = access.require_owner(member)
    action = callback_data.action
    if action in _ASK:
        await state.set_state(VoiceInput.text)
        await state.set_data(
            {
                "field": _ASK[action],
                "chat_id": tapped_message(query).chat.id,
                "message_id": tapped_message(query).message_id,
            }
        )
        await tapped_message(query).answer(t(f"bot-voice-ask-{_ASK[action]}"))
        await query.answer()
        return
    if action == VoiceAction.LLM:
        seller = await Seller.get(id=owner.seller_id)
        await voice.set_llm(owner, not seller.llm_enabled)
    elif action == VoiceAction.LLM_ARRIVAL:
        current = await sellers.seller_settings(owner)
        await sellers.update_settings(owner, {"auto_draft_llm": not current.auto_draft_llm})
    elif action == VoiceAction.TONE:
        await voice.toggle_tone(owner, await sellers.seller_settings(owner))
    text, markup = await voice_screen(owner, t)
    await edit_in_place(shown_message(query).edit_text(text, reply_markup=markup))
    await query.answer(t("bot-settings-saved") if action != VoiceAction.OPEN else None)


@router.message(VoiceInput.text, F.text, ~F.text.startswith("/"))
async def voice_typed(
    message: Message, bot: Bot, state: FSMContext, member: SellerMember | None, t: Translator
) -> None:
    data = await state.get_data()
    if data["field"] == "banned":
        await voice.set_banned(member, message.text or "")
    else:
        await voice.set_voice_text(member, data["field"], message.text or "")
    await state.clear()
    text, markup = await voice_screen(access.require_member(member), t)
    await edit_in_place(
        bot.edit_message_text(text, chat_id=data["chat_id"], message_id=data["message_id"], reply_markup=markup)
    )
    await message.answer(t("bot-settings-saved"))
