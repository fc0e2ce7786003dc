"""/settings: language, pending window, auto-draft, auto-send, notification switches per channel and rating."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks import SettingsAction, SettingsCb
from bot.editing import edit_in_place
from bot.keyboards import settings_keyboard
from core import sellers
from core.i18n import Translator, translator
from core.models import SellerMember
from core.seller_settings import SellerSettings

router = Router(name="settings")


def _text(current: SellerSettings, t: Translator) -> str:
    return t("bot-settings-title", window=current.pending_window_min, rating=current.notify.max_review_rating)


@router.message(Command("settings"))
async def settings_command(message: Message, member: SellerMember | None, t: Translator) -> None:
    current = await sellers.seller_settings(sellers.require_member(member))
    await message.answer(_text(current, t), reply_markup=settings_keyboard(current, t))


def _change(action: SettingsAction, value: str, current: SellerSettings) -> dict:
    """The partial change one button asks for (toggles flip the current value)."""
    match action:
        case SettingsAction.WINDOW:
            return {"pending_window_min": int(value)}
        case SettingsAction.AUTO_DRAFT:
            return {"auto_draft": not current.auto_draft}
        case SettingsAction.AUTO_SEND:
            return {"auto_send": not current.auto_send}
        case SettingsAction.NOTIFY:
            return {"notify": {value: not getattr(current.notify, value)}}
        case _:
            return {"notify": {"max_review_rating": int(value)}}


@router.callback_query(SettingsCb.filter())
async def settings_changed(
    query: CallbackQuery, callback_data: SettingsCb, member: SellerMember | None, t: Translator
) -> None:
    current = await sellers.seller_settings(sellers.require_member(member))
    if callback_data.action == SettingsAction.LANGUAGE:
        await sellers.set_language(member, callback_data.value)
        t = translator(callback_data.value)
    else:
        current = await sellers.update_settings(member, _change(callback_data.action, callback_data.value, current))
    await edit_in_place(query.message.edit_text(_text(current, t), reply_markup=settings_keyboard(current, t)))
    await query.answer(t("bot-settings-saved"))
