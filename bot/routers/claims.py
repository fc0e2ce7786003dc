"""Return (claim) cards: an action button → confirm step → the decision goes to the outbox. `rejectcustom` asks for
the comment first (10–1000 characters, guardrails); nothing is sent without the seller's confirmation."""

from __future__ import annotations

from aiogram import Bot, F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import ClaimCb, ClaimStep
from bot.claim_card import action_label, confirm_keyboard
from bot.editing import edit_in_place
from bot.keyboards import card_keyboard
from bot.middlewares.access import card_router
from bot.render import clip, render_card
from bot.states import ClaimComment
from bot.tapped import bot_of, shown_message, tapped_message
from core import inbox, returns, sending
from core.access import Access
from core.i18n import Translator
from core.items.view import current_draft, item_view
from core.models import ReplyVia
from core.replies import ReplyNotAllowed
from core.sending import Enqueue
from core.settings import Settings

router = card_router("claims")


async def _redraw(bot: Bot, chat_id: int, message_id: int, interaction_id: int, t: Translator) -> None:
    data = await item_view(interaction_id)
    await edit_in_place(
        bot.edit_message_text(
            render_card(data, t), chat_id=chat_id, message_id=message_id, reply_markup=card_keyboard(data, t)
        )
    )


@router.callback_query(ClaimCb.filter(F.step == ClaimStep.ASK))
async def ask(query: CallbackQuery, callback_data: ClaimCb, access: Access, t: Translator, state: FSMContext) -> None:
    interaction = access.interaction
    action = callback_data.action
    if action not in returns.ClaimView.of(interaction.raw_payload).actions:
        raise ReplyNotAllowed("claim-action")
    if action in returns.COMMENT_REQUIRED:
        await state.set_state(ClaimComment.text)
        await state.set_data(
            {"interaction_id": interaction.id, "action": action, "card_id": tapped_message(query).message_id}
        )
        await tapped_message(query).answer(t("claim-comment-prompt", action=action_label(action, t)))
    else:
        await edit_in_place(
            shown_message(query).edit_reply_markup(reply_markup=confirm_keyboard(interaction.id, action, t))
        )
    await query.answer()


@router.message(ClaimComment.text, F.text, ~F.text.startswith("/"))
async def comment(message: Message, state: FSMContext, access: Access, t: Translator, settings: Settings) -> None:
    ids = await state.get_data()
    interaction, member = access.interaction, access.member
    # A blocked or too short comment raises: the errors router lists every reason and the state stays for a retry.
    draft = await returns.prepare_comment(
        interaction_id=interaction.id,
        action=ids["action"],
        comment=message.text or "",
        member_id=member.id,
        extra_phrases=tuple(settings.banned_phrases_extra),
    )
    await state.clear()
    markup = confirm_keyboard(interaction.id, ids["action"], t, draft_id=draft.id, card_id=ids["card_id"])
    text = t("claim-comment-check", action=action_label(ids["action"], t), text=clip(draft.text, 1200, "…"))
    await message.answer(text, reply_markup=markup)


@router.callback_query(ClaimCb.filter(F.step == ClaimStep.CONFIRM))
async def confirm(
    query: CallbackQuery,
    callback_data: ClaimCb,
    access: Access,
    t: Translator,
    settings: Settings,
    enqueue: Enqueue,
) -> None:
    interaction, member = access.interaction, access.member
    text = None
    if callback_data.draft_id:
        text = (await current_draft(interaction.id, callback_data.draft_id)).text
    await sending.submit_decision(
        interaction_id=interaction.id,
        action=callback_data.action,
        comment=text,
        member_id=member.id,
        via=ReplyVia.TELEGRAM,
        settings=settings,
        enqueue=enqueue,
    )
    await _after(query, callback_data, interaction.id, t, "claim-sent")


@router.callback_query(ClaimCb.filter(F.step == ClaimStep.CANCEL))
async def cancel(query: CallbackQuery, callback_data: ClaimCb, access: Access, t: Translator) -> None:
    interaction, member = access.interaction, access.member
    if callback_data.draft_id:
        await inbox.cancel_draft(interaction=interaction, member_id=member.id)
    await _after(query, callback_data, interaction.id, t, "claim-cancelled")


async def _after(query: CallbackQuery, cb: ClaimCb, interaction_id: int, t: Translator, key: str) -> None:
    """Redraw the card; a comment prompt's own message just says what happened."""
    chat_id = tapped_message(query).chat.id
    if cb.card_id:
        await edit_in_place(shown_message(query).edit_text(t(key)))
        await _redraw(bot_of(query), chat_id, cb.card_id, interaction_id, t)
    else:
        await _redraw(bot_of(query), chat_id, tapped_message(query).message_id, interaction_id, t)
    await query.answer(t(key))
