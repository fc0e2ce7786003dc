"""Card buttons: Draft, Reply, Skip, Timeline; on a draft Approve, Edit, Regenerate, Cancel. Edited in place.

The router is a `card_router`: every handler gets the checked `access` (member × the card's interaction)."""

from __future__ import annotations

import openai
from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.callbacks import CardAction, CardCb
from bot.editing import edit_in_place, refresh_own_card
from bot.keyboards import card_keyboard
from bot.middlewares.access import card_router
from bot.render import render_card, render_timeline
from bot.routers.teach import offer_teaching
from bot.states import EditDraft
from bot.tapped import bot_of, shown_message, tapped_message
from core import cards, inbox, linking, previews, sending
from core.access import Access
from core.drafting.service import create_draft
from core.i18n import Translator
from core.items.view import ItemView, current_draft, item_view, seller_zone
from core.models import ReplyVia
from core.sending import Enqueue
from core.settings import Settings

router = card_router("cards")


async def _show(query: CallbackQuery, interaction_id: int, t: Translator) -> ItemView:
    data = await item_view(interaction_id)
    await edit_in_place(shown_message(query).edit_text(render_card(data, t), reply_markup=card_keyboard(data, t)))
    await query.answer()
    return data


@router.callback_query(CardCb.filter(F.action == CardAction.SHOW))
async def show(query: CallbackQuery, access: Access, t: Translator) -> None:
    data = await item_view(access.interaction.id)
    sent = await tapped_message(query).answer(render_card(data, t), reply_markup=card_keyboard(data, t))
    await cards.card_shown(access.interaction.id, access.member, sent.chat.id, sent.message_id)
    await query.answer()


@router.callback_query(CardCb.filter(F.action.in_({CardAction.DRAFT, CardAction.REGENERATE})))
async def draft(
    query: CallbackQuery,
    callback_data: CardCb,
    access: Access,
    t: Translator,
    settings: Settings,
    llm_client: openai.AsyncOpenAI | None = None,
) -> None:
    interaction_id = access.interaction.id
    regenerate = callback_data.action == CardAction.REGENERATE
    if regenerate:
        await current_draft(interaction_id, callback_data.draft_id)
    await create_draft(
        interaction_id=interaction_id,
        member_id=access.member.id,
        regenerate=regenerate,
        settings=settings,
        llm_client=llm_client,
    )
    await _show(query, interaction_id, t)


async def _send_draft(callback_data: CardCb, access: Access, settings: Settings, enqueue: Enqueue) -> None:
    await sending.send_draft(
        interaction_id=access.interaction.id,
        draft_id=callback_data.draft_id,
        member_id=access.member.id,
        via=ReplyVia.TELEGRAM,
        settings=settings,
        enqueue=enqueue,
    )


@router.callback_query(CardCb.filter(F.action == CardAction.APPROVE))
async def approve(
    query: CallbackQuery, callback_data: CardCb, access: Access, t: Translator, settings: Settings, enqueue: Enqueue
) -> None:
    await _send_draft(callback_data, access, settings, enqueue)
    await _show(query, access.interaction.id, t)


@router.callback_query(CardCb.filter(F.action.in_({CardAction.EDIT, CardAction.REPLY})))
async def edit(query: CallbackQuery, callback_data: CardCb, access: Access, t: Translator, state: FSMContext) -> None:
    # "Edit again" is pressed on the preview: the text's outcome still goes to the card above it.
    card = await cards.member_card(access.interaction.id, access.member.id)
    chat_id, message_id = (card.tg_chat_id, card.tg_message_id) if card else (tapped_message(query).chat.id, None)
    await state.set_state(EditDraft.text)
    await state.set_data(
        {
            "interaction_id": access.interaction.id,
            "draft_id": callback_data.draft_id,
            "chat_id": chat_id,
            "message_id": message_id or tapped_message(query).message_id,
        }
    )
    await tapped_message(query).answer(t("bot-edit-prompt" if callback_data.draft_id else "bot-reply-prompt"))
    await query.answer()


@router.callback_query(CardCb.filter(F.action == CardAction.SEND))
async def send_preview(
    query: CallbackQuery, callback_data: CardCb, access: Access, t: Translator, settings: Settings, enqueue: Enqueue
) -> None:
    await _send_draft(callback_data, access, settings, enqueue)
    await edit_in_place(shown_message(query).edit_text(t("bot-edit-sent"), reply_markup=None))
    await refresh_own_card(bot_of(query), access, t)
    await offer_teaching(shown_message(query), access.interaction.id, t)
    await query.answer()


@router.callback_query(CardCb.filter(F.action == CardAction.DISCARD))
async def discard_preview(query: CallbackQuery, callback_data: CardCb, access: Access, t: Translator) -> None:
    await current_draft(access.interaction.id, callback_data.draft_id)
    await previews.discard(
        interaction_id=access.interaction.id, draft_id=callback_data.draft_id, member_id=access.member.id
    )
    await edit_in_place(shown_message(query).edit_text(t("bot-preview-cancelled"), reply_markup=None))
    await refresh_own_card(bot_of(query), access, t)
    await query.answer()


@router.callback_query(CardCb.filter(F.action == CardAction.UNSKIP))
async def unskip(query: CallbackQuery, access: Access, t: Translator) -> None:
    await inbox.unskip(interaction_id=access.interaction.id, member_id=access.member.id)
    await _show(query, access.interaction.id, t)


@router.callback_query(CardCb.filter(F.action == CardAction.SKIP))
async def skip(query: CallbackQuery, access: Access, t: Translator) -> None:
    await inbox.skip(interaction_id=access.interaction.id, member_id=access.member.id)
    await _show(query, access.interaction.id, t)


@router.callback_query(CardCb.filter(F.action == CardAction.CANCEL))
async def cancel(query: CallbackQuery, access: Access, t: Translator) -> None:
    await inbox.cancel_draft(interaction=access.interaction, member_id=access.member.id)
    await _show(query, access.interaction.id, t)


@router.callback_query(CardCb.filter(F.action == CardAction.TIMELINE))
async def timeline(query: CallbackQuery, access: Access, t: Translator) -> None:
    thread = await linking.timeline(access.interaction.id)
    zone = await seller_zone(access.interaction.seller_id)
    await tapped_message(query).answer(render_timeline(thread, access.interaction.id, t, zone))
    await query.answer()


@router.callback_query(CardCb.filter(F.action == CardAction.RECHECK))
async def recheck_wb(query: CallbackQuery, access: Access, t: Translator, enqueue: Enqueue) -> None:
    """ "Check WB again" on a reply whose outcome is unknown: the card changes once WB answered the read-back."""
    started = await sending.recheck(access.interaction.id, enqueue=enqueue, member_id=access.member.id)
    await query.answer(t("bot-recheck-started" if started else "bot-recheck-nothing"))
