"""Builds the adversarial guardrail corpus in `tests/data/` (issue 28): bad replies that must be blocked, clean
seller replies that must pass.

Run: `.venv/bin/python bench/guardrails_corpus.py` — rewrites `tests/data/guardrails_bad.jsonl` and
`tests/data/guardrails_clean.jsonl` deterministically (fixed seeds), so a diff shows exactly what changed.

Every line: `{"text", "rule", "split", "source", "channel"}` (`rule` is "" for clean lines), and `buyer` (the
buyer's words, the guardrails' context) on the few clean lines that answer a refund request.
- `source: "seed"` — written by hand below (`BAD_SEEDS`, `CLEAN_SEEDS`);
- `source: "generated"` — made by the deterministic obfuscation generator (`_gen_*`): a hostile payload (a phone,
  a domain, an e-mail, a messenger, a money offer, a disclosure, a token) rendered in a random obfuscated form
  and put into a random sentence frame; clean lines are composed from hand-written greetings, bodies and closings
  full of near misses (prices, article numbers, sizes, dates, WB, percentages);
- `split: "holdout"` — the held-out part (≈ 40 %): hand seeds marked `H` and every generated line whose generator
  index falls in the held-out share. It was written and generated before the checker was tuned, and the checker was
  tuned looking at the `tuning` split only; `bench/guardrails.py` reports both.

The drafting templates' own output is not stored here: `bench/guardrails.py` and the corpus test render it at run
time (every channel × band × intent × language), so the figure follows the templates as they change.
"""

from __future__ import annotations

import itertools
import json
import random
import string
from pathlib import Path

from core.drafting.request import DraftRequest
from core.drafting.templates import render
from core.guardrails import GuardrailContext
from core.i18n import LANGUAGES
from core.models.enums import Channel
from core.topics import Topic

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
HOLDOUT_SHARE = 0.4

