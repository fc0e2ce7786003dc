"""A card's "Product facts" (sizing, care, known issues, what is in the box): shown from the card, each typed in
answer to a prompt (the FSM state holds the card's interaction and the kind); core validates, audits and stores them.

A `card_router`: the facts belong to the product of the card's interaction, checked once for every handler."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import FactsCb
from bot.middlewares.access import card_router
from bot.render import clip
from bot.states import FactInput
from bot.tapped import tapped_message
from core import voice
from core.access import Access
from core.i18n import Translator
from core.models import FACT_KINDS

router = card_router("facts")


def facts_keyboard(interaction_id: int, t: Translator, en: bool = False) -> InlineKeyboardMarkup:
    """One button per kind of fact, and the switch to the other language's texts."""
    kb = InlineKeyboardBuilder()
    for kind in FACT_KINDS:
        kb.button(
            text=t(f"bot-facts-kind-{kind}"), callback_data=FactsCb(interaction_id=interaction_id, kind=kind, en=en)
        )
    other = "bot-facts-btn-main" if en else "bot-facts-btn-en"
    kb.button(text=t(other), callback_data=FactsCb(interaction_id=interaction_id, en=not en))
    kb.adjust(2)
    return kb.as_markup()


def facts_text(facts: dict[str, str], nm_id: int, t: Translator, en: bool = False) -> str:
    """The product's facts (`en`: their English texts, quoted in English replies), escaped."""
    lines = [t("bot-facts-title-en" if en else "bot-facts-title", nm_id=str(nm_id))]
    for kind in FACT_KINDS:
        lines.append(f"<b>{t(f'bot-facts-kind-{kind}')}</b>: {clip(facts[kind], 320, '…') or t('bot-voice-none')}")
    lines.append(t("bot-facts-hint"))
    return "\n".join(lines)


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
            **await _screen(interaction.seller_id, interaction.nm_id, interaction.id, t, en)
        )
    await query.answer()


@router.message(FactInput.text, F.text, ~F.text.startswith("/"))
async def fact_typed(message: Message, state: FSMContext, access: Access, t: Translator) -> None:
    data = await state.get_data()
    interaction, member = access.interaction, access.member
    en = bool(data.get("en"))
    verdict = await voice.set_fact_as_member(
        member, interaction.nm_id, data["kind"], message.text or "", language="en" if en else "ru"
    )
    if not verdict.ok:
        # The state stays: the seller reads why and types the fact again.
        reasons = "\n".join(f"• {clip(r, 300, '…')}" for r in verdict.reasons(t.language))
        await message.answer(t("bot-facts-blocked") + "\n" + reasons)
        return
    await state.clear()
    await message.answer(**await _screen(interaction.seller_id, interaction.nm_id, interaction.id, t, en))


async def _screen(seller_id: int, nm_id: int, interaction_id: int, t: Translator, en: bool) -> dict:
    facts = await voice.product_facts(seller_id, nm_id, "en" if en else "ru")
    return {"text": facts_text(facts, nm_id, t, en), "reply_markup": facts_keyboard(interaction_id, t, en)}
