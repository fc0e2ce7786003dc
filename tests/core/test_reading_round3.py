"""Round 3 of the reader (issue 24): rules from the language rather than from phrases — what a word is bound to
(an injury verb to a body or to a thing), a denial before, inside or after a symptom, a question about what may
happen, harm told by its parts (who was hurt, what it did, what hurt, who treated it), and a few topic conventions
the later sets share. Every case here fails on the round-2 reader."""

from __future__ import annotations

import pytest

from core.reading import Mood, Situation, read
from core.topics import Topic

HARM, LEGAL = Situation.HARM, Situation.LEGAL


@pytest.mark.parametrize(
    "text",
    [
        "Абажглась об крышку, она нагревается как сковорода",  # spelt as heard
        "Стекло в двери духовки лопнуло, осколком посекло руку",  # a damaging verb bound to a body part (lemma)
        "Утюг плюнул кипятком мне на руку, теперь пятно красное и пузырь",  # what hurt + who + what it did
        "После этих таблеток для похудения попала в реанимацию",  # treatment that is never advice
        "Ступенька треснула подо мной, я слетела и подвернула ногу, в гипсе",
        "после вашего дезодоранта под мышками покраснение и зуд, мажу мазью от аллергии",  # a remedy in another phrase
        "Ножницы детские, но ребёнок ими чуть палец не отрезал, крови было много",
        "Gave me hives all over my neck, had to take antihistamines",
        "rebenok proglotil magnit iz nabora, edem v bolnicu",
    ],
)
def test_harm_in_words_the_round_2_lexicon_lacked(text: str) -> None:
    assert HARM in read(text, channel="review", rating=1).situations


@pytest.mark.parametrize(
    "text",
    [
        "Купила для керамики, обожгла глину в муфельной печи — всё выдержали",  # the verb is bound to a thing
        "обожжённая глина, как и написано, горшок тяжёлый",
        "Ребёнок проглотил книжку за вечер — так понравилась сказка",  # swallowing harms only a part
        "Детский смузи — тошноты в дороге не было, укачивает меньше",  # denied after the symptom
        "Глаза после неё не щиплет, хотя у меня чувствительные",  # denied inside the phrase
        "Электрогриль не бьёт током. Пожарили мясо — вкусно!",  # «пожарили» is no fire
        "Раньше от синтетики покрывалась сыпью, а в этой пижаме кожа в порядке",  # a former trouble
        "Кастрюля тяжёлая, можно ушибить ногу если уронить 😄",  # a possibility
        "Прихватки толстые, обжечься через них невозможно",  # an infinitive
        "Прекрасное качество, рука у куклы отвалилась",  # «прекрасное» holds «красное»
    ],
)
def test_harm_near_misses_bound_denied_or_possible(text: str) -> None:
    assert HARM not in read(text, channel="review", rating=5).situations


def test_a_question_about_what_may_happen_is_no_harm_but_a_reported_one_is() -> None:
    assert HARM not in read("Bu krem bolalar uchun mumkinmi? Аллергии не будет?", channel="question").situations
    assert HARM not in read("Состав какой? У мужа аллергия, не хочу рисковать", channel="question").situations
    asked = "это безопасно для детей? сын лизнул слайм и его вырвало, у него жжение во рту"
    assert HARM in read(asked, channel="question").situations


@pytest.mark.parametrize(
    ("text", "legal"),
    [
        ("Не вернёте деньги — суд. Все переписки сохранены", True),
        ("ПРОКУРАТУРА и РПН уже в курсе вашего магазина 😡", True),
        ("Мы с вами будем разговаривать в суде. Готовьте документы.", True),
        ("Обращение в Роспотребнадзор зарегистрировано под номером 77-12345", True),
        ("I will sue if I don't get my refund", True),
        ("Фонарик Иск-ра светит ярко", False),
        ("Исков к продавцу нет и не будет — всё честно", False),
        ("Суд да дело — а шуба пришла уже на следующий день", False),
        ("Юридическая литература, справочник по исковой давности", False),
    ],
)
def test_legal_the_court_as_what_awaits_and_a_step_denied(text: str, legal: bool) -> None:
    assert (LEGAL in read(text, channel="review", rating=1).situations) is legal


def test_a_stuck_parcel_is_the_situation_not_a_delivery_topic() -> None:
    reading = read("Почему заказ до сих пор висит на сортировке? Уже неделю", channel="question")
    assert Situation.ORDER_STUCK in reading.situations and Topic.DELIVERY not in reading.topics


def test_waiting_for_an_answer_or_a_size_is_no_delivery() -> None:
    assert Topic.DELIVERY not in read("Суки, ответьте уже!!! 3 дня жду", channel="chat").topics
    assert Topic.DELIVERY not in read("Когда будет 38 размер? Жду уже месяц", channel="chat").topics


@pytest.mark.parametrize(
    "text",
    [
        "Продавец молодец, быстро отправил, все аккуратно упаковано 👌",
        "Спасибо! Доставили на день раньше, упаковка целая",
        "Delivered in 2 days, excellent!",
    ],
)
def test_delivery_praise_in_other_words(text: str) -> None:
    topics = read(text, channel="review", rating=5).topics
    assert Topic.PRAISE_DELIVERY in topics and Topic.DELIVERY not in topics


def test_pros_praise_quality_only_for_comfort_or_make() -> None:
    def pros(text: str) -> tuple[Topic, ...]:
        return read("", channel="review", rating=5, pros=text, product_name="Сандалии").topics

    assert Topic.PRAISE_QUALITY not in pros("красивые")
    assert Topic.PRAISE_QUALITY in pros("удобные")
    assert Topic.QUALITY not in read("Так себе", channel="review", rating=3).topics


def test_compatibility_with_a_car_make_and_a_case_that_sits_on_a_phone() -> None:
    pads = read("Подойдут ли колодки на Форд Фокус 3?", channel="question", product_name="Колодки тормозные")
    case = read(
        "Чехол плотно сидит или болтается? телефон 12 мини", channel="question", product_name="Чехол для iPhone"
    )
    assert Topic.COMPATIBILITY in pads.topics and Topic.COMPATIBILITY in case.topics


@pytest.mark.parametrize(
    ("text", "channel", "topic"),
    [
        ("Почему разная цена на разные размеры?", "question", Topic.PRICE),
        ("Не пришла зарядка в комплекте. Это так и должно быть?", "question", Topic.INCOMPLETE),
        ("Great, just great. Ordered a 3-pack, got one.", "review", Topic.INCOMPLETE),
        ("Куплено на рост 176, штанины как раз", "review", Topic.PRAISE_FIT),
    ],
)
def test_price_missing_part_and_fit_in_other_words(text: str, channel: str, topic: Topic) -> None:
    assert topic in read(text, channel=channel, rating=None if channel != "review" else 4).topics


@pytest.mark.parametrize(
    "text",
    [
        "Почему в коробке ничего не было?? заказ пришел пустой",
        "Товар сломался через 2 месяца, гарантийный ремонт есть?",
        "Where is my refund? I returned the item 3 weeks ago",
    ],
)
def test_a_question_that_reports_a_fault_or_a_situation_is_negative(text: str) -> None:
    assert read(text, channel="question").mood == Mood.NEGATIVE
    assert read("Какой материал у подкладки?", channel="question").mood == Mood.NEUTRAL