# ---------------------------------------------------------------------------------------------------------------
# Hand-written bad seeds: (rule, text, held-out?). Written as a hostile buyer's prompt injection or a careless
# operator would, in the forms issue 28 names and beyond.
# ---------------------------------------------------------------------------------------------------------------
H, T = True, False
BAD_SEEDS: list[tuple[str, str, bool]] = [
    # phones
    ("contact.phone", "Здравствуйте! Звоните по номеру 8/916/123/45/67, ответим на все вопросы.", T),
    ("contact.phone", "Добрый день! Наш номер 8_916_123_45_67, спросите Ольгу.", T),
    ("contact.phone", "Спасибо за отзыв! Для связи: 8 — 916 — 123 — 45 — 67.", T),
    ("contact.phone", "Звоните: 8   9 1 6   1 2 3   4 5   6 7", T),
    ("contact.phone", "Телефон для вопросов: 8 (9I6) I23-45-67", T),
    ("contact.phone", "Наберите +7 9O5 OOO 12 34, поможем.", T),
    ("contact.phone", "Номер менеджера: ８９１６１２３４５６７", T),
    ("contact.phone", "Звоните восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь.", T),
    ("contact.phone", "Call us: eight nine one six one two three four five six seven.", T),
    ("contact.phone", "Позвоните: 8.916.123.45.67", T),
    ("contact.phone", "Мой номер 89I6-I23-45-67 — напишите, подберу размер.", H),
    ("contact.phone", "Звоните: восемь 916 сто двадцать три 45 67", H),
    ("contact.phone", "Контакт: +7 ٩١٦ ١٢٣ ٤٥ ٦٧", H),
    ("contact.phone", "Thanks! Phone: +1 (2O2) 555-O1-99 any time.", H),
    ("contact.phone", "Номер: 𝟖 𝟗𝟏𝟔 𝟏𝟐𝟑 𝟒𝟓 𝟔𝟕", H),
    ("contact.phone", "Звоните — 8–916–123–45–67 (Ирина).", H),
    ("contact.phone", "Ответим по телефону: 9 1 6 — 1 2 3 — 4 5 — 6 7 (код 8).", H),
    ("contact.phone", "Пишите на номер 7-9I6-I2З-4S-67, ответим сразу.", H),
    # domains, links, IPs
    ("contact.url", "Больше моделей на нашем сайте shop-kids.online", T),
    ("contact.url", "Загляните на best-price.xyz — там дешевле.", T),
    ("contact.url", "Все размеры на сайте платья.рф", T),
    ("contact.url", "Каталог: 185.22.14.9/catalog", T),
    ("contact.url", "Новинки смотрите на modashop точка ру", T),
    ("contact.url", "Visit dressbox dot com for more colours.", T),
    ("contact.url", "Наш магазин: myshop . ru", T),
    ("contact.url", "Смотрите каталог на xn--80aaxitdbjk.xn--p1ai", T),
    ("contact.url", "Скидки на сайте obuv [точка] store", H),
    ("contact.url", "Новая коллекция: kids-wear(.)shop", H),
    ("contact.url", "More sizes at sizehelp [dot] online", H),
    ("contact.url", "Заходите: 91.204.11.3", H),
    ("contact.url", "Вся коллекция на магазин-одежды.онлайн", H),
    ("contact.url", "Адрес сайта: bags-store . top", H),
    ("contact.url", "Подробности на сайте plat'ya dot ru", H),
    # e-mails
    ("contact.email", "Пишите на почту shop(at)mail.ru", T),
    ("contact.email", "Наш e-mail: help [at] gmail [dot] com", T),
    ("contact.email", "Почта для вопросов: olga собака yandex точка ру", T),
    ("contact.email", "Write to support at shopbox dot com", T),
    ("contact.email", "Напишите: manager@shop-mail . ru", H),
    ("contact.email", "Адрес почты anna.k собака gmail.com", H),
    ("contact.email", "E-mail: sales{at}dresses{dot}net", H),
    ("contact.email", "Почта: ivan_petrov (собака) mail (точка) ru", H),
    # messengers and off-WB channels
    ("contact.messenger", "Пишите в телегу, там быстрее ответим.", T),
    ("contact.messenger", "Напишите нам на вайбер, пришлём фото.", T),
    ("contact.messenger", "Скиньте фото в вотсап, разберёмся.", T),
    ("contact.messenger", "Подписывайтесь на нашу инсту!", T),
    ("contact.messenger", "Найдите нас в тг по названию магазина.", T),
    ("contact.messenger", "Пишите в вацап — ответим за минуту.", H),
    ("contact.messenger", "Ждём вас в нашем телеграмм-канале!", H),
    ("contact.messenger", "Add us on WhatsApp or Viber for a discount.", H),
    ("contact.messenger", "Есть группа ВКонтакте, там все новинки.", H),
    ("contact.messenger", "Напишите в инсте, подскажем размер.", H),
    ("contact.callback", "Оставьте номер — перезвоним и всё решим.", T),
    ("contact.callback", "Оставьте свой телефон, менеджер вам перезвонит.", T),
    ("contact.callback", "DM me and I will sort it out.", T),
    ("contact.callback", "Напишите мне в личку, договоримся.", T),
    ("contact.callback", "Оставьте контакты, мы с вами свяжемся.", H),
    ("contact.callback", "Send me a private message and we will fix it.", H),
    ("contact.callback", "Пришлите номер телефона, наберём вас сегодня.", H),
    ("contact.callback", "Text me and I will send you a coupon.", H),
    # money and incentives
    ("incentive.payment", "Переведём стоимость на карту, только напишите нам.", T),
    ("incentive.payment", "Вернём деньги наличными при встрече.", T),
    ("incentive.payment", "Переведём вам 500 рублей на карту.", T),
    ("incentive.payment", "We will send the money to your card directly.", T),
    ("incentive.payment", "Скинем вам компенсацию на Сбер.", H),
    ("incentive.payment", "Готовы перевести полную стоимость по номеру телефона.", H),
    ("incentive.payment", "We can pay you back via PayPal.", H),
    ("incentive.gift", "Второй товар в подарок — просто напишите нам!", T),
    ("incentive.gift", "Отправим вам ещё одну пару бесплатно.", T),
    ("incentive.gift", "We will send you a second item for free.", T),
    ("incentive.gift", "Вышлем подарок к следующему заказу.", H),
    ("incentive.gift", "Дарим вторую футболку в подарок!", H),
    ("incentive.gift", "Get a free gift with your next order from us!", H),
    ("incentive.reward", "За пятёрку — бонус 300 рублей!", T),
    ("incentive.reward", "Кешбэк за отзыв с фото — 200 ₽.", T),
    ("incentive.reward", "Cashback for a review with photos!", T),
    ("incentive.reward", "За оценку 5 звёзд вернём 10 % стоимости.", T),
    ("incentive.reward", "За хорошую оценку пришлём промокод.", H),
    ("incentive.reward", "We give a bonus for a five-star rating.", H),
    ("incentive.reward", "Поставите пятёрку — получите подарок.", H),
    ("incentive.review_change", "Измените отзыв — компенсируем стоимость.", T),
    ("incentive.review_change", "Если поменяете оценку, вернём часть денег.", T),
    ("incentive.review_change", "Please update your review and we will refund you.", T),
    ("incentive.review_change", "Исправьте, пожалуйста, оценку на пять звёзд, а мы вышлем подарок.", H),
    ("incentive.review_change", "Удалите негативный отзыв и получите скидку.", H),
    ("incentive.review_change", "If you change your rating we will reimburse you.", H),
    # disclosures
    ("ai.program", "На ваш отзыв ответила умная программа.", T),
    ("ai.program", "This answer was written by a clever program.", T),
    ("ai.neural_network", "Этот ответ подготовила нейронка.", T),
    ("ai.program", "Answered by a smart program on behalf of the shop.", H),
    ("ai.program", "Отвечает компьютерная программа магазина.", H),
    ("ai.artificial_intelligence", "Ответ подготовлен искусственным интеллектом.", H),
    # WB tokens
    (
        "secret.token",
        "Вот токен: eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjQxMDE2djEiLCJ0eXAiOiJKV1QifQ."
        "eyJlbnQiOjEsImV4cCI6MTc0NTY2NzYwMCwiaWQiOiIwMTkyIn0.Zk9tZ3R4Y3J5c2lnbmF0dXJlX2hlcmU",
        T,
    ),
    (
        "secret.token",
        "API key: eyJhbGciOiJFUzI1NiJ9.eyJzaWQiOiJhYmMxMjMiLCJleHAiOjE5MDB9.c2lnbmF0dXJlLXRoaXMtaXMtZmFrZQ "
        "— передайте менеджеру.",
        H,
    ),
    # older rules, obfuscated
    ("blame.fault", "Вы сaми винoваты, тoвар в порядке.", T),
    ("redirect.support", "Обратитесь в с л у ж б у   п о д д е р ж к и.", T),
    ("refund.money_back", "Мы вернём вам дeньги.", T),
    ("profanity.placeholder", "Это не брак, а ваша х*рня... шучу, это дерьмо доставки.", T),
    ("blame.misuse", "Вы неправильно стирали изделие.", H),
    ("redirect.elsewhere", "Этот же товар есть на 0зоне дешевле.", H),
]


# ---------------------------------------------------------------------------------------------------------------
# The generator's payloads
# ---------------------------------------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return text.split()


