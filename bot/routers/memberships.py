"""/sellers: the sellers the user belongs to, with a button to make one the active seller of their commands."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks import SellerCb
from bot.keyboards import sellers_keyboard
from bot.render import clip
from bot.tapped import shown_message
from core import members, memberships
from core.i18n import Translator

router = Router(name="memberships")


@router.message(Command("sellers"))
async def sellers_command(message: Message, tg_user_id: int, t: Translator) -> None:
    mine = await memberships.memberships_of(tg_user_id)
    if not mine:
        await message.answer(t("bot-start-first"))
        return
    await message.answer(t("bot-sellers-title"), reply_markup=sellers_keyboard(mine, t))


@router.callback_query(SellerCb.filter())
async def seller_chosen(query: CallbackQuery, callback_data: SellerCb, tg_user_id: int, t: Translator) -> None:
    chosen = await members.select_seller(tg_user_id, callback_data.member_id)
    mine = await memberships.memberships_of(tg_user_id)
    await shown_message(query).edit_text(t("bot-sellers-title"), reply_markup=sellers_keyboard(mine, t))
    await query.answer(t("bot-seller-selected", seller=clip(chosen.seller.name, 100, "…")))
