"""The Mute button of a product spike message: owners silence that product × topic for the configured days."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.callbacks import SpikeCb
from bot.editing import edit_in_place
from bot.tapped import shown_message
from core import spikes
from core.i18n import Translator
from core.settings import Settings

router = Router(name="spikes")


@router.callback_query(SpikeCb.filter())
async def mute_spike(query: CallbackQuery, callback_data: SpikeCb, t: Translator, settings: Settings) -> None:
    cfg = settings.spikes
    await spikes.mute(spike_id=callback_data.spike_id, tg_user_id=query.from_user.id, cfg=cfg)
    text = t("spike-muted", days=cfg.mute_days)
    await edit_in_place(
        shown_message(query).edit_text(f"{shown_message(query).html_text}\n\n{text}", reply_markup=None)
    )
    await query.answer(text)
