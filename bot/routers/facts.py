"""A card's "Product facts" (sizing, care, known issues, what is in the box): shown from the card, each typed in
answer to a prompt (the FSM state holds the card's interaction and the kind); core validates, audits and stores them.

A `card_router`: the facts belong to the product of the card's interaction, checked once for every handler."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import FactsCb
from bot.facts_screen import facts_screen
from bot.middlewares.access import card_router
from bot.render import clip
from bot.states import FactInput
from bot.tapped import tapped_message
from core import product_facts
from core.access import Access
from core.i18n import Translator

router = card_router("facts")


@router.callback_query(FactsCb.filter())
async def facts_pressed(
    query: CallbackQuery, callback_data: FactsCb, access: Access, t: Translator, state: FSMContext
) -> None:
    interaction = access.interaction
    if interaction.nm_id is None:
        await query.answer(t("bot-facts-no-product"), show_alert=True)
        return
    en = callback_data.en
    if callback_data.kind:
        await state.set_state(FactInput.text)
        await state.set_data({"interaction_id": interaction.id, "kind": callback_data.kind, "en": en})
        await tapped_message(query).answer(
            t("bot-facts-ask-en" if en else "bot-facts-ask", kind=t(f"bot-facts-kind-{callback_data.kind}"))
        )
    else:
        await tapped_message(query).answer(
            **await facts_screen(interaction.seller_id, interaction.nm_id, interaction.id, t, en)
        )
    await query.answer()


@router.message(FactInput.text, F.text, ~F.text.startswith("/"))
async def fact_typed(message: Message, state: FSMContext, access: Access, t: Translator) -> None:
    data = await state.get_data()
    interaction, member = access.interaction, access.member
    en = bool(data.get("en"))
    verdict = await product_facts.set_fact_as_member(
        member, interaction.nm_id, data["kind"], message.text or "", language="en" if en else "ru"
    )
    if not verdict.ok:
        # The state stays: the seller reads why and types the fact again.
        reasons = "\n".join(f"• {clip(r, 300, '…')}" for r in verdict.reasons(t.language))
        await message.answer(t("bot-facts-blocked") + "\n" + reasons)
        return
    await state.clear()
    await message.answer(**await facts_screen(interaction.seller_id, interaction.nm_id, interaction.id, t, en))
