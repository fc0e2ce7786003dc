"""Drafting preferences from the bot: /settings → "Voice and drafts" (LLM on/off, tone, signature, brand, own
banned words). Texts are typed in answer to a prompt (FSM state holds only the field); core validates, audits and
stores them. A card's "Product facts" are `bot.routers.facts`."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import SettingsAction, SettingsCb, VoiceAction, VoiceCb
from bot.editing import edit_in_place
from bot.render import clip
from bot.states import VoiceInput
from bot.tapped import shown_message, tapped_message
from core import access, sellers, voice
from core.i18n import Translator
from core.models import Seller, SellerMember
from core.seller_settings import SellerSettings

router = Router(name="drafting")
_ASK = {
    VoiceAction.SIGNATURE: "signature",
    VoiceAction.BRAND: "brand",
    VoiceAction.SIGNATURE_EN: "signature_en",
    VoiceAction.BRAND_EN: "brand_en",
    VoiceAction.BANNED: "banned",
}


def voice_text(current: SellerSettings, llm_enabled: bool, t: Translator) -> str:
    """The voice screen: every value, escaped (the seller's own words); the English signature and brand line are
    what English replies carry (issue 25 item 5)."""
    none = t("bot-voice-none")
    english = t(
        "bot-voice-screen-en",
        signature_en=clip(current.voice.signature_en, 200, "…") or none,
        brand_en=clip(current.voice.brand_en, 100, "…") or none,
    )
    return t(
        "bot-voice-screen",
        llm=t("settings-on") if llm_enabled else t("settings-off"),
        arrival=t("settings-on") if current.auto_draft_llm else t("settings-off"),
        tone=t(f"bot-voice-tone-{current.voice.tone}"),
        signature=clip(current.voice.signature, 200, "…") or none,
        brand=clip(current.voice.brand, 100, "…") or none,
        banned=clip(", ".join(current.banned_phrases), 400, "…") or none,
    ) + ("\n" + english)


def voice_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """Switch the LLM and the tone, edit the texts, back to /settings."""
    kb = InlineKeyboardBuilder()
    for action in VoiceAction:
        if action != VoiceAction.OPEN:
            kb.button(text=t(f"bot-voice-btn-{action.value}"), callback_data=VoiceCb(action=action))
    kb.button(text=t("bot-settings-btn-back"), callback_data=SettingsCb(action=SettingsAction.BACK))
    kb.adjust(2, 2, 2, 2, 1)
    return kb.as_markup()


async def _voice_screen(member: SellerMember, t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    seller = await Seller.get(id=member.seller_id)
    return voice_text(SellerSettings.of(seller.settings), seller.llm_enabled, t), voice_keyboard(t)


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
    text, markup = await _voice_screen(owner, t)
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
    text, markup = await _voice_screen(access.require_member(member), t)
    await edit_in_place(
        bot.edit_message_text(text, chat_id=data["chat_id"], message_id=data["message_id"], reply_markup=markup)
    )
    await message.answer(t("bot-settings-saved"))
