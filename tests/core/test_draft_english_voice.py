"""English replies never carry Russian (issue 25 item 5): the seller gives an English signature, brand line and
English texts of product facts; an English reply quotes those, and leaves out what exists only in Russian. The same
holds for what the LLM is told."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from core import product_facts, voice
from core.drafting.llm import build_messages
from core.drafting.request import DraftRequest
from core.drafting.service import create_draft
from core.models import (
    AuditEvent,
    Channel,
    Interaction,
    InteractionStatus,
    ProductAnswer,
    ProductFacts,
    Seller,
    SellerMember,
)
from core.models.enums import MemberRole
from core.seller_settings import SellerSettings, Voice
from core.settings import Settings
from core.taught import keywords
from core.topics import Topic

CYRILLIC = re.compile(r"[а-яё]", re.I)
QUESTION = "Is this case compatible with iPhone 13 mini?"


async def _question(seller: Seller, text: str, n: int = 1) -> Interaction:
    return await Interaction.create(
        seller=seller,
        channel=Channel.QUESTION,
        external_id=f"q-{seller.id}-{n}",
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
        text=text,
        nm_id=555,
    )


async def _seller(**voice_fields: str) -> Seller:
    settings = SellerSettings(voice=Voice(**voice_fields)).model_dump(mode="json")
    return await Seller.create(name="Shop", language="ru", settings=settings)


async def test_an_english_reply_quotes_the_english_fact_and_signature(db: None, settings: Settings) -> None:
    seller = await _seller(signature="С уважением, Лето", signature_en="Best regards, Leto")
    await product_facts.set_fact(seller.id, 555, "compatibility", "Подходит к iPhone 13 mini и 12 mini.")
    verdict = await product_facts.set_fact(
        seller.id, 555, "compatibility", "Fits iPhone 13 mini and 12 mini.", language="en"
    )
    assert verdict.ok
    draft = await create_draft(interaction_id=(await _question(seller, QUESTION)).id, settings=settings)
    assert "Fits iPhone 13 mini and 12 mini." in draft.text and "Best regards, Leto" in draft.text, draft.text
    assert not CYRILLIC.search(draft.text) and draft.asked is None, draft.text
    # The Russian reply keeps the Russian fact and signature.
    ru = await _question(seller, "Подойдёт ли чехол к iPhone 13 mini?", 2)
    ru_draft = await create_draft(interaction_id=ru.id, settings=settings)
    assert "Подходит к iPhone 13 mini и 12 mini." in ru_draft.text and "С уважением, Лето" in ru_draft.text
    row = await ProductFacts.get(seller_id=seller.id, nm_id=555)
    assert row.english == {"compatibility": "Fits iPhone 13 mini and 12 mini."}
    assert await AuditEvent.filter(action="product.facts", seller_id=seller.id).count() == 2


async def test_a_fact_only_in_russian_is_left_out_and_the_seller_is_needed(db: None, settings: Settings) -> None:
    seller = await _seller(signature="С уважением, Лето", brand="Лето")
    await product_facts.set_fact(seller.id, 555, "compatibility", "Подходит к iPhone 13 mini и 12 mini.")
    draft = await create_draft(interaction_id=(await _question(seller, QUESTION)).id, settings=settings)
    assert not CYRILLIC.search(draft.text) and draft.asked == QUESTION, draft.text


async def test_an_english_fact_text_with_russian_letters_is_refused(db: None) -> None:
    seller = await _seller()
    verdict = await product_facts.set_fact(seller.id, 555, "care", "Hand wash only, 30°, не отжимать", language="en")
    assert not verdict.ok and "fact.language" in {v.rule_id for v in verdict.violations}
    assert verdict.reasons("en")[0].startswith("The English text has Russian letters")
    assert not await ProductFacts.exists()
    assert (await product_facts.product_facts(seller.id, 555, "en"))["care"] == ""


async def test_the_voice_takes_english_signature_and_brand_fields(db: None) -> None:
    seller = await _seller()
    owner = await SellerMember.create(seller=seller, tg_user_id=1, tg_chat_id=1, role=MemberRole.OWNER)
    await voice.set_voice_text(owner, "signature_en", "  Best,   Leto team ")
    stored = await voice.set_voice_text(owner, "brand_en", "Leto")
    assert stored.voice.signature_en == "Best, Leto team" and stored.voice.brand_en == "Leto"
    cleared = await voice.set_voice_text(owner, "brand_en", "-")
    assert cleared.voice.brand_en == ""


def test_the_llm_is_given_the_english_voice_for_an_english_reply() -> None:
    req = DraftRequest(
        interaction_id=1,
        channel=Channel.QUESTION,
        language="en",
        text=QUESTION,
        topics=(Topic.COMPATIBILITY,),
        facts={"compatibility": "Fits iPhone 13 mini and 12 mini."},
        voice=Voice(signature="С уважением, Лето", brand="Лето", brand_en="Leto"),
    )
    system, _ = build_messages(req)
    assert "Лето" not in system["content"] and '"Leto"' in system["content"]
    assert json.dumps("Fits iPhone 13 mini and 12 mini.") in system["content"]
    russian_only = DraftRequest(
        interaction_id=1, channel=Channel.QUESTION, language="en", text=QUESTION, voice=Voice(signature="Лето")
    )
    assert "signature" not in build_messages(russian_only)[0]["content"]


async def test_a_russian_answer_taught_once_never_goes_into_an_english_reply(db: None, settings: Settings) -> None:
    seller = await _seller()
    await ProductAnswer.create(
        seller=seller, nm_id=555, question=QUESTION, keywords=keywords(QUESTION), answer="Да, подходит к 13 mini."
    )
    english = await create_draft(interaction_id=(await _question(seller, QUESTION)).id, settings=settings)
    assert not CYRILLIC.search(english.text) and english.asked == QUESTION, english.text
    await ProductAnswer.create(
        seller=seller, nm_id=555, question=QUESTION, keywords=keywords(QUESTION), answer="Yes, it fits the 13 mini."
    )
    taught = await create_draft(interaction_id=(await _question(seller, QUESTION, 2)).id, settings=settings)
    assert "Yes, it fits the 13 mini." in taught.text and not CYRILLIC.search(taught.text), taught.text
