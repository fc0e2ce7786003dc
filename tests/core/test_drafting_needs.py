"""Template drafts read as a good seller's reply (issue 25): a greeting by mood, one early apology for a complaint,
thanks that match what was said, one sentence per need (a shared WB route said once), every buyer situation
answered truthfully, advice by the product's kind, facts only when their content answers, an honest "needs the
seller" when nothing does, English replies without Russian, and Regenerate trying another reading when unsure.
Every combination is guardrail-clean and never mentions an exchange."""

from __future__ import annotations

import re
from math import prod

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.drafting.facts import relevant_fact, suggested_kind
from core.drafting.request import DraftRequest
from core.drafting.templates import blocks, render, rendered
from core.guardrails import GuardrailContext, check_text
from core.i18n import LANGUAGES
from core.models import Channel
from core.reading import Mood, ProductKind, Situation
from core.seller_settings import Voice
from core.topics import Topic, ordered

CHANNELS = (Channel.REVIEW, Channel.QUESTION, Channel.CHAT)
RATINGS = {Channel.REVIEW: (1, 3, 5), Channel.QUESTION: (None,), Channel.CHAT: (None,)}
EXCHANGE = re.compile(r"обмен|exchang", re.I)
CYRILLIC = re.compile(r"[а-яё]", re.I)
APOLOGY = re.compile(r"извин|прост(ите|и\b)|жаль|сожале|sorry|apolog", re.I)


def _req(
    channel: Channel,
    rating: int | None = None,
    *,
    topics: tuple[Topic, ...] = (),
    situations: tuple[Situation, ...] = (),
    **kw: object,
) -> DraftRequest:
    return DraftRequest(
        interaction_id=7, channel=channel, rating=rating, topics=ordered(set(topics)), situations=situations, **kw
    )


def _check(text: str, req: DraftRequest) -> None:
    """The rules every draft keeps."""
    context = GuardrailContext(buyer_text="хочу вернуть деньги" if req.refund_raised else "", rating=req.rating)
    verdict = check_text(text, channel=req.channel, context=context)
    assert verdict.violations == (), (text, verdict.violations)
    assert not EXCHANGE.search(text), text
    assert "Подсказка от нас" not in text and "{" not in text and "draft-" not in text, text
    if req.channel == Channel.REVIEW and (req.rating or 5) <= 3:
        assert "Привет" not in text and "высок" not in text.lower(), text
    if req.language == "en":
        assert not CYRILLIC.search(text), text


def _all_variants(req: DraftRequest) -> set[str]:
    count = prod(len(block) for block in blocks(req) if block)
    return {render(req, variant) for variant in range(count)}


CASES = [
    (topic, channel, rating, language, kind)
    for topic in Topic
    for channel in CHANNELS
    for rating in RATINGS[channel]
    for language in LANGUAGES
    for kind in (ProductKind.CLOTHES, ProductKind.SHOES, ProductKind.ELECTRONICS, ProductKind.OTHER)
]


@pytest.mark.parametrize(("topic", "channel", "rating", "language", "kind"), CASES)
def test_every_topic_in_every_combination_keeps_the_rules(
    topic: Topic, channel: Channel, rating: int | None, language: str, kind: ProductKind
) -> None:
    for tone in ("formal", "friendly"):
        req = _req(channel, rating, topics=(topic,), language=language, kind=kind, voice=Voice(tone=tone))
        for text in _all_variants(req):
            _check(text, req)
            if channel == Channel.REVIEW:
                assert len(text) <= 350, text


@pytest.mark.parametrize("situation", list(Situation))
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_situation_gets_a_true_answer_that_keeps_the_rules(
    situation: Situation, channel: Channel, language: str
) -> None:
    rating = 1 if channel == Channel.REVIEW else None
    req = _req(channel, rating, situations=(situation,), language=language, mood=Mood.NEGATIVE, refund_raised=True)
    for text in _all_variants(req):
        _check(text, req)
        assert channel != Channel.REVIEW or len(text) <= 350, text
        if situation in (Situation.ABUSE, Situation.HARM, Situation.LEGAL):
            assert not re.search(r"спасибо|благодар|thank", text, re.I), text
        if situation.safety:
            assert not re.search(r"брак|дефект|defect|faulty", text, re.I), "no admission"