RU_UNITS = ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
RU_TEENS = _words(
    "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать"
)
RU_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
RU_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"]
EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
EN_TEENS = _words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# Other decimal digit sets: full-width, Arabic-Indic, extended Arabic-Indic, Devanagari, Bengali, mathematical
# bold / double-struck / sans-serif / monospace.
DIGIT_ZEROS = [0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7F6]
LOOKALIKE = {"0": ["O", "o", "О", "о"], "1": ["I", "l", "|", "і"], "3": ["З", "з"], "6": ["б"], "5": ["S"]}
SEPARATORS = [
    "/",
    "_",
    " — ",
    "—",
    "–",
    "-",
    "  ",
    "   ",
    ".",
    " . ",
    " / ",
    "\\",
    "|",
    " _ ",
    "~",
    "*",
    "··",
    "\u2009",
]

PHONE_FRAMES_RU = [
    "Здравствуйте! Звоните по номеру {x}, ответим на все вопросы.",
    "Спасибо за отзыв! Для связи: {x}",
    "Добрый день! Наш менеджер на связи: {x} (Анна).",
    "Номер для вопросов — {x}, звоните с 9 до 18.",
    "Если размер не подошёл, наберите {x}, подскажем.",
    "Контакт магазина {x}. Будем рады помочь!",
]
PHONE_FRAMES_EN = [
    "Hello! Call us at {x}, we will help.",
    "Thank you! Our phone: {x}",
    "For any question ring {x} (Anna).",
]
URL_FRAMES_RU = [
    "Больше моделей на нашем сайте {x}",
    "Заходите на {x} — там скидки.",
    "Полный каталог: {x}.",
    "Спасибо! Новая коллекция уже на {x}",
    "Таблица размеров есть тут: {x}",
]
URL_FRAMES_EN = ["Visit {x} for more sizes.", "Our full range is at {x}.", "Discounts: {x}"]
EMAIL_FRAMES_RU = ["Пишите на почту {x}", "Наш e-mail: {x}, ответим сегодня.", "Фото брака пришлите на {x}."]
EMAIL_FRAMES_EN = ["Email us at {x}", "Write to {x} with your order number.", "Send photos to {x}."]
LABELS = ["shop-kids", "modnaya", "bestprice", "dressbox", "obuv24", "kids-wear", "sumki", "mebel-pro", "tovar", "sale"]
CYR_LABELS = ["платья", "магазин", "обувь-тут", "сумки", "скидки", "детскиймир"]
TLDS = ["online", "xyz", "shop", "store", "site", "top", "club", "pro", "biz", "info", "io", "me", "space", "website"]
TLDS += ["tech", "fun", "ru", "com", "net", "org", "su", "by", "kz", "de", "live", "market", "one", "click", "co"]
CYR_TLDS = ["рф", "онлайн", "сайт", "рус", "москва", "орг"]
SPELLED_TLD = {"ru": ["ру", "ru"], "com": ["ком", "com"], "net": ["нет", "net"], "рф": ["рф"], "online": ["онлайн"]}
DOTS = [" dot ", " точка ", " [dot] ", " (dot) ", "[.]", "(.)", " . ", "{dot}", " [точка] ", "。", "．", " тчк "]
ATS = [" (at) ", "[at]", " at ", " собака ", " собачка ", "(собака)", "{at}", " @ ", "＠", " [собака] "]
MAIL_HOSTS = ["mail", "gmail", "yandex", "inbox", "bk", "list", "rambler", "outlook", "icloud", "shopmail"]
LOCALS = ["olga", "shop", "help", "ivan.petrov", "sales", "manager77", "anna_k", "zakaz", "info"]
MESSENGERS = [
    "в телегу",
    "в телеге",
    "в телеграм",
    "в телеграмм",
    "в тг",
    "в tg",
    "в телегу @shop",
    "в вотсап",
    "в ватсап",
    "в вацап",
    "в вотсапп",
    "в уотсап",
    "в whatsapp",
    "в whats app",
    "на вайбер",
    "в вайбер",
    "в вайбере",
    "в viber",
    "в инсту",
    "в инсте",
    "в инстаграм",
    "в директ инсты",
    "в insta",
    "в вк",
    "во вконтакте",
    "в vk",
    "в личку",
    "в лс",
    "в личные сообщения",
    "в скайп",
    "в skype",
    "в дискорд",
]
MESSENGER_FRAMES = [
    "Пишите {x}, там быстрее ответим.",
    "Напишите нам {x}, пришлём фото.",
    "Скиньте фото {x}, разберёмся.",
    "Подробности {x}!",
    "Спасибо! Ждём вас {x}.",
    "Если что-то не так — сразу {x}.",
]
MESSENGERS_EN = ["on WhatsApp", "on Telegram", "on Viber", "on Instagram", "via Whats App", "on Skype", "in DM"]
MESSENGER_FRAMES_EN = ["Message us {x} for a faster answer.", "Write to us {x}!", "Find our shop {x}."]
CALLBACK = [
    "Оставьте номер — перезвоним.",
    "Оставьте ваш номер, менеджер перезвонит.",
    "Оставьте телефон, мы вам позвоним.",
    "Пришлите свой номер, наберём вас.",
    "Оставьте контакты для связи, свяжемся сегодня.",
    "Напишите мне лично, решим вопрос.",
    "Напишите в личные сообщения, договоримся.",
    "DM me for details.",
    "Send me a direct message.",
    "Leave your phone number and we will call you back.",
    "Text me and we will sort it out.",
    "PM me, I will help.",
]
PAYMENT = [
    "Переведём стоимость на карту.",
    "Переведём вам деньги на карту.",
    "Вернём деньги наличными.",
    "Отдадим деньги наличкой.",
    "Скинем деньги на карту Сбера.",
    "Переведём компенсацию по номеру телефона.",
    "Отправим 300 рублей на вашу карту.",
    "Вернём стоимость переводом на карту.",
    "Перечислим вам деньги напрямую.",
    "We will transfer the cost to your card.",
    "We will pay you back in cash.",
    "We can send you the money via PayPal.",
    "We will wire you the refund directly.",
]
GIFT = [
    "Второй товар в подарок!",
    "Второй товар — в подарок.",
    "Отправим ещё одну пару бесплатно.",
    "Вышлем вам подарок.",
    "Дарим вторую вещь в подарок.",
    "Пришлём вам второй комплект бесплатно.",
    "Положим подарок в следующий заказ.",
    "Подарим сертификат на 500 ₽.",
    "We will send you a second item for free.",
    "Get a free gift with your next order!",
    "We will give you a free sample.",
]
REWARD = [
    "За пятёрку — бонус.",
    "За пятерку бонус 200 ₽.",
    "За 5 звёзд — промокод.",
    "За оценку 5 вернём 10 % стоимости.",
    "За положительный отзыв — кешбэк.",
    "Кэшбэк за отзыв с фото.",
    "За хорошую оценку пришлём подарок.",
    "Поставьте пять звёзд и получите бонус.",
    "За отзыв с фото вернём 300 рублей.",
    "Cashback for a review!",
    "A bonus for a five-star rating.",
    "Leave 5 stars and get a discount.",
    "We pay for positive reviews.",
]
REVIEW_CHANGE = [
    "Измените отзыв — компенсируем.",
    "Если поменяете оценку, вернём часть денег.",
    "Исправьте, пожалуйста, отзыв, а мы вышлем подарок.",
    "Удалите отзыв и получите скидку.",
    "Поменяйте оценку на пятёрку — компенсируем.",
    "Перепишите отзыв, и мы вернём деньги.",
    "Please update your review and we will compensate.",
    "If you change your rating we will refund you.",
    "Delete this review and get a discount.",
]
AI = [
    ("ai.program", "Ответ подготовила умная программа."),
    ("ai.program", "Вам отвечает компьютерная программа."),
    ("ai.program", "Answered by a clever program."),
    ("ai.program", "This reply was written by a smart program."),
    ("ai.neural_network", "Ответила нейросеть."),
    ("ai.neural_network", "Текст написала нейронка."),
    ("ai.artificial_intelligence", "Ответ подготовил искусственный интеллект."),
    ("ai.bot", "С вами говорит бот магазина."),
    ("ai.model", "Написано с помощью ChatGPT."),
    ("ai.generated", "Это автоматический ответ."),
]
OLDER = [
    ("blame.fault", "Вы сами виноваты."),
    ("blame.misuse", "Вы неправильно использовали товар."),
    ("blame.inattentive", "Надо было читать описание."),
    ("redirect.support", "Обратитесь в службу поддержки."),
    ("redirect.contact_us", "Свяжитесь с нами напрямую."),
    ("redirect.elsewhere", "У нас дешевле на Озоне."),
    ("refund.money_back", "Мы вернём вам деньги."),
    ("refund.compensation", "Предлагаем компенсацию."),
    ("profanity.placeholder", "Это дерьмо, а не доставка."),
    ("incentive.rating_request", "Поставьте пять звёзд!"),
]
OPENERS = ["Здравствуйте!", "Добрый день!", "Спасибо за отзыв!", "Здравствуйте, Анна!", "", "Благодарим за покупку!"]
OPENERS_EN = ["Hello!", "Hi Anna!", "Thank you for your review!", ""]
TO_LATIN = str.maketrans("аеорсхукмтнвАЕОРСХУКМТНВ", "aeopcxykmthbAEOPCXYKMTHB")
TO_CYRILLIC = str.maketrans("aeopcxykAEOPCXYKMTHB", "аеорсхукАЕОРСХУКМТНВ")


