"""Questions answered from facts or honestly held (issue 25 item 4, third round): the holding line names what was
asked (the model of a compatibility question, packaging, age, a measurement), a question the reader named no topic
for still gets the answer its subject has on WB, a harm question about the composition is held, and an abusive
buyer's question gets one calm line and no thanks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.drafting.request import DraftRequest
from core.drafting.subjects import named_model
from core.drafting.templates import rendered
from core.models import Channel
from core.reading import Mood, ProductKind, Situation
from core.topics import Topic


def _q(text: str, topics: tuple[Topic, ...] = (), **kw: object) -> DraftRequest:
    return DraftRequest(interaction_id=11, channel=Channel.QUESTION, text=text, topics=topics, **kw)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("подойдёт ли чехол на iPhone 13", "iPhone 13"),
        ("Подойдут ли коврики на Киа Рио 2015 года седан?", "Киа Рио 2015"),
        ("Будет работать с Samsung Galaxy A34?", "Samsung Galaxy A34"),
        ("подойдёт ли к моей машине?", None),
    ],
)
def test_the_model_a_compatibility_question_names(text: str, model: str | None) -> None:
    assert named_model(text, "ru") == model


def test_a_compatibility_hold_names_the_model_and_needs_the_seller() -> None:
    for variant in range(4):
        out = rendered(_q("Подойдут ли коврики на Киа Рио 2015 года седан?", (Topic.COMPATIBILITY,)), variant)
        assert "Киа Рио 2015" in out.text and out.asked, out.text
    # In an English reply a model in Russian letters is not quoted: the plain line is used.
    english = rendered(_q("Will it fit my Лада?", (Topic.COMPATIBILITY,), language="en"))
    assert "Лада" not in english.text and english.asked


def test_a_compatibility_fact_answers_instead_of_the_hold() -> None:
    facts = {"compatibility": "Подходит к iPhone 13 и 13 Pro."}
    out = rendered(_q("подойдёт ли чехол на iPhone 13", (Topic.COMPATIBILITY,), facts=facts))
    assert out.asked is None and "Подходит к iPhone 13 и 13 Pro." in out.text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Упаковка какая? Не помнется по дороге? Это на подарок", "упак"),
        ("На какой возраст? Не мелковат для 8 лет?", "возраст"),
        ("Это на мальчика или на девочку? по фото не понятно", "мальчик"),
        ("Есть ли защита от детей? Не обожжется ли ребенок об корпус?", "безопасн"),
    ],
)
def test_an_unread_question_gets_a_hold_that_names_its_subject(text: str, word: str) -> None:
    out = rendered(_q(text, unsure=True))
    assert word in out.text.lower() and out.asked, out.text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Почему такая цена? Месяц назад было 1200", "цен"),
        ("Можно адрес доставки изменить? Переезжаю", "отмен"),
        ("Не пришла зарядка в комплекте. Это так и должно быть?", "Покупки"),
    ],
)
def test_an_unread_question_whose_subject_wb_answers_is_answered(text: str, word: str) -> None:
    out = rendered(_q(text, unsure=True))
    assert word in out.text and out.asked is None, out.text


def test_a_shoe_size_question_that_wants_a_number_gets_advice_and_the_seller() -> None:
    text = "Длина стельки у 37 размера сколько см?"
    out = rendered(_q(text, (Topic.SIZE_ADVICE,), kind=ProductKind.SHOES))
    assert "стельк" in out.text and "уточн" in out.text.lower() and out.asked == text, out.text
    known = rendered(_q(text, (Topic.SIZE_ADVICE,), kind=ProductKind.SHOES, facts={"sizing": "37 — стелька 23,5 см."}))
    assert known.asked is None and "23,5 см" in known.text
    # Advice alone answers a question that asks how to choose.
    advice = rendered(_q("Идет размер в размер?", (Topic.SIZE_ADVICE,), kind=ProductKind.SHOES))
    assert advice.asked is None and "стоп" in advice.text


def test_a_harm_question_about_the_composition_is_held_not_guessed() -> None:
    req = _q(
        "У дочки от этого шампуня сыпь, что в составе??",
        (Topic.QUALITY,),
        situations=(Situation.HARM,),
        kind=ProductKind.COSMETICS,
        mood=Mood.NEGATIVE,
    )
    out = rendered(req)
    assert "врач" in out.text and "состав" in out.text and out.asked, out.text


def test_an_abusive_question_gets_a_calm_line_and_no_thanks() -> None:
    req = _q(
        "Вы там совсем тупые? Какой размер брать на 48?",
        (Topic.SIZE_ADVICE,),
        situations=(Situation.ABUSE,),
        kind=ProductKind.CLOTHES,
        mood=Mood.NEGATIVE,
    )
    for variant in range(4):
        text = rendered(req, variant).text
        assert ("помо" in text or "Помо" in text) and "таблиц" in text and "Спасибо" not in text, text
        assert "Благодар" not in text, text


def test_a_chat_complaint_with_a_question_mark_gets_an_apology_not_a_hold() -> None:
    req = DraftRequest(
        interaction_id=5,
        channel=Channel.CHAT,
        text="Оттенки совершенно не те что на фото, всё бледное. Это у всех так?",
        topics=(Topic.COLOUR_MISMATCH,),
        mood=Mood.NEGATIVE,
        kind=ProductKind.COSMETICS,
    )
    out = rendered(req)
    assert out.asked is None and ("Жаль" in out.text or "Простите" in out.text), out.text


def test_a_broken_item_asked_about_the_warranty_gets_the_warranty_route() -> None:
    req = DraftRequest(
        interaction_id=5,
        channel=Channel.CHAT,
        text="Чайник не включается, прошло 2 месяца. Как воспользоваться гарантией?",
        topics=(Topic.WARRANTY, Topic.DEFECT),
        mood=Mood.NEGATIVE,
        kind=ProductKind.HOME,
    )
    for variant in range(4):
        text = rendered(req, variant).text
        assert "гарантийный срок" in text and "«Покупки»" in text, text


def test_a_vague_negative_review_is_taken_into_account_and_asked_what_exactly() -> None:
    req = DraftRequest(
        interaction_id=9, channel=Channel.REVIEW, rating=1, text="Разочарована. Больше не закажу", mood=Mood.NEGATIVE
    )
    for variant in range(4):
        text = rendered(req, variant).text
        assert "что именно" in text and ("учтём" in text or "передадим" in text), text
        assert "Привет" not in text and "высок" not in text, text


def test_a_harm_chat_gets_the_claim_route_and_its_question_held() -> None:
    req = DraftRequest(
        interaction_id=3,
        channel=Channel.CHAT,
        text="ребенок съел кусок этого слайма, ему плохо, рвота. что там в составе???",
        situations=(Situation.HARM,),
        mood=Mood.NEGATIVE,
    )
    for variant in range(4):
        out = rendered(req, variant)
        assert "врач" in out.text and "«Покупки»" in out.text and "состав" in out.text and out.asked, out.text
    known = rendered(replace(req, facts={"composition": "Состав: вода, гуаровая камедь, краситель E133."}))
    assert "гуаровая камедь" in known.text and known.asked is None, known.text


def test_a_harm_question_on_the_product_page_gets_no_claim_route() -> None:
    req = DraftRequest(
        interaction_id=3,
        channel=Channel.QUESTION,
        text="Крем детям можно? Аллергии не будет?",
        situations=(Situation.HARM,),
        kind=ProductKind.COSMETICS,
    )
    for variant in range(4):
        assert "Покупки" not in rendered(req, variant).text
