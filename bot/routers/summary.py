"""/digest: the summary on request — today by default, `/digest week` for the last 7 days; `/digest settings`
subscribes the member to it pushed daily or weekly (bot.summaries)."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.callbacks import SummaryCb
from bot.editing import edit_in_place
from bot.keyboards import summary_schedule_keyboard
from bot.summaries import render_summary
from bot.tapped import shown_message
from core import access, summary, summary_push
from core.i18n import Translator
from core.items.view import seller_zone
from core.models import SellerMember, SummaryEvery

router = Router(name="summary")


@router.message(Command("digest"))
async def digest_command(message: Message, command: CommandObject, member: SellerMember | None, t: Translator) -> None:
    member = access.require_member(member)
    arg = (command.args or "").strip().lower()
    if arg in ("settings", "настройки"):
        current = SummaryEvery(member.summary_every)
        await message.answer(t("summary-settings"), reply_markup=summary_schedule_keyboard(current, t))
        return
    weekly = arg in ("week", "7", "неделя")
    zone = await seller_zone(member.seller_id)
    found = await summary.summary(seller_id=member.seller_id, weekly=weekly, now=datetime.now(UTC), zone=zone)
    await message.answer(render_summary(found, t, t("summary-week" if weekly else "summary-today")))


@router.callback_query(SummaryCb.filter())
async def summary_every(
    query: CallbackQuery, callback_data: SummaryCb, member: SellerMember | None, t: Translator
) -> None:
    member = access.require_member(member)
    await summary_push.subscribe(member.id, callback_data.every)
    markup = summary_schedule_keyboard(callback_data.every, t)
    await edit_in_place(shown_message(query).edit_text(t("summary-settings"), reply_markup=markup))
    await query.answer(t(f"summary-every-{callback_data.every.value}"))
