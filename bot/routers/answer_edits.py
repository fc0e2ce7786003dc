"""Editing a published answer from its card: "✏️ Edit answer" (only while WB allows it: once, within 60 days) →
the new text (guardrails) → a confirm step → the edit goes to the outbox; the card shows the edited answer."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import CardAction, CardCb
from bot.editing import edit_in_place, refresh_own_card
from bot.keyboards import edit_confirm_keyboard
from bot.middlewares.access import card_router
from bot.render import clip
from bot.states import AnswerEdit
from bot.tapped import bot_of, shown_message, tapped_message
from bot.text import DRAFT_BUDGET
from core import answer_edits, sending
from core.access import Access
from core.i18n import Translator
from core.models import ReplyVia
from core.sending import Enqueue
from core.settings import Settings

router = card_router("answer_edits")


@router.callback_query(CardCb.filter(F.action == CardAction.EDIT_ANSWER))
async def ask(query: CallbackQuery, access: Access, t: Translator, state: FSMContext) -> None:
    item = await answer_edits.check(access.interaction.id)  # refused with the reason (used, past 60 days…)
    await state.set_state(AnswerEdit.text)
    await state.set_data({"interaction_id": item.id})
    await tapped_message(query).answer(t("answer-edit-prompt", answer=clip(item.answer, DRAFT_BUDGET, "…")))
    await query.answer()


@router.message(AnswerEdit.text, F.text, ~F.text.startswith("/"))
async def text_received(message: Message, state: FSMContext, access: Access, t: Translator, settings: Settings) -> None:
    # A blocked text raises: the errors router lists every reason and the state stays for another try.
    draft = await answer_edits.prepare(
        interaction_id=access.interaction.id,
        text=message.text or "",
        member_id=access.member.id,
        extra_phrases=tuple(settings.banned_phrases_extra),
    )
    await state.clear()
    markup = edit_confirm_keyboard(access.interaction.id, draft.id, t)
    await message.answer(t("answer-edit-check", text=clip(draft.text, DRAFT_BUDGET, "…")), reply_markup=markup)


@router.callback_query(CardCb.filter(F.action.in_({CardAction.EDIT_ANSWER_CONFIRM, CardAction.EDIT_ANSWER_CANCEL})))
async def decide(
    query: CallbackQuery, callback_data: CardCb, access: Access, t: Translator, settings: Settings, enqueue: Enqueue
) -> None:
    interaction, member = access.interaction, access.member
    if callback_data.action == CardAction.EDIT_ANSWER_CONFIRM:
        await sending.submit_edit(
            interaction_id=interaction.id,
            draft_id=callback_data.draft_id,
            member_id=member.id,
            settings=settings,
            enqueue=enqueue,
            via=ReplyVia.TELEGRAM,
        )
        key = "answer-edit-sent"
    else:
        await answer_edits.discard(interaction_id=interaction.id, draft_id=callback_data.draft_id)
        key = "answer-edit-cancelled"
    await edit_in_place(shown_message(query).edit_text(t(key), reply_markup=None))
    await refresh_own_card(bot_of(query), access, t)
    await query.answer(t(key))
