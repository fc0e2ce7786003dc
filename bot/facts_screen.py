"""A card's "Product facts" screen: its text; the handlers are `bot.routers.facts`."""

from __future__ import annotations

from bot.keyboards import facts_keyboard
from bot.render import clip
from core import product_facts
from core.i18n import Translator
from core.models import FACT_KINDS


def facts_text(facts: dict[str, str], nm_id: int, t: Translator, en: bool = False) -> str:
    """The product's facts (`en`: their English texts, quoted in English replies), escaped."""
    lines = [t("bot-facts-title-en" if en else "bot-facts-title", nm_id=str(nm_id))]
    for kind in FACT_KINDS:
        lines.append(f"<b>{t(f'bot-facts-kind-{kind}')}</b>: {clip(facts[kind], 320, '…') or t('bot-voice-none')}")
    lines.append(t("bot-facts-hint"))
    return "\n".join(lines)


async def facts_screen(seller_id: int, nm_id: int, interaction_id: int, t: Translator, en: bool) -> dict:
    """The product's facts screen as `message.answer` arguments (text and keyboard)."""
    facts = await product_facts.product_facts(seller_id, nm_id, "en" if en else "ru")
    return {"text": facts_text(facts, nm_id, t, en), "reply_markup": facts_keyboard(interaction_id, t, en)}
