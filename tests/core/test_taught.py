"""Teach once in core (issue 25 item 4): what is offered, what is saved (the answer without its greeting and
farewell, once), which later question it answers, and the draft made from it — PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import UTC, datetime

from core import taught
from core.drafting.service import create_draft
from core.models import Channel, Draft, DraftOrigin, Interaction, InteractionStatus, ProductAnswer, ReplyVia, Seller
from core.replies import approve
from core.settings import Settings
from tests.factories import new_seller

ASKED = "Можно ли стирать куртку в машинке?"
ANSWER = "Здравствуйте! Да, на деликатном режиме при 30 градусах, без отжима. Хорошего дня!"


async def _question(seller: Seller, n: int, text: str, nm_id: int | None = 42) -> Interaction:
    return await Interaction.create(
        seller=seller,
        channel=Channel.QUESTION,
        external_id=f"q-{n}",
        nm_id=nm_id,
        text=text,
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
    )


def test_the_answer_keeps_only_its_content() -> None:
    assert taught.answer_core(ANSWER) == "Да, на деликатном режиме при 30 градусах, без отжима."
    assert taught.answer_core("Спасибо!") == "Спасибо!"  # nothing else: kept whole


async def test_offer_save_and_answer_the_next_buyer(db: None, settings: Settings) -> None:
    seller = await new_seller("S")
    first = await _question(seller, 1, ASKED)
    draft = await create_draft(interaction_id=first.id, settings=settings)
    assert draft.asked == ASKED  # no fact answers it: the card says «Нужен ваш ответ»
    assert await taught.offer(first.id) is None  # nothing answered yet
    own = await Draft.create(interaction=first, text=ANSWER, origin=DraftOrigin.SELLER)
    await approve(interaction_id=first.id, text=ANSWER, draft_id=own.id, via=ReplyVia.TELEGRAM)
    assert await taught.offer(first.id) == ASKED
    saved = await taught.save(first.id, None)
    assert saved is not None and saved.answer == "Да, на деликатном режиме при 30 градусах, без отжима."
    assert await taught.save(first.id, None) is None and await ProductAnswer.all().count() == 1
    assert await taught.offer(first.id) is None

    again = await _question(seller, 2, "А в стиральной машинке эту куртку стирать можно?")
    drafted = await create_draft(interaction_id=again.id, settings=settings)
    assert drafted.asked is None and drafted.ok and "деликатном режиме" in drafted.text
    # Another product, or another question: still the seller's to answer.
    elsewhere = await create_draft(interaction_id=(await _question(seller, 3, ASKED, nm_id=7)).id, settings=settings)
    other = await create_draft(interaction_id=(await _question(seller, 4, "Какой утеплитель?")).id, settings=settings)
    assert elsewhere.asked == ASKED and other.asked == "Какой утеплитель?"


async def test_a_generated_draft_sent_as_is_is_not_offered(db: None, settings: Settings) -> None:
    seller = await new_seller("S")
    item = await _question(seller, 1, ASKED)
    draft = await create_draft(interaction_id=item.id, settings=settings)
    await approve(interaction_id=item.id, text=draft.text, draft_id=draft.id, via=ReplyVia.TELEGRAM)
    assert await taught.offer(item.id) is None  # the holding line is no answer worth keeping