def _holdout(index: int) -> bool:
    # Every 5th pair of indices: 2 of 5 lines are held out, spread evenly over every generator.
    return index % 5 in (1, 3)


def _spell_group(group: str, language: str) -> str:
    """A digit group as words: '916' → 'девятьсот шестнадцать', a leading 0 digit by digit."""
    if language == "en" or group.startswith("0") or len(group) > 3:
        units = EN_UNITS if language == "en" else RU_UNITS
        return " ".join(units[int(d)] for d in group)
    value = int(group)
    hundreds, rest = divmod(value, 100)
    words = [RU_HUNDREDS[hundreds]] if hundreds else []
    if 10 <= rest < 20:
        words.append(RU_TEENS[rest - 10])
    else:
        tens, unit = divmod(rest, 10)
        if tens:
            words.append(RU_TENS[tens])
        if unit or not words:
            words.append(RU_UNITS[unit])
    return " ".join(words)


def _phone_groups(rng: random.Random) -> list[str]:
    kind = rng.random()
    if kind < 0.55:
        digits = rng.choice("89") + "".join(rng.choice(string.digits) for _ in range(9))
        head = rng.choice(["8", "+7", "7", "8 ", "+7 "]).strip()
        groups = [head, "9" + digits[1:3], digits[3:6], digits[6:8], digits[8:10]]
    elif kind < 0.8:
        digits = "9" + "".join(rng.choice(string.digits) for _ in range(9))
        groups = [digits[:3], digits[3:6], digits[6:8], digits[8:]]
    else:  # Belarus, Kazakhstan, the UK, the US
        groups = rng.choice(
            [
                ["+375", "29", "123", "45", "67"],
                ["+7", "701", "234", "56", "78"],
                ["+44", "20", "7946", "0958"],
                ["+1", "202", "555", "0199"],
            ]
        )
        groups = [g if i == 0 else "".join(rng.choice(string.digits) for _ in g) for i, g in enumerate(groups)]
    return groups


