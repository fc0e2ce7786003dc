"""Drafts speak the buyer's language, not the owner's menu language, and never greet WB's placeholder names
(issue #15's reply-language point, done with #16)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from core.drafting.language import buyer_language
from core.drafting.request import clean_name
from core.drafting.service import create_draft
from core.models import Channel, Interaction, InteractionStatus, Seller
from core.settings import Settings

CYRILLIC = re.compile(r"[а-яё]", re.I)


async def _item(*, seller_language: str, text: str, buyer_name: str | None, channel: Channel = Channel.REVIEW):
    seller = await Seller.create(name="Shop", language=seller_language)
    return await Interaction.create(
        seller=seller,
        channel=channel,
        external_id=f"x-{seller.id}",
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
        rating=5 if channel == Channel.REVIEW else None,
        text=text,
        buyer_name=buyer_name,
    )


async def test_owner_with_english_menu_gets_russian_drafts_for_russian_buyers(db: None, settings: Settings) -> None:
    item = await _item(seller_language="en", text="Отличное платье, село идеально", buyer_name="Анна")
    draft = await create_draft(interaction_id=item.id, settings=settings)
    latin = re.findall(r"[a-z]", draft.text, re.I)
    assert len(CYRILLIC.findall(draft.text)) > 20 and not latin, draft.text


async def test_english_buyer_gets_an_english_draft_from_a_russian_seller(db: None, settings: Settings) -> None:
    item = await _item(seller_language="ru", text="Great quality, fits perfectly", buyer_name="John")
    draft = await create_draft(interaction_id=item.id, settings=settings)
    assert not CYRILLIC.search(draft.text), draft.text


@pytest.mark.parametrize("name", ["Покупатель Wildberries", "Покупатель WB", "покупатель", "Клиент Вайлдберриз"])
async def test_placeholder_names_are_never_greeted(db: None, settings: Settings, name: str) -> None:
    assert clean_name(name) is None
    item = await _item(seller_language="en", text="Спасибо, всё хорошо", buyer_name=name)
    draft = await create_draft(interaction_id=item.id, settings=settings)
    assert "Покупатель" not in draft.text and "Клиент" not in draft.text, draft.text


def test_language_detection_defaults_to_russian() -> None:
    assert buyer_language("") == "ru"
    assert buyer_language("ok") == "ru"  # too little to tell
    assert buyer_language("Размер M подошёл, fits well") == "ru"
    assert buyer_language("The zipper is broken, I'd like to return it") == "en"
