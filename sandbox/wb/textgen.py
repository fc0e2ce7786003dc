"""Russian buyer text and catalogue data for the WB sandbox, generated from templates with a seeded `Random`.

Ratings follow the J-shape of real WB stores (mostly fives, a bump of ones); texts are stitched from openers,
product-specific remarks and closers so that hundreds of reviews of one store rarely repeat.
"""

from __future__ import annotations

import random
import string

RATING_WEIGHTS = {5: 66, 4: 13, 3: 6, 2: 4, 1: 11}

# category: (subject id, subject name, product names, sizes, aspects buyers talk about)
CATEGORIES: dict[str, tuple[int, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "tshirt": (
        219,
        "Футболки-поло",
        ("Футболка поло мужская", "Поло хлопковое", "Футболка оверсайз"),
        ("S", "M", "L", "XL", "XXL"),
        ("ткань", "размер", "швы", "цвет"),
    ),
    "dress": (
        69,
        "Платья",
        ("Платье миди летнее", "Платье трикотажное", "Сарафан льняной"),
        ("42", "44", "46", "48", "50"),
        ("ткань", "размер", "фасон", "цвет"),
    ),
    "kettle": (
        1331,
        "Чайники электрические",
        ("Чайник электрический стеклянный", "Термопот 3 л"),
        ("0",),
        ("нагрев", "крышка", "запах пластика", "шум"),
    ),
    "cream": (
        1402,
        "Кремы для лица",
        ("Крем для лица увлажняющий", "Крем ночной с ретинолом"),
        ("0",),
        ("запах", "текстура", "эффект", "упаковка"),
    ),
    "toy": (
        776,
        "Конструкторы",
        ("Конструктор магнитный 64 детали", "Набор для творчества"),
        ("0",),
        ("детали", "коробка", "инструкция", "качество пластика"),
    ),
    "sneakers": (
        105,
        "Кроссовки",
        ("Кроссовки беговые", "Кеды на платформе"),
        ("37", "38", "39", "40", "41", "42", "43"),
        ("размер", "подошва", "запах", "колодка"),
    ),
}
BRANDS = ("Бест Трикотаж", "ДомТех", "Nordic Home", "ЭкоЛайн", "Urban Step", "Мила", "KidsJoy", "Beauty Lab")
COLORS = ("черный", "белый", "бежевый", "синий", "серый", "розовый", "colorless")
NAMES = (
    "Николай",
    "Анна",
    "Екатерина",
    "Ольга",
    "Дмитрий",
    "Алёна",
    "Ирина",
    "Сергей",
    "Мария",
    "Татьяна",
    "Юлия",
    "Андрей",
    "Наталья",
    "Светлана",
    "Покупатель Wildberries",
    "Елена",
    "Артём",
    "Кристина",
)

OPENERS = {
    "good": (
        "Очень довольна покупкой!",
        "Всё отлично.",
        "Заказываю уже второй раз.",
        "Пришло быстро, упаковано хорошо.",
        "Товар соответствует описанию.",
        "Брала в подарок маме, ей понравилось.",
        "Спасибо продавцу!",
    ),
    "mid": ("В целом нормально.", "Есть плюсы и минусы.", "Ожидала немного большего.", "За свою цену неплохо."),
    "bad": (
        "Разочарована.",
        "Не советую.",
        "Очень жаль потраченных денег.",
        "Пришёл брак.",
        "Товар не соответствует фото.",
        "Верните деньги!",
    ),
}
REMARKS = {
    "good": (
        "{aspect} — на пятёрку",
        "{aspect}: всё как на фото",
        "по части «{aspect}» претензий нет",
        "{aspect} — то, что нужно",
        "отдельно отмечу: {aspect} — супер",
    ),
    "mid": ("{aspect} — так себе", "{aspect}: могло быть и лучше", "{aspect} — на троечку", "есть вопросы: {aspect}"),
    "bad": (
        "{aspect} — ужас",
        "{aspect}: совсем не как в описании",
        "{aspect} — просто кошмар",
        "главная проблема — {aspect}",
        "{aspect} — это вообще что-то",
    ),
}
CLOSERS = {
    "good": ("Рекомендую!", "Буду заказывать ещё.", "Советую к покупке.", "", "5 звёзд.", "Всем доволен."),
    "mid": ("Посмотрим, как будет дальше.", "Пока оставлю.", "", "Думаю, вернуть или нет."),
    "bad": ("Оформила возврат.", "Больше у этого продавца не закажу.", "Продавец, разберитесь!", "", "Жду ответа."),
}
PROS = ("Удобный", "Цена", "Качество", "Быстрая доставка", "Мягкая ткань", "Красивый цвет", "Хорошая упаковка", "Нет")
CONS = ("Нет", "Маломерит", "Запах", "Долгая доставка", "Тонкая ткань", "Цвет отличается", "Брак", "Не нашла")


def order_status(rng: random.Random, stars: int) -> str:
    """WB's `orderStatus` of a review: mostly bought out; unhappy buyers return more often."""
    roll = rng.random()
    returned = 0.35 if stars <= 2 else 0.04
    if roll < returned:
        return "returned"
    if roll < returned + 0.02:
        return "rejected"
    return "notSpecified" if roll > 0.98 else "buyout"


BABLES = ("цена", "качество", "внешний вид", "удобство", "соответствие описанию", "доставка")
QUESTIONS = (
    "Подскажите, {product} {size_q}?",
    "Какой состав у {product_gen}?",
    "Есть ли гарантия на {product_acc}?",
    "Когда будет поступление цвета {color}?",
    "Можно ли стирать в машинке?",
    "Чем отличается от прошлой модели?",
    "Подойдёт ли в подарок ребёнку 7 лет?",
    "Какая страна производства?",
    "Почему цена выросла?",
)
CHAT_OPENERS = (
    'Здравствуйте! У меня вопрос по товару "{product}, бренд {brand}, артикул {nm}"',
    "Добрый день! Пришёл не тот цвет. Можно вернуть и заказать другой товар?",
    "Здравствуйте, товар пришёл с браком, что делать?",
    "Подскажите, когда будет доставка? Заказ висит уже неделю.",
    "Здравствуйте, можно ли обменять на размер побольше?",
)
CHAT_FOLLOWUPS = ("Спасибо!", "Жду ответа.", "Фото приложила.", "Хорошо, поняла.", "А сколько ждать возврат денег?")
_ID_ALPHABET = string.ascii_letters + string.digits


def wb_id(rng: random.Random, length: int = 20) -> str:
    """An id shaped like WB's review/question ids."""
    return "".join(rng.choices(_ID_ALPHABET, k=length))


def rating(rng: random.Random) -> int:
    """A product rating skewed like a real store."""
    return rng.choices(tuple(RATING_WEIGHTS), weights=tuple(RATING_WEIGHTS.values()))[0]


def _mood(stars: int) -> str:
    return "good" if stars >= 4 else "mid" if stars == 3 else "bad"


def review_text(rng: random.Random, stars: int, aspects: tuple[str, ...]) -> tuple[str, str, str]:
    """(text, pros, cons) for a review of `stars`; some buyers leave text empty and only fill pros/cons."""
    mood = _mood(stars)
    remark = rng.choice(REMARKS[mood]).format(aspect=rng.choice(aspects))
    remark = remark[0].upper() + remark[1:]
    parts = [rng.choice(OPENERS[mood]), remark + ".", rng.choice(CLOSERS[mood])]
    text = " ".join(p for p in parts if p) if rng.random() > 0.12 else ""
    pros = rng.choice(PROS) if rng.random() < 0.6 else ""
    cons = rng.choice(CONS) if rng.random() < 0.5 else ""
    return text, pros, cons


def question_text(rng: random.Random, product: str, color: str) -> str:
    """A buyer's question about `product`."""
    low = product[0].lower() + product[1:]
    return rng.choice(QUESTIONS).format(
        product=low, product_gen=low, product_acc=low, color=color, size_q="маломерит или нет"
    )