@pytest.mark.parametrize(
    ("situation", "expect"),
    [
        (Situation.REFUND_PENDING, r"10 рабочих дней.*(«Покупки»|«Финансы»)"),
        (Situation.CLAIM_REJECTED, r"оспорить|повторно"),
        (Situation.RETURN_REFUSED_AT_PICKUP, r"пункт выдачи"),
        (Situation.NOT_RECEIVED, r"истори\w* заказа"),
        (Situation.ORDER_STUCK, r"«Доставки»"),
        (Situation.CANCEL_OR_CHANGE, r"[Оо]тменить"),
        (Situation.DISCOUNT_REQUEST, r"скид"),
        (Situation.OFF_PLATFORM_CONTACT, r"[Пп]равила Wildberries|[Пп]о правилам Wildberries"),
        (Situation.EMPTY_BOX, r"«Покупки»"),
        (Situation.USED_OR_EXPIRED, r"«Покупки»"),
        (Situation.WB_CHAT_OPENER, r"какой у Вас вопрос"),
        (Situation.HARM, r"врач"),
        (Situation.LEGAL, r"подробн"),
    ],
)
def test_each_situation_says_what_the_buyer_can_do_on_wb_today(situation: Situation, expect: str) -> None:
    req = _req(Channel.CHAT, situations=(situation,), refund_raised=True)
    assert all(re.search(expect, text, re.I) for text in _all_variants(req)), _all_variants(req)


def test_a_happy_five_star_never_gets_a_size_complaint_sentence() -> None:
    # «Спасибо большое, всё отлично» misread as size_large: positive mood, no apology, no "великовата".
    req = _req(Channel.REVIEW, 5, topics=(Topic.SIZE_LARGE,), mood=Mood.POSITIVE, text="Спасибо большое, всё отлично")
    for text in _all_variants(req):
        assert not APOLOGY.search(text) and "велик" not in text, text
        assert re.search(r"спасибо|благодар", text, re.I)


def test_thanks_match_what_was_said() -> None:
    norm = render(_req(Channel.REVIEW, 4, mood=Mood.POSITIVE, text="Норм"))
    assert "высок" not in norm and norm.count("Спасибо") + norm.count("Благодар") == 1, norm
    complaint = _req(Channel.REVIEW, 2, topics=(Topic.DEFECT,), mood=Mood.NEGATIVE, text="Брак, шов разошёлся")
    for text in _all_variants(complaint):
        assert "оценк" not in text and len(APOLOGY.findall(text)) == 1, text


def test_friendly_voice_says_privet_only_to_a_happy_buyer() -> None:
    happy = _req(Channel.REVIEW, 5, topics=(Topic.PRAISE_FIT,), mood=Mood.POSITIVE, voice=Voice(tone="friendly"))
    angry = _req(Channel.REVIEW, 1, topics=(Topic.DEFECT,), mood=Mood.NEGATIVE, voice=Voice(tone="friendly"))
    assert any("Привет" in text for text in _all_variants(happy))
    assert not any("Привет" in text for text in _all_variants(angry))


def test_needs_sharing_the_purchases_route_are_said_once() -> None:
    req = _req(Channel.REVIEW, 1, topics=(Topic.DEFECT, Topic.WRONG_ITEM, Topic.INCOMPLETE, Topic.RETURN))
    for text in _all_variants(req):
        assert text.count("«Покупки»") == 1, text
        assert len(re.findall(r"[.!?](\s|$)", text)) <= 5, text


def test_a_situation_supersedes_the_topics_it_explains() -> None:
    pending = _req(Channel.CHAT, topics=(Topic.RETURN,), situations=(Situation.REFUND_PENDING,), refund_raised=True)
    for text in _all_variants(pending):
        assert not re.search(r"оформить возврат|возврат оформляется", text, re.I), text
        assert "10 рабочих дней" in text