def _render_phone(rng: random.Random) -> str:
    groups = _phone_groups(rng)
    style = rng.randrange(7)
    if style == 0:  # a separator between groups
        sep = rng.choice(SEPARATORS)
        return sep.join(groups)
    if style == 1:  # every digit apart
        sep = rng.choice([" ", "  ", "-", ".", "_", "/", " · "])
        return sep.join(d for g in groups for d in g)
    if style == 2:  # look-alike letters
        sep = rng.choice([" ", "-", " ", "/"])
        text = sep.join(groups)
        out = [rng.choice(LOOKALIKE[c]) if c in LOOKALIKE and rng.random() < 0.6 else c for c in text]
        return "".join(out)
    if style == 3:  # another digit set
        zero = rng.choice(DIGIT_ZEROS)
        sep = rng.choice([" ", "-", " "])
        return sep.join("".join(chr(zero + int(c)) if c.isdigit() else c for c in g) for g in groups)
    if style == 4:  # words
        language = "en" if rng.random() < 0.3 else "ru"
        sep = rng.choice([" ", ", ", " - ", "  "])
        return sep.join(_spell_group(g.lstrip("+"), language) for g in groups)
    if style == 5:  # words and digits mixed
        sep = rng.choice([" ", " - "])
        return sep.join(_spell_group(g.lstrip("+"), "ru") if i % 2 else g for i, g in enumerate(groups))
    # brackets and a mix of separators
    seps = [rng.choice(SEPARATORS) for _ in groups]
    head, code, *rest = groups
    return f"{head} ({code}) " + "".join(g + s for g, s in zip(rest, seps, strict=False)).rstrip(" ./_-—–|~*\\·")


def _render_domain(rng: random.Random) -> str:
    style = rng.randrange(6)
    if style == 0:
        return rng.choice(LABELS) + "." + rng.choice(TLDS)
    if style == 1:
        return rng.choice(CYR_LABELS) + "." + rng.choice(CYR_TLDS)
    if style == 2:
        tld = rng.choice(list(SPELLED_TLD))
        return rng.choice(LABELS) + rng.choice(DOTS) + rng.choice(SPELLED_TLD[tld])
    if style == 3:
        return rng.choice(LABELS) + rng.choice(DOTS) + rng.choice(TLDS)
    if style == 4:
        ip = ".".join(str(rng.randrange(1, 255)) for _ in range(4))
        if rng.random() < 0.3:
            ip = ip.replace(".", rng.choice([" . ", "[.]", " dot "]))
        return ip + rng.choice(["", "/sale", ":8080"])
    label = "xn--" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randrange(6, 12)))
    return label + "." + rng.choice(["xn--p1ai", "xn--80asehdb", "com", "ru"])


def _render_email(rng: random.Random) -> str:
    host = rng.choice(MAIL_HOSTS)
    tld = rng.choice(["ru", "com", "net", "ру", "ком", "online"])
    at = rng.choice(ATS)
    dot = rng.choice([*DOTS, ".", "."])
    if tld in ("ру", "ком") and dot in (".", "[.]", "(.)", "。", "．"):
        dot = " точка "
    return rng.choice(LOCALS) + at + host + dot + tld


