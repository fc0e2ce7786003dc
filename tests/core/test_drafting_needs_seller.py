"""A question no template or product fact answers (issue 25): the stored draft says what was asked
(`Draft.asked`), its card shows «Нужен ваш ответ», and once the seller writes the fact the next draft answers."""

from __future__ import annotations

from bot.render import render_card
from core.drafting.service import create_draft
from core.i18n import translator
from core.items.stage import ItemStage
from core.items.view import ItemView
from core.models import Channel, ProductFacts
from core.settings import Settings
from tests.core.test_drafting_service import _interaction


async def test_a_question_no_fact_answers_is_stored_as_needing_the_seller(db: None, settings: Settings) -> None:
    question = "Подойдёт ли чехол на iPhone 13 mini?"
    item = await _interaction(channel=Channel.QUESTION, rating=None, text=question, nm_id=42)
    draft = await create_draft(interaction_id=item.id, settings=settings)
    assert draft.asked == question and ("Уточн" in draft.text or "Провер" in draft.text), draft.text
    data = ItemView(interaction=item, draft=draft, reply=None, link_count=0, stage=ItemStage.DRAFTED)
    card = render_card(data, translator("ru"))
    assert f"Нужен ваш ответ: «{question}»" in card
    # Once the seller has written the fact, the next draft answers from it.
    await ProductFacts.create(seller_id=item.seller_id, nm_id=42, compatibility="Подходит к iPhone 13 mini и 12 mini.")
    again = await create_draft(interaction_id=item.id, regenerate=True, settings=settings)
    assert again.asked is None and "Подходит к iPhone 13 mini и 12 mini." in again.text
