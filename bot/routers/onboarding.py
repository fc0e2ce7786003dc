"""/start → language → WB token (validated live, message deleted) → first backfill and the shop name;
/start <code> joins a seller."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, User
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import DemoTokenCb, LangCb
from bot.keyboards import language_keyboard
from bot.render import clip
from bot.states import Onboarding
from bot.tapped import shown_message
from core import access, members, shop, tokens
from core.i18n import LANGUAGES, Translator, translator
from core.models import SellerMember
from core.secrets import mask_token
from core.settings import Settings

router = Router(name="onboarding")

# Starts the first sync of a seller and reports its progress into the chat (built in bot.app).
Backfill = Callable[[int, int], Awaitable[None]]


@router.message(CommandStart(deep_link=True, magic=F.args.len() > 0))
async def join(message: Message, command: CommandObject, t: Translator) -> None:
    user = message.from_user
    assert user is not None  # a private chat's message has its sender
    member = await members.accept_invite(
        code=command.args or "",
        tg_user_id=user.id,
        tg_chat_id=message.chat.id,
        name=user.full_name,
        language=t.language,
    )
    seller = clip(member.seller.name, 200, "…")
    active = await members.member_of(user.id)
    if active is not None and active.id != member.id:
        # An invite never takes over the seller the user works in (see core.memberships).
        await message.answer(t("bot-joined-kept", seller=seller, active=clip(active.seller.name, 200, "…")))
        return
    await message.answer(t("bot-joined", seller=seller))


@router.message(CommandStart())
async def start(message: Message, member: SellerMember | None, t: Translator) -> None:
    if member is not None and member.seller.wb_token_enc:
        await message.answer(t("bot-welcome-back"))
        return
    await message.answer(t("bot-choose-language"), reply_markup=language_keyboard())


@router.callback_query(LangCb.filter())
async def language_chosen(
    query: CallbackQuery, callback_data: LangCb, member: SellerMember | None, state: FSMContext, settings: Settings
) -> None:
    if member is None:
        # A stranger's choice waits in the conversation state: nothing is written until a token is accepted.
        if callback_data.language not in LANGUAGES:
            raise access.NotAllowed("stale")
        await state.update_data(language=callback_data.language)
    else:
        await members.set_language(member, callback_data.language)
    t = translator(callback_data.language)
    await query.answer()
    await state.set_state(Onboarding.token)
    await shown_message(query).edit_text(t("bot-ask-token"), reply_markup=_demo_button(settings, t))


def _demo_button(settings: Settings, t: Translator) -> InlineKeyboardMarkup | None:
    """In the demo, the WB sandbox store's token as one button (a newcomer has no WB token to paste)."""
    if settings.demo_token is None:
        return None
    kb = InlineKeyboardBuilder()
    kb.button(text=t("sv-demo-token-btn"), callback_data=DemoTokenCb())
    return kb.as_markup()


@router.message(Command("connect"))
async def reconnect(
    message: Message, member: SellerMember | None, state: FSMContext, t: Translator, settings: Settings
) -> None:
    access.require_owner(member)
    await state.set_state(Onboarding.token)
    await message.answer(t("bot-ask-token"), reply_markup=_demo_button(settings, t))


@router.callback_query(DemoTokenCb.filter())
async def demo_token_pressed(
    query: CallbackQuery,
    member: SellerMember | None,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    probe: tokens.TokenProbe,
    backfill: Backfill,
) -> None:
    if settings.demo_token is None or await state.get_state() != Onboarding.token.state:
        raise access.NotAllowed("stale")
    await query.answer()
    await shown_message(query).edit_reply_markup(reply_markup=None)
    token = settings.demo_token.get_secret_value()
    await _connect(shown_message(query), query.from_user, token, member, state, t, settings, probe, backfill)


@router.message(Onboarding.token, F.text, ~F.text.startswith("/"))
async def token_received(
    message: Message,
    bot: Bot,
    member: SellerMember | None,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    probe: tokens.TokenProbe,
    backfill: Backfill,
) -> None:
    # The token must not stay in the chat history, whatever the check says.
    await bot.delete_message(message.chat.id, message.message_id)
    assert message.from_user is not None  # a private chat's message has its sender
    await _connect(message, message.from_user, message.text or "", member, state, t, settings, probe, backfill)


async def _connect(
    message: Message,
    user: User,
    token: str,
    member: SellerMember | None,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    probe: tokens.TokenProbe,
    backfill: Backfill,
) -> None:
    """Check and store `token` for `user` (a new seller, or the member's), start the first sync, ask the name."""
    first_token = member is None or not member.seller.wb_token_enc
    if member is None:
        language = (await state.get_data()).get("language") or t.language
        t = translator(language)
        try:
            member, check = await tokens.connect_new_seller(
                tg_user_id=user.id, tg_chat_id=message.chat.id, name=user.full_name, language=language, token=token,
                probe=probe, settings=settings,
            )  # fmt: skip
        except tokens.TokenRejected as exc:  # answered in the language they chose (no member holds it yet)
            await message.answer(t(f"bot-token-{exc.reason}"))
            return
    else:
        try:
            check = await tokens.connect_token(member=member, token=token, probe=probe, settings=settings)
        except access.NotAllowed:
            await state.clear()  # not an owner: stop treating their next messages as tokens
            raise
    await state.clear()
    channels = ", ".join(t(f"bot-channel-{c}") for c in sorted(check.channels))
    expires = check.expires_at.strftime("%d.%m.%Y") if check.expires_at else t("bot-token-no-expiry")
    ok = t("bot-token-ok", channels=channels, expires=expires, token=mask_token(token.strip()))
    await message.answer(ok + "\n\n" + tokens.token_type_note(check.token_type, t))
    await backfill(member.seller_id, message.chat.id)
    if first_token:  # a reconnect keeps the name the seller has
        await state.set_state(Onboarding.shop_name)
        await message.answer(t("bot-ask-shop-name"))


@router.message(Onboarding.shop_name, F.text, ~F.text.startswith("/"))
async def shop_name_received(message: Message, member: SellerMember | None, state: FSMContext, t: Translator) -> None:
    owner = access.require_owner(member)
    try:
        name = await shop.name_shop(seller_id=owner.seller_id, text=message.text or "", member_id=owner.id)
    except shop.BadShopName:
        await message.answer(t("bot-shop-name-invalid", min=shop.NAME_MIN, max=shop.NAME_MAX))
        return
    await state.clear()
    await message.answer(t("bot-shop-name-ok", name=clip(name, 200, "…")))