def test_chat_complaint_opens_with_an_apology_and_abuse_gets_no_thanks() -> None:
    chat = _req(Channel.CHAT, topics=(Topic.DEFECT,))
    for text in _all_variants(chat):
        second = re.split(r"(?<=[.!?])\s", text)[1]
        assert APOLOGY.search(second), text
    abuse = _req(Channel.CHAT, situations=(Situation.ABUSE,), mood=Mood.NEGATIVE)
    assert not any(re.search(r"спасибо|благодар", t, re.I) for t in _all_variants(abuse))


@pytest.mark.parametrize(
    ("kind", "must", "must_not"),
    [
        (ProductKind.SHOES, r"стоп|стельк", r"обхват|груд"),
        (ProductKind.CLOTHES, r"обхват|мерк", r"стельк"),
        (ProductKind.ELECTRONICS, r"^$", r"таблиц|стельк|обхват"),
    ],
)
def test_size_advice_depends_on_the_product_kind(kind: ProductKind, must: str, must_not: str) -> None:
    req = _req(Channel.REVIEW, 2, topics=(Topic.SIZE_SMALL,), mood=Mood.NEGATIVE, kind=kind)
    for text in _all_variants(req):
        assert not re.search(must_not, text), text
        if must != "^$":
            assert re.search(must, text), text


def test_care_advice_only_for_products_that_have_care() -> None:
    pot = _req(Channel.REVIEW, 2, topics=(Topic.SMELL,), mood=Mood.NEGATIVE, kind=ProductKind.ELECTRONICS)
    assert not any(re.search(r"стирк|ярлык", t) for t in _all_variants(pot))
    dress = _req(Channel.QUESTION, topics=(Topic.USAGE,), kind=ProductKind.CLOTHES, text="Можно стирать в машинке?")
    assert all("ярлык" in t for t in _all_variants(dress))


def test_a_fact_is_used_only_when_its_content_answers() -> None:
    facts = {"known_issues": "Молния первое время тугая, разрабатывается за пару дней.", "care": "Стирать при 30°."}
    colour = _req(Channel.QUESTION, topics=(Topic.COLOUR_MISMATCH,), text="Цвет как на фото?", facts=facts)
    assert all("Молния" not in t for t in _all_variants(colour))
    zipper = _req(Channel.REVIEW, 3, topics=(Topic.DEFECT,), mood=Mood.MIXED, text="Молния заедает, тугая", facts=facts)
    assert all("Молния первое время тугая" in t for t in _all_variants(zipper))
    smell = _req(Channel.REVIEW, 2, topics=(Topic.SMELL,), mood=Mood.NEGATIVE, text="Сильно пахнет", facts=facts)
    assert all("30°" not in t for t in _all_variants(smell))
    assert relevant_fact(("care",), "Как стирать?", facts, "ru") == ("care", "Стирать при 30°.")
    assert relevant_fact(("care",), "Как стирать?", facts, "en") is None  # Russian fact in an English reply


def test_a_question_no_fact_answers_needs_the_seller() -> None:
    asked = "Какой состав ткани? Хочу для ребёнка"
    bare = rendered(_req(Channel.QUESTION, topics=(Topic.QUALITY,), text=asked, kind=ProductKind.CLOTHES))
    assert bare.asked == "Какой состав ткани?"
    assert "уточн" in bare.text.lower() and not re.search(r"\d+ ?%", bare.text)
    facts = {"composition": "95% хлопок, 5% эластан"}
    known = rendered(_req(Channel.QUESTION, topics=(Topic.QUALITY,), text=asked, facts=facts))
    assert known.asked is None and "95% хлопок, 5% эластан." in known.text


def test_english_replies_never_carry_russian() -> None:
    voice = Voice(signature="С уважением, «Лето»", brand="Лето")
    req = _req(Channel.REVIEW, 5, topics=(Topic.PRAISE_FIT,), language="en", voice=voice, facts={"sizing": "Маломерит"})
    assert all(not CYRILLIC.search(t) for t in _all_variants(req))
    signed = _req(Channel.REVIEW, 5, language="en", voice=Voice(signature="С уважением", signature_en="Best, Leto"))
    assert render(signed).endswith("Best, Leto")
    branded = _req(Channel.REVIEW, 5, language="en", voice=Voice(brand="Лето", brand_en="Leto"))
    assert render(branded).endswith("the Leto team.")


