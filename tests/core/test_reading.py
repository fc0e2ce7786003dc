"""The reader (issue 24): topics in context, the buyer's situation incl. safety, mood, reply language and the
product's kind, on the failure classes the issue lists; and the bench's scorer, which must fail a constant detector.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bench.reading import constant_readings, load, read_item, score, shuffled
from core.models.enums import Channel
from core.reading import Mood, ProductKind, Situation, product_kind, read, reply_language
from core.topics import Topic

DATA = Path(__file__).resolve().parent.parent / "data"
SIZES = {Topic.SIZE_SMALL, Topic.SIZE_LARGE}


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Спасибо большое, всё пришло вовремя", None),
        ("Кратко: рекомендую", None),
        ("Юбка длинная, как я и хотела", "Юбка"),
        ("Широкая линейка цветов", "Футболка"),
        ("Мало кто так быстро отправляет", None),
        ("Полотенца мягкие, размер большой", "Полотенце банное"),
    ],
)
def test_ordinary_words_are_no_size_complaint(text: str, product: str | None) -> None:
    assert not set(read(text, channel="review", rating=5, product_name=product).topics) & SIZES


def test_a_parcel_that_hangs_is_stuck_not_loose() -> None:
    for text in ("Заказ висит на сортировке уже неделю", "Посылка зависла в пути"):
        reading = read(text, channel="chat")
        assert Topic.SIZE_LARGE not in reading.topics
        assert Situation.ORDER_STUCK in reading.situations


def test_a_return_refused_at_the_pickup_point_is_no_delivery_complaint() -> None:
    reading = read("ПВЗ отказался принимать возврат, говорят отправка только через заявку", channel="chat")
    assert Situation.RETURN_REFUSED_AT_PICKUP in reading.situations
    assert Topic.DELIVERY not in reading.topics


def test_sarcasm_on_one_star_is_not_praise() -> None:
    reading = read("Ну просто «отличное» качество, развалилось за день 👍", channel="review", rating=1)
    assert reading.mood == Mood.SARCASTIC
    assert Topic.DEFECT in reading.topics
    assert not any(t.praise for t in reading.topics)
    # Praise words on 1★ without irony: mixed, never positive.
    assert read("Отличное платье, спасибо!", channel="review", rating=1).mood == Mood.MIXED


def test_product_kind_changes_the_meaning() -> None:
    case = {"product_name": "Чехол для iPhone 13", "subject": "Чехлы для телефонов"}
    for question in ("Подойдёт ли чехол на iPhone 13 mini?", "Will this case fit iPhone 15?"):
        topics = read(question, channel="question", **case).topics
        assert Topic.COMPATIBILITY in topics and Topic.SIZE_ADVICE not in topics
    shoes = read("Какой размер брать, если длина стопы 25 см?", channel="question", product_name="Кроссовки")
    assert shoes.kind == ProductKind.SHOES and Topic.SIZE_ADVICE in shoes.topics


@pytest.mark.parametrize(
    ("name", "subject", "kind"),
    [
        ("Кроссовки женские беговые", "Кроссовки", ProductKind.SHOES),
        ("Чехол для iPhone 13", "Чехлы для телефонов", ProductKind.ELECTRONICS),
        ("Крем для лица увлажняющий", None, ProductKind.COSMETICS),
        ("Чайник электрический 1.7 л", "Чайники электрические", ProductKind.HOME),
        ("Платье женское летнее миди", "Платья", ProductKind.CLOTHES),
        ("Конструктор магнитный", "Конструкторы", ProductKind.OTHER),
        (None, None, ProductKind.OTHER),
    ],
)
def test_product_kind_from_subject_or_name(name: str | None, subject: str | None, kind: ProductKind) -> None:
    assert product_kind(name, subject) == kind


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("Возврат сдала 3 недели назад, деньги до сих пор не вернули", Situation.REFUND_PENDING),
        ("Подала заявку на брак — отклонили", Situation.CLAIM_REJECTED),
        ("ПВЗ не принял возврат, сказали бирка срезана", Situation.RETURN_REFUSED_AT_PICKUP),
        ("В приложении статус доставлен, а я ничего не получала", Situation.NOT_RECEIVED),
        ("Трек не обновляется, посылка застряла в пути", Situation.ORDER_STUCK),
        ("Хочу отменить заказ", Situation.CANCEL_OR_CHANGE),
        ("Сделайте скидку постоянному покупателю", Situation.DISCOUNT_REQUEST),
        ("Дайте номер ватсап, пришлю видео", Situation.OFF_PLATFORM_CONTACT),
        ("можно в директ вам написать? там удобнее", Situation.OFF_PLATFORM_CONTACT),
        ("Can I DM you on insta?", Situation.OFF_PLATFORM_CONTACT),
        ("Вы там все дебилы что ли?", Situation.ABUSE),
        ("Пришла пустая коробка, товара нет", Situation.EMPTY_BOX),
        ("Прислали ношеные кроссовки, стельки стоптаны", Situation.USED_OR_EXPIRED),
        ("Тушь просрочена, срок годности истёк", Situation.USED_OR_EXPIRED),
        ("Здравствуйте! У меня вопрос по товару", Situation.WB_CHAT_OPENER),
    ],
)
def test_situations_the_topics_cannot_name(text: str, situation: Situation) -> None:
    assert situation in read(text, channel="chat").situations


def test_a_refund_already_pending_is_not_a_return_request() -> None:
    reading = read("Деньги за возврат так и не пришли", channel="chat")
    assert reading.situations == (Situation.REFUND_PENDING,)
    assert Topic.RETURN not in reading.topics


def test_the_opener_with_a_real_question_is_not_the_opener() -> None:
    assert (
        Situation.WB_CHAT_OPENER not in read("У меня вопрос по товару. Какой размер брать?", channel="chat").situations
    )


def test_harm_and_legal_are_read_with_their_near_misses() -> None:
    urgent = read("после крема ожог на лице, иду в Роспотребнадзор", channel="review", rating=1)
    assert set(urgent.safety) == {Situation.HARM, Situation.LEGAL}
    assert Situation.HARM in read("Сын подавился деталью, вызывали скорую", channel="chat").situations
    assert Situation.LEGAL in read("Подаю на вас в суд по ЗоЗПП", channel="chat").situations
    assert Situation.HARM in read("Ребёнок чуть не подавился деталью", channel="chat").situations
    for near_miss in (
        "порезала ткань ножницами, режут отлично",
        "аллергии на шерсть нет, свитер тёплый",
        "в суде работаю, костюм отличный",
        "судя по отзывам, хороший товар",
        "обожглась бы без прихватки — ручки не греются",
        "Претензий нет, всё отлично",
        "Сын играет каждый день, без травм",
        "Можно ли обжечься о ручку?",
    ):
        assert read(near_miss, channel="review", rating=5).safety == (), near_miss


def test_mood_from_text_and_rating() -> None:
    assert read("Какой размер брать на рост 170?", channel="question").mood == Mood.NEUTRAL
    assert read("Отличные джинсы, сели идеально", channel="review", rating=5).mood == Mood.POSITIVE
    assert read("Ткань хорошая, но маломерит", channel="review", rating=4).mood == Mood.MIXED
    assert read("Пришло с браком, не работает", channel="review", rating=1).mood == Mood.NEGATIVE


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The zipper is broken, I'd like to return it", "en"),
        ("Perfect, thanks a lot", "en"),
        ("Zo'r krossovka, razmeri to'g'ri keldi. Rahmat sotuvchiga", "ru"),
        ("Kiyimi yaxshi, lekin biroz uzun", "ru"),
        ("Jaqsy tauar, rakhmet", "ru"),
        ("Жақсы тауар, рахмет!", "ru"),
        ("Размер M подошёл, fits well", "ru"),
        ("ok", "ru"),
    ],
)
def test_reply_language_is_english_only_for_english(text: str, language: str) -> None:
    assert reply_language(text) == language


def test_detection_is_fast() -> None:
    items = load([DATA / "reading_tuning.jsonl"])
    read_item(items[0])  # loads the morphology analyser once
    times = []
    for item in items:
        start = time.thread_time()
        read_item(item)
        times.append(time.thread_time() - start)
    assert sorted(times)[int(0.95 * len(times))] < 0.004  # the bench's target is 2 ms; a loaded CI box gets slack


# Every labelled reading set is tuning data since round 3 (the first held-out was measured twice and retired).
READING_SETS = ("reading_tuning.jsonl", "reading_tuning2.jsonl", "reading_holdout.jsonl")
SAFETY_SETS = ("safety_tuning.jsonl", "safety_tuning2.jsonl", "safety_holdout.jsonl", "safety_tuning3.jsonl")


@pytest.mark.parametrize("name", READING_SETS)
def test_each_reading_set_beats_the_controls(name: str) -> None:
    """Each set alone: macro F1, mood and language meet the targets and the controls fail them. The lowest topic is
    asserted on all sets together (below): the writers differ on one convention — `reading_tuning.jsonl` also labels
    a stuck or lost parcel `delivery`, the two later sets and the label guide leave it to the situation — so
    `delivery` on that set alone sits at 0.67."""
    items = load([DATA / name])
    readings = [read_item(item) for item in items]
    real = score(items, readings)
    constant = score(items, constant_readings(items))
    dealt = score(items, shuffled(readings))
    assert not [f for f in real.failures() if not f.startswith("topic ")]
    assert constant.failures() and dealt.failures()
    assert constant.macro_f1 < 0.2 and dealt.macro_f1 < 0.2 < real.macro_f1


def test_all_reading_sets_together_meet_every_target() -> None:
    items = load([DATA / name for name in READING_SETS])
    assert not score(items, [read_item(item) for item in items]).failures()


@pytest.mark.parametrize("name", SAFETY_SETS)
def test_each_safety_set_meets_recall_and_precision(name: str) -> None:
    items = load([DATA / name])
    safety = score(items, [read_item(item) for item in items]).safety
    assert safety.recall >= 0.98 and safety.precision >= 0.9
    dealt = score(items, shuffled([read_item(item) for item in items])).safety
    assert dealt.recall < 0.5


def test_a_pasted_run_of_letters_is_read_fast() -> None:
    read("прогрев", channel="chat")
    for text in ("a" * 5000, "ж" * 5000, "Ок. " * 300):
        start = time.thread_time()
        read(text, channel="chat")
        assert time.thread_time() - start < 0.05, text[:10]


def test_the_evidence_quotes_what_showed_each_situation() -> None:
    reading = read("после крема ожог на лице, иду в Роспотребнадзор", channel="review", rating=1)
    assert reading.evidence == ("harm: после крема ожог на лице", "legal: иду в роспотребнадзор")


@pytest.mark.parametrize(
    ("text", "delivery"),
    [
        ("Забрал в пункте выдачи, примерил, всё отлично", False),
        ("Треснула, наверное ударили при доставке", False),
        ("Доставка 3 дня, товар понравился", False),
        ("Курьер опять перенёс доставку на завтра", True),
        ("Доставка ужасная, везли две недели", True),
        ("Когда привезут мой заказ?", True),
    ],
)
def test_a_word_for_the_delivery_is_a_complaint_only_when_it_complains(text: str, delivery: bool) -> None:
    """Second round (issue 24): «ПВЗ», «доставка» in a text about something else is no delivery complaint."""
    assert (Topic.DELIVERY in read(text, channel=Channel.REVIEW, rating=3).topics) is delivery


@pytest.mark.parametrize(
    ("text", "praise"),
    [
        ("Хороший крем, рекомендую", False),
        ("Отличный товар", False),
        ("Ткань мягкая, швы ровные", True),
        ("Звук отличный, басы есть", True),
        ("Удобные, носятся весь день", True),
        ("Скиньте номер, так удобнее", False),
    ],
)
def test_quality_praise_names_the_make(text: str, praise: bool) -> None:
    """Second round (issue 24): praise of the item as a whole is no quality praise (the mood still counts it)."""
    assert (Topic.PRAISE_QUALITY in read(text, channel=Channel.REVIEW, rating=5).topics) is praise
    assert read(text, channel=Channel.REVIEW, rating=5).mood == Mood.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "Цвет совсем не такой как на фото",
        "В карточке бордовый, а вживую коричневый",
        "Серый в зелёный уходит?",
        "Does the colour match the photo?",
    ],
)
def test_colour_mismatch_in_other_words(text: str) -> None:
    """Second round (issue 24): the photo is also «карточка», the colour differs «вживую», an undertone is asked."""
    assert Topic.COLOUR_MISMATCH in read(text, channel=Channel.QUESTION).topics


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Не пахнет химией?", Topic.SMELL),
        ("Не линяет при стирке?", Topic.QUALITY),
        ("Как снять насадку?", Topic.USAGE),
        ("Можно ли мыть горячей водой?", Topic.USAGE),
    ],
)
def test_a_question_asks_in_the_negative_and_with_an_infinitive(text: str, topic: Topic) -> None:
    """Second round (issue 24): «не пахнет?» asks about the smell; «как / можно ли» + an infinitive asks how to use."""
    assert topic in read(text, channel=Channel.QUESTION).topics


def test_how_to_return_is_no_usage_question() -> None:
    assert Topic.USAGE not in read("Как вернуть товар?", channel=Channel.QUESTION).topics


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Слишком большое, утонула в нём", Topic.SIZE_LARGE),
        ("Ворс лезет после первой стирки", Topic.QUALITY),
        ("Чем утеплена куртка?", Topic.QUALITY),
        ("Пульта в коробке нет", Topic.INCOMPLETE),
    ],
)
def test_second_round_words(text: str, topic: Topic) -> None:
    """Second round (issue 24): «слишком» + a size word, worn pile, the filling asked, a missing part named first."""
    assert topic in read(text, channel=Channel.REVIEW, rating=2, product_name="Куртка зимняя").topics


def test_cheaper_elsewhere_is_a_price_complaint_not_value_praise() -> None:
    topics = read("Цена кусается, в другом магазине видела дешевле", channel=Channel.REVIEW, rating=3).topics
    assert Topic.PRICE in topics
    assert Topic.PRAISE_VALUE not in topics


@pytest.mark.parametrize(
    "text",
    ["Ткань задерживает влагу, в дождь сухо", "Жду не дождусь зимы, чтобы надеть", "Потеряла форму после стирки"],
)
def test_words_about_the_item_are_no_delivery_complaint(text: str) -> None:
    assert Topic.DELIVERY not in read(text, channel=Channel.REVIEW, rating=4).topics


@pytest.mark.parametrize("text", ["Тёплый оттенок, как на фото", "Надёжный продавец, беру не первый раз"])
def test_a_warm_shade_or_a_reliable_seller_is_no_quality_praise(text: str) -> None:
    assert Topic.PRAISE_QUALITY not in read(text, channel=Channel.REVIEW, rating=5).topics


@pytest.mark.parametrize(
    "text",
    [
        "Вживую темнее, чем ожидала",
        "По цвету не совпадает с картинкой",
        "Looks darker in person",
        "Фото явно с фильтром",
    ],
)
def test_colour_mismatch_said_without_the_word_photo_first(text: str) -> None:
    assert Topic.COLOUR_MISMATCH in read(text, channel=Channel.REVIEW, rating=3).topics


def test_looks_more_expensive_is_value_praise() -> None:
    topics = read("Платье выглядит дороже своей цены", channel=Channel.REVIEW, rating=5).topics
    assert Topic.PRAISE_VALUE in topics
    assert Topic.PRICE not in topics


@pytest.mark.parametrize(
    "text",
    ["Кружка разбилась при первой же мойке", "Фен сам выключается через минуту", "Ручка погнулась", "На экране полосы"],
)
def test_defects_in_other_words(text: str) -> None:
    assert Topic.DEFECT in read(text, channel=Channel.REVIEW, rating=1).topics


@pytest.mark.parametrize(
    "text",
    ["The sound delivers great bass", "Не могу дозвониться до продавца", "Задержали возврат денег на неделю"],
)
def test_a_seller_or_a_sound_is_no_parcel(text: str) -> None:
    assert Topic.DELIVERY not in read(text, channel=Channel.REVIEW, rating=3).topics