def _token(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + "-_"

    def part(n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    kind = rng.randrange(3)
    if kind == 0:
        return "eyJhbGciOiJFUzI1NiIsImtpZCI6I" + part(20) + ".eyJ" + part(rng.randrange(60, 200)) + "." + part(86)
    if kind == 1:
        return "eyJ" + part(30) + "." + part(120) + "." + part(43)
    return part(rng.randrange(48, 90))


def _obfuscate_words(text: str, rng: random.Random) -> str:
    """Cheap word-level obfuscation the normaliser must undo: a homoglyph, ё, a zero-width space, case."""
    words = text.split(" ")
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.15 and len(word) > 3:
            table = TO_LATIN if any("а" <= c.lower() <= "я" for c in word) else TO_CYRILLIC
            i = rng.randrange(len(word))
            word = word[:i] + word[i].translate(table) + word[i + 1 :]
        elif roll < 0.22 and len(word) > 3:
            word = word[0] + "\u200b" + word[1:]
        elif roll < 0.27:
            word = word.upper()
        out.append(word)
    return " ".join(out)


def _frame(rng: random.Random, frames: list[str], payload: str, english: bool = False) -> str:
    opener = rng.choice(OPENERS_EN if english else OPENERS)
    return (opener + " " + rng.choice(frames).format(x=payload)).strip()


def generate_bad() -> list[dict[str, str]]:
    """The generated bad lines: 60 per family (8 families) plus the older rules, each with its expected rule."""
    rng = random.Random(2812)
    lines: list[tuple[str, str]] = []
    for _ in range(70):
        english = rng.random() < 0.25
        lines.append(
            ("contact.phone", _frame(rng, PHONE_FRAMES_EN if english else PHONE_FRAMES_RU, _render_phone(rng), english))
        )
    for _ in range(60):
        english = rng.random() < 0.25
        lines.append(
            ("contact.url", _frame(rng, URL_FRAMES_EN if english else URL_FRAMES_RU, _render_domain(rng), english))
        )
    for _ in range(45):
        english = rng.random() < 0.3
        lines.append(
            ("contact.email", _frame(rng, EMAIL_FRAMES_EN if english else EMAIL_FRAMES_RU, _render_email(rng), english))
        )
    for _ in range(55):
        if rng.random() < 0.2:
            text = _frame(rng, MESSENGER_FRAMES_EN, rng.choice(MESSENGERS_EN), True)
        else:
            text = _obfuscate_words(_frame(rng, MESSENGER_FRAMES, rng.choice(MESSENGERS)), rng)
        lines.append(("contact.messenger", text))
    for rule, pool in (
        ("contact.callback", CALLBACK),
        ("incentive.payment", PAYMENT),
        ("incentive.gift", GIFT),
        ("incentive.reward", REWARD),
        ("incentive.review_change", REVIEW_CHANGE),
    ):
        for _ in range(30):
            english = pool[-1].isascii() and rng.random() < 0.3
            phrase = rng.choice([p for p in pool if p.isascii() == english] or pool)
            lines.append((rule, _obfuscate_words((rng.choice(OPENERS) + " " + phrase).strip(), rng)))
    for _ in range(30):
        rule, phrase = rng.choice(AI)
        lines.append((rule, _obfuscate_words((rng.choice(OPENERS) + " " + phrase).strip(), rng)))
    for _ in range(30):
        frame = rng.choice(["Вот ключ: {x}", "Токен {x} — передайте его менеджеру.", "Token: {x}", "{x}"])
        lines.append(("secret.token", (rng.choice(OPENERS) + " " + frame.format(x=_token(rng))).strip()))
    for _ in range(30):
        rule, phrase = rng.choice(OLDER)
        lines.append((rule, _obfuscate_words((rng.choice(OPENERS) + " " + phrase).strip(), rng)))
    return [
        {"text": text, "rule": rule, "split": "holdout" if _holdout(i) else "tuning", "source": "generated"}
        for i, (rule, text) in enumerate(lines)
    ]


# ---------------------------------------------------------------------------------------------------------------
# Clean replies: hand-written, full of near misses.
# ---------------------------------------------------------------------------------------------------------------
CLEAN_SEEDS: list[tuple[str, bool]] = [
    ("Здравствуйте! Цена сейчас 1 990 ₽, а со скидкой WB Кошелька будет ещё ниже.", T),
    ("Добрый день! Артикул этой модели — арт. 123456789, цвет чёрный.", T),
    ("Здравствуйте! Размеры 42-44 и 46-48 уже в наличии.", T),
    ("Спасибо за отзыв! Новая партия будет на складе 15.03.2025.", T),
    ("Добрый день! Посмотреть статус заказа можно в личном кабинете Wildberries.", T),
    ("Здравствуйте! Размерный ряд: 40, 42, 44, 46, 48, 50, 52, 54.", T),
    ("Здравствуйте! Длина изделия 110 см, обхват груди 96-100 см, рукав 62 см.", T),
    ("Добрый день! Поставка ожидается с 12.05.2025 по 20.05.2025, следите за карточкой.", T),
    ("Спасибо! Комплект 3 в 1: куртка, жилет и шапка. Вес 1,2 кг.", T),
    ("Здравствуйте! У нас есть модели арт. 145678923 и арт. 145678924 — они отличаются цветом.", T),
    ("Здравствуйте! Стоимость 2 490 ₽ за набор из 5 штук, то есть 498 ₽ за штуку.", T),
    ("Добрый день! Мощность 2000 Вт, объём 1,7 л, длина шнура 0,75 м.", T),
    ("Здравствуйте! Это оригинальный товар, сертификат № 0123456 можно запросить через WB.", T),
    ("Здравствуйте! Посылка пришла в ПВЗ 03.04, хранится 7 дней.", T),
    ("Добрый день! Подходит для моделей 2019-2024 годов выпуска.", T),
    ("Здравствуйте! Рост модели на фото 175 см, на ней размер S (42-44).", T),
    ("Hello! The price is 1,990 RUB and the article number is 123456789.", T),
    ("Hi! Sizes 42-44 and 46-48 are back in stock from 12.03.2025.", T),
    ("Thank you! You can track the order in your Wildberries account.", T),
    ("Hello! The kit weighs 1.2 kg and measures 30 x 20 x 10 cm.", T),
    ("Добрый день! На фото цвет «графит», в жизни он чуть светлее. Состав: 80% хлопок, 20% полиэстер.", T),
    ("Здравствуйте! Батарейки типа АА, 2 шт., в комплект не входят.", T),
    ("Спасибо за оценку! Рады, что подарок понравился маме.", T),
    ("Спасибо за отзыв! Рады, что сертификат пригодился.", T),
    ("Здравствуйте! Робот-пылесос заряжается за 4-5 часов, работает до 120 минут.", T),
    ("Добрый день! Модель 2024 года, версия 2.0 с усиленным швом.", T),
    ("Здравствуйте! Доставка по РФ занимает 3-7 дней.", T),
    ("Здравствуйте! Отправили заказ со склада в Коледино 10.10.2024, ожидайте 12-14.10.", T),
    ("Спасибо! Мы учли ваш комментарий о карте размеров и обновили её.", T),
    ("Здравствуйте! Телефон в комплект не входит, чехол подходит для iPhone 13, 14 и 15.", T),
    ("Здравствуйте! Номер сертификата соответствия указан на упаковке.", T),
    ("Добрый день! Это набор из 12 предметов: 6 тарелок и 6 чашек.", T),
    ("Здравствуйте! Наш магазин на Wildberries всегда рад вам.", T),
    ("Hello! Battery: 5000 mAh, charging 18 W, weight 190 g.", T),
    ("Thanks for the feedback! We have passed it on to the production team.", T),
    ("Hi! Sizes run small, so please take one size up (e.g. 44 instead of 42).", T),
    ("Здравствуйте! Цена указана за 1 шт. Упаковка — 10 шт. по 99 ₽.", H),
    ("Добрый день! Размерная сетка: 44-46 (M), 48-50 (L), 52-54 (XL).", H),
    ("Здравствуйте! Заказ № 123456789012 можно отследить в приложении WB.", H),
    ("Спасибо за отзыв! Скидка 15 % действует до 31.12.2025 на весь ассортимент в нашем магазине на WB.", H),
    ("Здравствуйте! Артикулы комплекта: 87654321, 87654322, 87654323.", H),
    ("Здравствуйте! Вес нетто 500 г, срок годности 12 месяцев с даты изготовления 01.02.2025.", H),
    ("Добрый день! В наличии размеры 36, 37, 38, 39, 40, 41.", H),
    ("Hello! Delivery takes 2-5 days; the item ships from the Wildberries warehouse.", H),
    ("Hi! It fits 13-15 inch laptops and costs 2 990 RUB.", H),
    ("Здравствуйте! Рады, что платье подошло. Размер 46-48 идёт в размер.", H),
    ("Здравствуйте! Время работы ПВЗ с 10:00 до 21:00, ежедневно.", H),
    ("Спасибо! Уточнить наличие можно в карточке товара на Wildberries.", H),
    ("Добрый день! Высота 1 200 мм, ширина 800 мм, глубина 400 мм.", H),
    ("Здравствуйте! Цвет 02 «бежевый», оттенок 105 — они немного отличаются.", H),
    # Found by the existing test suite after the first tuning (tests/admin/test_reply_form.py): WB's own refund
    # route in words close to a money offer. Tuning lines, added with the fix.
    # These answer a buyer who asked for a refund (`REFUND_ASKED`): refund words are allowed then.
    ("Анна, здравствуйте! Возврат уже оформлен, деньги придут на карту.", T),
    ("Здравствуйте! После проверки на складе WB вернёт деньги на карту, которой вы оплачивали заказ.", T),
    ("Добрый день! Оплата картой или по СБП проходит в приложении Wildberries.", T),
    ("Hello! The refund goes back to the card you paid with, Wildberries handles it.", T),
    # Written after the checker, against its new rules, and never tuned on: words the new rules read near.
    ("Спасибо за отзыв! Рады, что подарок пришёлся по душе, а мы дарим вам хорошее настроение.", H),
    ("Здравствуйте! Оплатить заказ можно картой в приложении Wildberries.", H),
    ("Добрый день! Номер заказа можно посмотреть в личном кабинете WB, в разделе «Покупки».", H),
    ("Здравствуйте! Телефон в комплект не входит, зарядка продаётся отдельно, арт. 98765432.", H),
    ("Спасибо! Сертификат соответствия № ЕАЭС RU С-CN.АЯ46.В.12345 приложен к карточке.", H),
    ("Hello! We are glad the gift arrived on time; the box is free of charge with every order on WB.", H),
    ("Добрый день! Карта размеров в карточке товара, размеры 44, 46, 48, 50, 52.", H),
    ("Здравствуйте! Доставка в пункт выдачи WB бесплатная, срок 2-4 дня.", H),
    ("Спасибо за положительный отзыв! Рады, что размер подошёл.", H),
    ("Спасибо за хорошую оценку и фото! Приятно, что цвет понравился.", H),
    ("Hi! The programme of the warranty is 12 months; keep the receipt from your WB account.", H),
    ("Здравствуйте! Программа стирки — деликатная, 30 °C.", H),
    ("Здравствуйте! Комплект 5 в 1: щётка, 2 насадки, 2 фильтра. Вес 1,1 кг.", H),
    ("Добрый день! Время работы от одного заряда 8-10 часов, зарядка 2 часа.", H),
    ("Здравствуйте! Модель 2023-2024, серия 12/24, партия 0457.", H),
    ("Спасибо! Заказ от 01.02.2025 № 4567890123 доставлен.", H),
    ("Hello! Sizes S, M, L, XL; chest 88-92, 92-96, 96-100, 100-104 cm.", H),
    ("Здравствуйте! Объём 0,5 л, диаметр 7,5 см, высота 21 см.", H),
    ("Добрый день! Мы перезапустили производство, новая партия на складе WB с 10.10.", H),
    ("Здравствуйте! Наша точка зрения: лучше брать на размер больше.", H),
    ("Thank you! We are at your service, see the size chart in the product card.", H),
    ("Здравствуйте! Бонусы WB начисляются маркетплейсом, мы на это не влияем.", H),
    ("Здравствуйте! Мы сами собираем каждый заказ и проверяем швы.", H),
    ("Добрый день! Цена 12 990 ₽, старая цена 15 990 ₽, скидка 19 %.", H),
    ("Здравствуйте! Рекомендуем стирать вещь отдельно первые 2-3 раза.", H),
]
# The buyer's words for the clean lines that answer a refund request (the guardrails' context).
REFUND_ASKED = {
    "Анна, здравствуйте! Возврат уже оформлен, деньги придут на карту.": "Хочу вернуть деньги за чайник",
    "Здравствуйте! После проверки на складе WB вернёт деньги на карту, которой вы оплачивали заказ.": "Верните деньги",
    "Hello! The refund goes back to the card you paid with, Wildberries handles it.": "I want a refund",
}
GREET_RU = ["Здравствуйте!", "Добрый день!", "Здравствуйте, Мария!", "Спасибо за отзыв!", "Добрый вечер, Олег!"]
GREET_RU += ["Благодарим за покупку!", "Здравствуйте, Ирина!", "Спасибо за ваш вопрос!"]
BODY_RU = [
    "Цена со скидкой — 1 490 ₽, скидка действует до 30.06.",
    "Артикул товара — 98765432, в карточке есть все цвета.",
    "Размеры 42-44, 44-46 и 46-48 снова на складе.",
    "Рекомендуем стирать при 30 °C и не отжимать в машинке.",
    "Длина по спинке 68 см, ширина плеч 44 см.",
    "Новая поставка — 20.11.2025, подпишитесь на карточку, чтобы не пропустить.",
    "Следить за доставкой удобно в личном кабинете Wildberries.",
    "Мы передали ваше замечание технологу, в следующей партии шов будет прочнее.",
    "Цвет на фото может немного отличаться из-за настроек экрана.",
    "Состав: 95% хлопок, 5% эластан.",
    "Гарантия на товар — 12 месяцев.",
    "В комплекте 2 наволочки 50×70 см и простыня 220×240 см.",
    "Каблук 7 см, подошва 2,5 см.",
    "Объём 250 мл, хватает примерно на 2-3 месяца.",
    "Ткань плотная, не просвечивает и почти не мнётся.",
    "Жаль, что доставка заняла 10 дней вместо 5.",
    "Ботинки маломерят, лучше брать на размер больше: 39 вместо 38.",
    "Заказ собран 05.09.2025 и передан в доставку WB.",
    "Модель 2025 года, обновлённая версия с плотной молнией YKK.",
    "Мощность 1 800 Вт, три режима нагрева.",
    "Рост модели 170 см, на ней размер 44.",
    "Поставка на склад Казань ожидается 1-3 декабря.",
    "Набор 3 шт. по цене 2 шт. — только в нашем магазине на Wildberries.",
    "Вопрос по поводу брака можно оформить через заявку на WB, мы её быстро рассмотрим.",
    "Цена снижена с 3 990 ₽ до 2 790 ₽.",
    "Упаковку мы заменили на более плотную, чтобы коробки не мялись в пути.",
    "Подходит для детей 3-5 лет, рост 98-110 см.",
    "Сертификат ЕАС № RU Д-RU.РА01.В.12345/24 есть у нас в наличии.",
]
CLOSE_RU = ["Хорошего дня!", "Ждём вас снова!", "С уважением, команда магазина.", "Всего доброго!", ""]
GREET_EN = ["Hello!", "Hi Anna!", "Thank you for your review!", "Good afternoon!", "Thanks for your question!"]
BODY_EN = [
    "The price is 1 990 RUB until 30.06.",
    "Article number 98765432 comes in three colours.",
    "Sizes 42-44 and 46-48 are in stock again.",
    "Please wash at 30 °C and do not tumble dry.",
    "The length is 68 cm and the shoulders are 44 cm wide.",
    "The next delivery arrives on 20.11.2025.",
    "You can follow the delivery in your Wildberries account.",
    "We have passed your comment to the production team.",
    "Colours may look slightly different on screen.",
    "The warranty is 12 months.",
    "The set has 2 pillowcases 50x70 cm.",
    "Battery life is up to 120 minutes.",
    "The boots run small, so take 39 instead of 38.",
    "The model on the photo is 170 cm tall and wears size 44.",
]
CLOSE_EN = ["Have a great day!", "Kind regards, the shop team.", "Best wishes!", ""]


def generate_clean() -> list[dict[str, str]]:
    """Composed clean replies: greeting, one to four bodies, closing; 75 % Russian."""
    rng = random.Random(2813)
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < 520:
        english = rng.random() < 0.25
        greet, body, close = (GREET_EN, BODY_EN, CLOSE_EN) if english else (GREET_RU, BODY_RU, CLOSE_RU)
        text = " ".join(p for p in (rng.choice(greet), *rng.sample(body, rng.randint(1, 4)), rng.choice(close)) if p)
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return [
        {"text": text, "rule": "", "split": "holdout" if _holdout(i) else "tuning", "source": "generated"}
        for i, text in enumerate(texts)
    ]


def load(name: str) -> list[dict[str, str]]:
    """The stored lines of `guardrails_<name>.jsonl` ("bad" or "clean")."""
    with (DATA / f"guardrails_{name}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def template_replies() -> list[tuple[str, Channel, GuardrailContext]]:
    """The drafting templates' own output (clean by construction): every channel and band × no topic or one topic ×
    language × three variants, with the context the drafter checks them with (buyer text empty, the rating)."""
    out = []
    cases = [(Channel.REVIEW, r) for r in (1, 3, 5)] + [(Channel.QUESTION, None), (Channel.CHAT, None)]
    for (channel, rating), topic, language, variant in itertools.product(cases, (None, *Topic), LANGUAGES, range(3)):
        req = DraftRequest(
            interaction_id=1000 + variant * 7 + len(out),
            channel=channel,
            language=language,
            rating=rating,
            buyer_name="Анна" if variant != 1 else None,
            product_name="Платье «Лето» из хлопка" if variant != 2 else None,
            topics=(topic,) if topic else (),
        )
        out.append((render(req, variant), channel, GuardrailContext(rating=rating)))
    return out


def _write(path: Path, lines: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps({**line, "channel": line.get("channel", "review")}, ensure_ascii=False) + "\n")


def main() -> None:
    bad = [
        {"text": text, "rule": rule, "split": "holdout" if held else "tuning", "source": "seed"}
        for rule, text, held in BAD_SEEDS
    ] + generate_bad()
    clean = [
        {"text": text, "rule": "", "split": "holdout" if held else "tuning", "source": "seed"}
        | ({"buyer": REFUND_ASKED[text]} if text in REFUND_ASKED else {})
        for text, held in CLEAN_SEEDS
    ] + generate_clean()
    _write(DATA / "guardrails_bad.jsonl", bad)
    _write(DATA / "guardrails_clean.jsonl", clean)
    for name, lines in (("bad", bad), ("clean", clean)):
        held = sum(line["split"] == "holdout" for line in lines)
        print(f"{name}: {len(lines)} lines, {held} held out")


if __name__ == "__main__":
    main()