def test_regenerate_changes_wording_and_an_unsure_reading() -> None:
    req = _req(Channel.REVIEW, 2, topics=(Topic.DEFECT, Topic.SMELL), mood=Mood.NEGATIVE)
    texts = [render(req, v) for v in range(4)]
    assert len(set(texts)) == 4
    unsure = _req(Channel.REVIEW, 2, topics=(Topic.DEFECT, Topic.SMELL), mood=Mood.NEGATIVE, unsure=True)
    first, second = render(unsure, 0), render(unsure, 1)
    assert "запах" in first.lower() and "запах" not in second.lower(), (first, second)


@settings(max_examples=200, deadline=None)
@given(
    topics=st.sets(st.sampled_from(list(Topic)), max_size=4),
    situations=st.sets(st.sampled_from(list(Situation)), max_size=2),
    channel=st.sampled_from(CHANNELS),
    rating=st.sampled_from([1, 2, 3, 4, 5]),
    mood=st.sampled_from(list(Mood)),
    kind=st.sampled_from(list(ProductKind)),
    language=st.sampled_from(LANGUAGES),
    refund_raised=st.booleans(),
    tone=st.sampled_from(["formal", "friendly"]),
    variant=st.integers(0, 50),
)
def test_any_reading_gives_a_clean_short_reply(
    topics: set[Topic],
    situations: set[Situation],
    channel: Channel,
    rating: int,
    mood: Mood,
    kind: ProductKind,
    language: str,
    refund_raised: bool,
    tone: str,
    variant: int,
) -> None:
    req = _req(
        channel,
        rating if channel == Channel.REVIEW else None,
        topics=tuple(topics),
        situations=tuple(situations),
        mood=mood,
        kind=kind,
        language=language,
        refund_raised=refund_raised,
        voice=Voice(tone=tone, brand="Лето"),
        buyer_name="Покупатель Wildberries",
        text="Какой размер?",
    )
    text = render(req, variant)
    _check(text, req)
    assert "Покупатель" not in text
    assert len(APOLOGY.findall(text)) <= 2, text  # one apology (a need may say «жаль» once more at most)
    sentences = re.findall(r"[.!?…](\s|$)", text)
    assert len(sentences) <= 8, text


def test_a_question_names_the_kind_of_fact_to_teach() -> None:
    assert suggested_kind("Какая гарантия на часы?") == "warranty"
    assert suggested_kind("Подойдёт к iPhone 13?") == "compatibility"
    assert suggested_kind("Какой состав ткани?") == "composition"
    assert suggested_kind("Когда отправите?") is None


def test_a_swap_request_is_answered_without_an_exchange_and_praise_never_contradicts() -> None:
    swap = _req(Channel.CHAT, topics=(Topic.RETURN,), text="Хочу поменять размер с 42 на 44")
    for text in _all_variants(swap):
        assert "«Покупки»" in text and not EXCHANGE.search(text), text
    mixed = _req(Channel.REVIEW, 3, topics=(Topic.QUALITY, Topic.PRAISE_QUALITY), mood=Mood.MIXED)
    assert not any(re.search(r"качество (вас|Вас) порадовало|оценили качество", t) for t in _all_variants(mixed))


def test_a_five_star_with_harm_or_a_situation_still_gets_the_apology() -> None:
    for situation in (Situation.HARM, Situation.REFUND_PENDING):
        req = _req(Channel.REVIEW, 5, situations=(situation,), mood=Mood.MIXED, refund_raised=True)
        assert all(APOLOGY.search(t) for t in _all_variants(req)), situation


def test_an_abusive_buyer_who_names_the_problem_gets_the_answer_to_it() -> None:
    req = _req(Channel.CHAT, situations=(Situation.ABUSE, Situation.REFUND_PENDING), mood=Mood.NEGATIVE)
    for text in _all_variants(req):
        assert "10 рабочих дней" in text and "что именно произошло" not in text, text
        assert not re.search(r"спасибо|благодар", text, re.I), text
