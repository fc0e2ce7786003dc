"""Owner's team: /invite makes a one-time deep link, /members lists members with remove buttons."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.deep_linking import create_start_link

from bot.callbacks import MemberCb
from bot.editing import edit_in_place
from bot.keyboards import members_keyboard
from bot.render import clip
from bot.tapped import shown_message
from core.i18n import Translator
from core.members import create_invite, list_members, remove_member
from core.models import SellerMember

router = Router(name="members")


@router.message(Command("invite"))
async def invite(message: Message, bot: Bot, member: SellerMember | None, t: Translator) -> None:
    code = (await create_invite(member)).code
    await message.answer(t("bot-invite", link=await create_start_link(bot, code), code=code))


def _list(members: list[SellerMember], t: Translator) -> str:
    lines = [t("bot-members-title")]
    lines += [f"• {clip(m.name, 100, '…') or m.tg_user_id} — {t(f'bot-role-{m.role}')}" for m in members]
    return "\n".join(lines)


@router.message(Command("members"))
async def members(message: Message, member: SellerMember | None, t: Translator) -> None:
    team = await list_members(member)
    await message.answer(_list(team, t), reply_markup=members_keyboard(team, t))


@router.callback_query(MemberCb.filter())
async def remove(query: CallbackQuery, callback_data: MemberCb, member: SellerMember | None, t: Translator) -> None:
    removed = await remove_member(member, callback_data.member_id)
    team = await list_members(member)
    await edit_in_place(shown_message(query).edit_text(_list(team, t), reply_markup=members_keyboard(team, t)))
    await query.answer(t("bot-member-removed", name=removed.name or str(removed.tg_user_id)))
