"""The "Voice and drafts" screen (/settings → Voice): its text; the handlers are `bot.routers.drafting`."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.keyboards import voice_keyboard
from bot.render import clip
from core.i18n import Translator
from core.models import Seller, SellerMember
from core.seller_settings import SellerSettings


def voice_text(current: SellerSettings, llm_enabled: bool, t: Translator) -> str:
    """The voice screen: every value, escaped (the seller's own words); the English signature and brand line are
    what English replies carry (issue 25 item 5)."""
    none = t("bot-voice-none")
    english = t(
        "bot-voice-screen-en",
        signature_en=clip(current.voice.signature_en, 200, "…") or none,
        brand_en=clip(current.voice.brand_en, 100, "…") or none,
    )
    return t(
        "bot-voice-screen",
        llm=t("settings-on") if llm_enabled else t("settings-off"),
        arrival=t("settings-on") if current.auto_draft_llm else t("settings-off"),
        tone=t(f"bot-voice-tone-{current.voice.tone}"),
        signature=clip(current.voice.signature, 200, "…") or none,
        brand=clip(current.voice.brand, 100, "…") or none,
        banned=clip(", ".join(current.banned_phrases), 400, "…") or none,
    ) + ("\n" + english)


async def voice_screen(member: SellerMember, t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    """The voice screen's text and keyboard for the member's seller."""
    seller = await Seller.get(id=member.seller_id)
    return voice_text(SellerSettings.of(seller.settings), seller.llm_enabled, t), voice_keyboard(t)
