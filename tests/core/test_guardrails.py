"""Every guardrail rule on a text that must trigger it and a near miss that must not.

`EXAMPLES` is keyed by rule id and checked against the rule table, so a rule added without examples fails here.
Positives are checked on a review (the strictest channel); negatives must come out completely clean.
"""

from __future__ import annotations

import pytest

from core.guardrails import GuardrailContext, check_text
from core.guardrails.patterns import redact
from core.guardrails.rules import RULES
from core.models.enums import Channel

NEGATIVE_REVIEW = GuardrailContext(rating=2)
CUSTOM = GuardrailContext(extra_phrases=("конкурент*", "скидка по секрету"))

# rule id -> (positive text, negative near miss, context for both or None)
EXAMPLES: dict[str, tuple[str, str, GuardrailContext | None]] = {
    "ai.neural_network": ("Этот ответ написала нейросеть.", "Сетка для волос из нейлона.", None),
    "ai.artificial_intelligence": ("Ответ подготовил ИИ.", "Размеры и цвета в наличии.", None),
    "ai.bot": ("С вами на связи бот магазина.", "Эти ботинки из натуральной кожи.", None),
    "ai.model": ("Ответ написан с помощью ChatGPT.", "Мы подготовили модель на весну.", None),
    "ai.generated": ("Это автоматический ответ.", "Ответ на ваш вопрос: размер L.", None),
    "ai.program": ("Вам ответила умная программа.", "Программа лояльности действует на всё.", None),
    "incentive.review_change": (
        "Измените, пожалуйста, отзыв, и мы всё исправим.",
        "Мы учли ваш отзыв и изменили упаковку.",
        None,
    ),
    "incentive.reward": (
        "Дарим подарок за положительный отзыв!",
        "Спасибо за отзыв! Подарок для мамы получился отличный.",
        None,
    ),
    "incentive.payment": ("Переведём стоимость на карту.", "Стоимость указана в карточке товара.", None),
    "incentive.gift": ("Второй товар в подарок!", "Рады, что подарок понравился маме!", None),
    "incentive.rating_request": ("Поставьте 5 звёзд, нам будет приятно.", "Спасибо за вашу оценку!", None),
    "refund.money_back": ("Мы вернём вам деньги.", "Мы вернём вам хорошее настроение.", None),
    "refund.return": ("Оформите возврат в личном кабинете.", "Оформите заказ в личном кабинете.", None),
    "refund.compensation": ("Предлагаем компенсацию за неудобства.", "Предлагаем подобрать другой размер.", None),
    "refund.replacement": ("Сделаем бесплатную замену товара.", "Мы бесплатно доставим в пункт выдачи.", None),
    "blame.fault": ("Вы сами виноваты в поломке.", "Нам жаль, что так вышло с поломкой.", None),
    "blame.misuse": ("Вы неправильно использовали утюг.", "Мы неправильно указали размер, исправили.", None),
    "blame.inattentive": (
        "Надо было читать описание перед покупкой.",
        "В описании указан состав ткани.",
        None,
    ),
    "redirect.support": ("Обратитесь в службу поддержки.", "Мы всегда рады помочь с выбором.", None),
    "redirect.contact_us": ("Свяжитесь с нами, и мы всё решим.", "Мы сами свяжемся с курьером.", None),
    "redirect.elsewhere": ("Этот товар дешевле на Озоне.", "Озонатор работает тихо.", None),
    "contact.messenger": ("Напишите нам в WhatsApp.", "Что касается размера, он стандартный.", None),
    "contact.callback": ("Оставьте номер — перезвоним.", "Уточните номер заказа в личном кабинете.", None),
    "contact.url": ("Подробнее: https://example.com/size", "Подробнее в карточке товара.", None),
    "contact.phone": ("Звоните: 8 (916) 123-45-67.", "Артикул 123456789, заказ от 12.05.2024.", None),
    "contact.email": ("Пишите на shop@mail.ru.", "Цена 500 ₽ за штуку.", None),
    "contact.handle": ("Наш канал: @shop_best.", "Почта России доставит быстро.", None),
    "profanity.placeholder": ("Это просто дерьмо, а не отзыв.", "Ткань держит форму после стирки.", None),
    "tone.praise_on_negative": (
        "Спасибо за высокую оценку!",
        "Нам жаль, что товар не подошёл.",
        NEGATIVE_REVIEW,
    ),
    "secret.token": (
        "Ключ: eyJhbGciOiJFUzI1NiJ9.eyJzaWQiOiJhYmMxMjMiLCJleHAiOjE5MDB9.c2lnbmF0dXJlLXRoaXMtaXMtZmFrZQ",
        "Код товара: AB-12345, партия 2024.",
        None,
    ),
    "format.caps": ("СПАСИБО ЗА ПОКУПКУ!", "Спасибо от ООО «Ромашка» и WB!", None),
    "format.empty": (" \u200b\n\t", "Ок", None),
    "format.too_short": ("Д", "Да", None),
    "format.too_long": ("а" * 5001, "а" * 5000, None),
    "custom.phrase": ("У конкурентов дороже.", "Спасибо за выбор нашего магазина.", CUSTOM),
}


