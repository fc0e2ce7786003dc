"""/settings: labelled sections with the current values (language, time zone, pending window, auto-draft,
auto-send, cards per channel and rating filter); a zone picker behind the time zone button."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.autosend_replay import render_replay
from bot.callbacks import SettingsAction, SettingsCb
from bot.editing import edit_in_place
from bot.keyboards import autosend_replay_keyboard, settings_keyboard, zone_keyboard
from bot.tapped import shown_message
from core import access, autosend_replay, members, sellers, tokens
from core.autosend import RULES_VERSION
from core.humanize import duration
from core.i18n import Translator, translator
from core.models import Seller, SellerMember
from core.seller_settings import SellerSettings
from core.settings import Settings
from core.timezones import zone_label

router = Router(name="settings")


def _quiet_text(current: SellerSettings, t: Translator, on_off: dict[bool, str]) -> str:
    quiet = current.quiet
    return t(
        "quiet-settings-section",
        state=on_off[quiet.enabled],
        start=quiet.start.strftime("%H:%M"),
        end=quiet.end.strftime("%H:%M"),
        rating=quiet.page_max_rating,
        returns=on_off[quiet.page_returns],
    )


def _text(current: SellerSettings, t: Translator) -> str:
    on_off = {True: t("settings-on"), False: t("settings-off")}
    text = _main_text(current, t, on_off) + "\n\n" + _quiet_text(current, t, on_off)
    if current.auto_send and current.auto_send_rules != RULES_VERSION:
        text += "\n\n" + t("autosend-replay-rules-changed")
    return text


def _main_text(current: SellerSettings, t: Translator, on_off: dict[bool, str]) -> str:
    channels = ", ".join(
        f"{t(f'bot-settings-notify-{name}')} {'✅' if getattr(current.notify, name) else '❌'}"
        for name in ("reviews", "questions", "chats")
    )
    return t(
        "bot-settings-screen",
        language=t("settings-language-name"),
        zone=zone_label(current.business_hours.timezone, t, datetime.now(UTC)),
        window=duration(current.pending_window_min * 60, t),
        auto_draft=on_off[current.auto_draft],
        auto_send=on_off[current.auto_send and current.auto_send_rules == RULES_VERSION],
        channels=channels,
        rating=current.notify.max_review_rating,
    )


@router.message(Command("settings"))
async def settings_command(message: Message, member: SellerMember | None, t: Translator) -> None:
    member = access.require_member(member)
    current = await sellers.seller_settings(member)
    seller = await Seller.get(id=member.seller_id)
    # The token's type heads the screen: a Base token is told plainly that new items come hours late.
    text = tokens.token_type_note(seller.token_type, t) + "\n\n" + _text(current, t)
    await message.answer(text, reply_markup=settings_keyboard(current, t.language, t))


def _change(action: SettingsAction, value: str, current: SellerSettings) -> dict:
    """The partial change one button asks for (toggles flip the current value)."""
    match action:
        case SettingsAction.WINDOW:
            return {"pending_window_min": int(value)}
        case SettingsAction.AUTO_DRAFT:
            return {"auto_draft": not current.auto_draft}
        case SettingsAction.AUTO_SEND:
            return {"auto_send": False}  # on only from the replay screen (AUTO_SEND_ON)
        case SettingsAction.AUTO_SEND_ON:
            return {"auto_send": True, "auto_send_rules": RULES_VERSION}
        case SettingsAction.NOTIFY:
            return {"notify": {value: not getattr(current.notify, value)}}
        case SettingsAction.ZONE:
            return {"business_hours": {"timezone": value}}
        case SettingsAction.QUIET:
            return {"quiet": {"enabled": not current.quiet.enabled}}
        case SettingsAction.QUIET_START:
            return {"quiet": {"start": f"{int(value):02d}:00"}}
        case SettingsAction.QUIET_END:
            return {"quiet": {"end": f"{int(value):02d}:00"}}
        case SettingsAction.QUIET_RATING:
            return {"quiet": {"page_max_rating": int(value)}}
        case SettingsAction.QUIET_RETURNS:
            return {"quiet": {"page_returns": not current.quiet.page_returns}}
        case _:
            return {"notify": {"max_review_rating": int(value)}}


@router.callback_query(SettingsCb.filter())
async def settings_changed(
    query: CallbackQuery, callback_data: SettingsCb, member: SellerMember | None, t: Translator, settings: Settings
) -> None:
    member = access.require_member(member)
    current = await sellers.seller_settings(member)
    action = callback_data.action
    if action == SettingsAction.AUTO_SEND_REPLAY:
        access.require_owner(member)
        replay = await autosend_replay.replay(member.seller_id, settings)
        text = render_replay(replay, autosend_replay.DAYS, t)
        await edit_in_place(shown_message(query).edit_text(text, reply_markup=autosend_replay_keyboard(t)))
        await query.answer()
        return
    if action == SettingsAction.ZONE and not callback_data.value:
        title = t("bot-settings-zone-title", zone=zone_label(current.business_hours.timezone, t, datetime.now(UTC)))
        await edit_in_place(
            shown_message(query).edit_text(title, reply_markup=zone_keyboard(current.business_hours.timezone, t))
        )
        await query.answer()
        return
    if action == SettingsAction.LANGUAGE:
        await members.set_language(member, callback_data.value)
        t = translator(callback_data.value)
    elif action != SettingsAction.BACK:
        current = await sellers.update_settings(member, _change(action, callback_data.value, current))
    await edit_in_place(
        shown_message(query).edit_text(_text(current, t), reply_markup=settings_keyboard(current, t.language, t))
    )
    await query.answer(t("bot-settings-saved") if action != SettingsAction.BACK else None)
