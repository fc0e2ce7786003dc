"""Guardrails throughput: a deterministic mixed corpus of 10 000 reply texts through `check_text`, one process.

Run: `.venv/bin/python bench/guardrails.py [--texts 10000] [--rounds 5]`. Prints texts/s of the best round (CPU time).
The corpus mixes Russian and English, clean and violating (plain, obfuscated, contacts, shouting), short
chat lines and long review answers, on all three channels, with and without a buyer text and extra phrases.
"""

from __future__ import annotations

import argparse
import random
import time

from core.guardrails import GuardrailContext, check_text
from core.models.enums import Channel

RU_OPEN = ("Здравствуйте!", "Добрый день!", "Здравствуйте, Анна!", "Спасибо за ваш отзыв!", "Благодарим за покупку!")
RU_BODY = (
    "Нам очень приятно, что платье подошло по размеру и понравилось качество ткани.",
    "Мы внимательно проверяем каждую партию на складе перед отправкой.",
    "Рекомендуем стирать изделие при температуре не выше 30 градусов и не отжимать в машинке.",
    "Размерная сетка указана в карточке товара, там же есть замеры по длине и обхвату груди.",
    "Жаль, что доставка заняла больше времени, чем вы рассчитывали.",
    "Мы передали ваши замечания о фурнитуре технологу, в следующей партии молнии будут прочнее.",
    "Цвет на фотографиях может немного отличаться из-за настроек экрана.",
    "Кроссовки лучше брать на полразмера больше, если у вас широкая стопа.",
    "Упаковку мы уже заменили на более плотную, чтобы коробки не мялись в пути.",
    "Будем рады видеть вас снова среди наших покупателей.",
    "Пожалуйста, уточните, какой размер вы обычно носите, и мы подскажем подходящий.",
    "Ткань плотная, не просвечивает и почти не мнётся после стирки.",
)
RU_CLOSE = ("Хорошего дня!", "С уважением, команда магазина.", "Всего доброго!", "Ждём вас снова!")
EN_OPEN = ("Hello!", "Hi Anna,", "Thank you for your feedback!", "Good afternoon!")
EN_BODY = (
    "We are glad the jacket fits well and keeps you warm.",
    "Every batch is checked at our warehouse before it ships.",
    "Please wash the item at 30 degrees and do not tumble dry.",
    "The size chart in the product card lists all measurements.",
    "We are sorry the delivery took longer than expected.",
    "Your comments about the zipper have been passed to our production team.",
    "Colours may look slightly different depending on your screen.",
    "We hope to see you again soon.",
)
EN_CLOSE = ("Best regards, the shop team.", "Have a great day!", "Kind regards.")
VIOLATIONS = (
    "Этот ответ подготовила нейросеть.",
    "Ответ сгенерирован ИИ.",
    "Я не б0т, а н е й р о с е т ь.",
    "Вернём деньги, если измените отзыв на пять звёзд.",
    "Подарок за положительный отзыв!",
    "Удалите, пожалуйста, ваш отзыв, а мы вернём деньги.",
    "Вы сами виноваты, надо было читать описание.",
    "Обратитесь в службу поддержки Wildberries.",
    "Пишите нам в т.е.л.е.г.р.а.м @shop_help или на shop@mail.ru.",
    "Звоните: +7 (916) 123-45-67.",
    "Подробности на нашем сайте shop-example.ru/sale.",
    "ВЫ НЕПРАВИЛЬНО ИСПОЛЬЗОВАЛИ ТОВАР!!!",
    "Оформите возврат через личный кабинет.",
    "нeйpoсеть ответила за нас",
    "This reply was written by an AI language model.",
    "We will give you a discount for a 5-star review.",
    "Please contact our support team at help@example.com.",
    "It is your own fault, you did not read the description.",
    "Message us on WhatsApp: +44 20 7946 0958.",
)
BUYER_TEXTS = ("", "Пришёл брак, хочу вернуть деньги.", "Всё отлично, спасибо!", "Size is too small, refund?")


def corpus(size: int, seed: int = 20240601) -> list[tuple[str, Channel, GuardrailContext]]:
    """`size` deterministic (text, channel, context) triples."""
    rng = random.Random(seed)
    items = []
    for i in range(size):
        english = rng.random() < 0.3
        opening, body, closing = (EN_OPEN, EN_BODY, EN_CLOSE) if english else (RU_OPEN, RU_BODY, RU_CLOSE)
        channel = rng.choice((Channel.REVIEW, Channel.REVIEW, Channel.QUESTION, Channel.CHAT))
        count = (
            rng.choice((1, 2, 3, 4, 6)) if channel == Channel.CHAT else rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 8, 12, 25))
        )
        parts = [rng.choice(opening), *rng.choices(body, k=count), rng.choice(closing)]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(1, len(parts)), rng.choice(VIOLATIONS))
        extra = ("конкурент*", "скидка по секрету") if i % 7 == 0 else ()
        context = GuardrailContext(buyer_text=rng.choice(BUYER_TEXTS), rating=rng.randint(1, 5), extra_phrases=extra)
        items.append((" ".join(parts), channel, context))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    items = corpus(args.texts)
    chars = sum(len(text) for text, _, _ in items)
    # CPU time of this process is the figure (other work on the machine inflates wall time); wall is shown too.
    best_cpu = best_wall = float("inf")
    for _ in range(args.rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        blocked = sum(not check_text(text, channel=channel, context=context).ok for text, channel, context in items)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(
        f"{len(items)} texts, {chars / len(items):.0f} chars on average, {blocked} blocked: "
        f"{len(items) / best_cpu:,.0f} texts/s on one core (CPU time; wall clock {len(items) / best_wall:,.0f}/s), "
        f"best of {args.rounds} rounds"
    )


if __name__ == "__main__":
    main()