def test_every_rule_has_examples() -> None:
    assert set(EXAMPLES) == set(RULES)


def test_default_set_is_large_enough() -> None:
    # The issue asks for at least 25 banned phrases across the four categories.
    categories = ("ai", "incentive", "refund", "blame", "redirect")
    phrases = [p for rule in RULES.values() if rule.category in categories for p in rule.phrases]
    assert len(phrases) >= 25
    assert {rule.category for rule in RULES.values() if rule.phrases} >= set(categories)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_positive(rule_id: str) -> None:
    text, _, context = EXAMPLES[rule_id]
    verdict = check_text(text, channel=Channel.REVIEW, context=context)
    hits = [v for v in verdict.violations if v.rule_id == rule_id]
    assert hits, verdict
    for hit in hits:
        # A secret is never repeated whole, not even in the verdict that refuses it.
        assert hit.fragment == (
            redact(text[hit.start : hit.end]) if rule_id == "secret.token" else text[hit.start : hit.end]
        )
        assert hit.severity == RULES[rule_id].public
        assert hit.reason_key == RULES[rule_id].reason_key


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_negative(rule_id: str) -> None:
    _, text, context = EXAMPLES[rule_id]
    verdict = check_text(text, channel=Channel.REVIEW, context=context)
    assert verdict.violations == (), verdict
    assert verdict.ok


# Everyday answers full of near misses (ботинки, робот-пылесос, озонатор, артикулы, даты, проценты, "заменили").
CLEAN_REPLIES = (
    "Здравствуйте, Мария! Благодарим за отзыв. Рады, что куртка подошла по размеру. Ждём вас снова!",
    "Добрый день! Нам очень жаль, что товар пришёл с дефектом. Мы передали информацию в отдел качества.",
    "Здравствуйте! Ботинки маломерят на полразмера, а ботфорты из этой коллекции идут в размер.",
    "Спасибо за вопрос! Да, робот-пылесос работает с Алисой. Время работы от батареи — до 120 минут.",
    "Добрый день! Состав: 95% хлопок, 5% эластан. Стирка при 30 °C, гладить при температуре до 110 °C.",
    "Здравствуйте! Озонатор работает от сети 220 В, площадь обработки до 50 м².",
    "Здравствуйте! Артикул 145678923 — модель из новой коллекции. Заказ от 8 марта приедет к 12.03.2025.",
    "Здравствуйте! Мы учли замечание про фурнитуру и заменили молнии в новой партии.",
    "Здравствуйте! Инструкция по сборке вложена в коробку, а видео есть в карточке товара.",
    "Спасибо за оценку! Приятных покупок на Wildberries!",
    "Добрый день! Чехол подходит для iPhone 15 Pro и iPhone 15 Pro Max.",
    "Hello! Thank you for your review. We are glad the boots fit well; the leather softens after a few days.",
    "Hi! The robot vacuum works with Google Home. Battery life is up to 2 hours.",
    "Thank you for your feedback! We are sorry the parcel arrived late. Have a great day!",
)


@pytest.mark.parametrize("text", CLEAN_REPLIES)
@pytest.mark.parametrize("channel", list(Channel))
def test_everyday_replies_pass(text: str, channel: Channel) -> None:
    assert check_text(text, channel=channel, context=GuardrailContext(rating=5)).violations == ()
