"""Auto-send only when it cannot be wrong (issue 25 item 6): the reading (mood, complaint topic, situation, safety,
unsure), the draft's own sentences (no apology or complaint), the draft's origin (a template unless the seller pays
for AI drafts on arrival), on the real database and the LLM sandbox."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cli.serving import serve_app
from core.autosend import AutoSendReason, apology_sentences, autosend, eligible
from core.guardrails import check_text
from core.llm import make_client
from core.models import AuditEvent, Channel, Draft, DraftOrigin, Interaction, InteractionStatus, Reply, Seller
from core.reading import Mood, Reading, Situation
from core.seller_settings import SellerSettings
from core.settings import LLMSettings, Settings
from core.topics import Topic
from sandbox.llm.server import create_app
from tests.core.fixtures import Queue
from tests.factories import new_seller

ON = SellerSettings(auto_send=True)
OK = check_text("Здравствуйте! Спасибо за отзыв и высокую оценку. Будем рады видеть вас снова!", channel=Channel.REVIEW)
GOOD = "Здравствуйте! Спасибо за отзыв и высокую оценку. Будем рады видеть вас снова!"
POSITIVE = Reading(mood=Mood.POSITIVE)


def _review(rating: int = 5, text: str = "Отлично, всем рекомендую") -> Interaction:
    return Interaction(id=1, seller_id=1, channel=Channel.REVIEW, external_id="x", rating=rating, text=text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Здравствуйте! Спасибо за отзыв. Жаль, что модель оказалась великовата. Ждём вас снова!", 1),
        ("Спасибо! Приносим извинения за задержку.", 1),
        ("Спасибо за отзыв. Сожалеем, что так вышло.", 1),
        ("Простите нас за это. Спасибо!", 1),
        ("Thank you! Sorry the parcel was late.", 1),
        ("Thanks! We apologise for the delay. Unfortunately the size runs small.", 2),
        ("Спасибо! Если размер не подойдёт, оформите возврат в разделе «Покупки».", 1),
        ("Спасибо! Нам очень жаль, что товар пришёл с браком.", 1),
        (GOOD, 0),
        ("Здравствуйте! Рады, что всё просто и удобно. Спасибо за отзыв!", 0),  # «просто» is not «простите»
        ("Hello! Thank you for the review, we are happy you liked it. See you again!", 0),
    ],
)
def test_apology_and_complaint_sentences_in_the_draft(text: str, found: int) -> None:
    assert len(apology_sentences(text)) == found


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        (POSITIVE, AutoSendReason.OK),
        (Reading(mood=Mood.MIXED), AutoSendReason.MOOD),
        (Reading(mood=Mood.SARCASTIC), AutoSendReason.MOOD),
        (Reading(mood=Mood.POSITIVE, topics=(Topic.PRAISE_QUALITY,)), AutoSendReason.OK),
        (Reading(mood=Mood.POSITIVE, topics=(Topic.PRAISE_FIT, Topic.SIZE_LARGE)), AutoSendReason.COMPLAINT),
        (Reading(mood=Mood.POSITIVE, situations=(Situation.DISCOUNT_REQUEST,)), AutoSendReason.SITUATION),
        (Reading(mood=Mood.POSITIVE, situations=(Situation.HARM,)), AutoSendReason.SAFETY),
        (Reading(mood=Mood.POSITIVE, situations=(Situation.LEGAL,)), AutoSendReason.SAFETY),
        (Reading(mood=Mood.POSITIVE, unsure=True), AutoSendReason.UNSURE),
    ],
)
def test_the_reading_decides(reading: Reading, expected: AutoSendReason) -> None:
    assert eligible(_review(), ON, OK, reading=reading, draft_text=GOOD) == (expected == AutoSendReason.OK, expected)


def test_a_draft_with_an_apology_is_never_auto_sent() -> None:
    size = "Здравствуйте! Спасибо большое! Жаль, что модель оказалась великовата. Будем рады видеть вас снова!"
    verdict = check_text(size, channel=Channel.REVIEW)
    assert verdict.ok  # the guardrails alone let it through: the draft's own sentences decide
    assert eligible(_review(), ON, verdict, reading=POSITIVE, draft_text=size) == (False, AutoSendReason.DRAFT_TEXT)


@pytest.mark.parametrize(
    ("origin", "llm_on_arrival", "expected"),
    [
        (DraftOrigin.TEMPLATE, False, AutoSendReason.OK),
        (DraftOrigin.LLM, False, AutoSendReason.ORIGIN),
        (DraftOrigin.FALLBACK, False, AutoSendReason.ORIGIN),
        (DraftOrigin.SELLER, True, AutoSendReason.ORIGIN),
        (DraftOrigin.LLM, True, AutoSendReason.OK),
        (DraftOrigin.TEMPLATE, True, AutoSendReason.OK),
    ],
)
def test_a_template_unless_ai_drafts_on_arrival(origin: DraftOrigin, llm_on_arrival: bool, expected) -> None:
    settings = SellerSettings(auto_send=True, auto_draft_llm=llm_on_arrival)
    got = eligible(_review(), settings, OK, reading=POSITIVE, draft_text=GOOD, draft_origin=origin)
    assert got == (expected == AutoSendReason.OK, expected)


async def _item(seller: Seller, text: str = "Отличный товар, всем рекомендую", rating: int = 5) -> Interaction:
    return await Interaction.create(
        seller=seller,
        channel=Channel.REVIEW,
        external_id=f"fb-{await Interaction.all().count()}",
        rating=rating,
        text=text,
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
    )


def _with_llm(settings: Settings, url: str) -> Settings:
    llm = LLMSettings(base_url=f"{url}/v1", api_key="sk-test", timeout=5, max_retries=0)
    return settings.model_copy(update={"llm": llm})


async def test_auto_send_drafts_from_templates_when_ai_on_arrival_is_off(db: None, settings: Settings) -> None:
    app = create_app(api_key="sk-test")
    seller = await new_seller(llm_enabled=True, settings={"auto_send": True})
    item = await _item(seller)
    queue = Queue()
    async with serve_app(app) as url:
        with_llm = _with_llm(settings, url)
        client = make_client(with_llm.llm)
        reply = await autosend(interaction_id=item.id, settings=with_llm, enqueue=queue, llm_client=client)
        assert reply is not None and queue.ids == [reply.id]
        assert (await Draft.get(id=reply.draft_id)).origin == DraftOrigin.TEMPLATE
        assert app.state.sandbox.requests == []  # not one paid call for an item nobody asked the AI about
        # Opted in to AI drafts on arrival: the model's draft may go out.
        await Seller.filter(id=seller.id).update(settings={"auto_send": True, "auto_draft_llm": True})
        paid = await autosend(
            interaction_id=(await _item(seller)).id, settings=with_llm, enqueue=queue, llm_client=client
        )
        await client.close()
    assert paid is not None and (await Draft.get(id=paid.draft_id)).origin == DraftOrigin.LLM


async def test_a_stored_draft_with_a_size_sentence_is_not_sent(db: None, settings: Settings) -> None:
    # The case: «Спасибо большое, всё отлично» whose draft picked up a size sentence on arrival.
    seller = await new_seller(settings={"auto_send": True})
    item = await _item(seller, "Спасибо большое, всё отлично")
    text = "Здравствуйте! Спасибо за отзыв! Жаль, что модель оказалась великовата. Будем рады видеть вас снова!"
    verdict = check_text(text, channel=Channel.REVIEW)
    await Draft.create(
        interaction=item, text=text, origin=DraftOrigin.TEMPLATE, verdict=verdict.to_dict(), ok=True, dedupe_key="k"
    )
    assert await autosend(interaction_id=item.id, settings=settings, enqueue=Queue()) is None
    assert not await Reply.exists()
    event = await AuditEvent.get(action="reply.auto_send_skipped", interaction_id=item.id)
    assert event.meta == {"reason": "draft_text"}


@pytest.mark.parametrize(
    "text",
    ["Kiyimi yaxshi, lekin biroz uzun", "Жақсы, бірақ сәл үлкен", "Zo'r, ammo rangi boshqacha", "Жакшы, бирок кичине"],
)
def test_but_in_central_asian_mixes_is_no_clear_praise(text: str) -> None:
    assert eligible(_review(5, text), ON, OK, reading=POSITIVE, draft_text=GOOD) == (False, AutoSendReason.TEXT)
