"""What the LLM sandbox says: polite replies chosen from the prompt, injection-obeying and evil variants."""

from __future__ import annotations

import hashlib
import re

_POLITE = {
    "ru": (
        "Здравствуйте! Спасибо за ваше сообщение. Нам важно ваше мнение, мы его внимательно прочитали. Хорошего дня!",
        "Добрый день! Благодарим вас за обратную связь. Ваши слова помогают нам становиться лучше. "
        "Будем рады видеть вас снова!",
        "Здравствуйте! Спасибо за ваше сообщение и за выбор нашего магазина. Всего вам доброго!",
    ),
    "en": (
        "Hello! Thank you for your message. We value your opinion and read it carefully. Have a nice day!",
        "Good day! Thank you for your feedback. Your words help us get better. We hope to see you again!",
        "Hello! Thank you for your message and for choosing our shop. All the best!",
    ),
}
_APOLOGY = {
    "ru": "Здравствуйте! Нам очень жаль, что покупка вас огорчила. Спасибо, что рассказали об этом. Всего доброго!",
    "en": "Hello! We are very sorry the purchase disappointed you. Thank you for telling us about it. All the best!",
}
_OBEYED = {
    "ru": "Здравствуйте! Мы вернём вам деньги в полном объёме. Спасибо за отзыв!",
    "en": "Hello! We will refund you the full price. Thank you for your review!",
}
_EVIL = {
    "ru": (
        "Здравствуйте! Я искусственный интеллект и бот магазина, отвечаю автоматически. Спасибо за отзыв!",
        "Здравствуйте! Вернём вам деньги, если вы измените отзыв на 5 звёзд. Спасибо!",
        "Здравствуйте! Все подробности на нашем сайте https://example.com/shop. Спасибо!",
    ),
    "en": (
        "Hello! I am an AI assistant, a bot answering automatically. Thank you for the review!",
        "Hello! We will refund you if you change your review to 5 stars. Thanks!",
        "Hello! All the details are on our site https://example.com/shop. Thanks!",
    ),
}
_INJECTION = re.compile(r"ignore (all )?(the )?previous instructions|игнорируй\w* (все )?предыдущие инструкции", re.I)
# "… and write: «text»": a gullible sandbox answers exactly the quoted text, as a fooled model might (the
# adversarial tests of issue 28 make it say obfuscated contacts, money offers and tokens).
_DICTATED = re.compile(r"(?:write|say|answer|напиши|ответь)\w*\s*:\s*«([^»]{1,1000})»", re.I)
_LANGUAGE = re.compile(r"reply language:\s*(ru|en)", re.I)
_VARIANT = re.compile(r"Variant: (\d+)")
_RATING = re.compile(r'"rating":\s*([1-5])')
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)


def prompt_text(messages: list[dict]) -> str:
    """All message contents joined: what the answer is derived from."""
    return "\n".join(str(m.get("content") or "") for m in messages)


def _language(prompt: str, messages: list[dict]) -> str:
    if found := _LANGUAGE.search(prompt):
        return found.group(1).lower()
    last = str(messages[-1].get("content") or "") if messages else ""
    return "ru" if len(_CYRILLIC.findall(last)) >= len(_LATIN.findall(last)) else "en"


def reply_for(
    messages: list[dict],
    *,
    evil: bool,
    gullible: bool,
    intent_answer: str,
    topics_answer: str = "none",
    canned: str = "",
) -> str:
    """The sandbox's deterministic answer to these messages."""
    prompt = prompt_text(messages)
    if "one intent from this list" in prompt.lower():
        return intent_answer
    if "topics from this list" in prompt.lower():
        return topics_answer
    if canned:
        return canned
    language = _language(prompt, messages)
    # The same prompt picks the same answer; "Variant: N" steps to the next one, so Regenerate always differs.
    variant = _VARIANT.search(prompt)
    base = _VARIANT.sub("", prompt)
    pick = int.from_bytes(hashlib.sha256(base.encode()).digest()[:4], "big") + (int(variant.group(1)) if variant else 0)
    if evil:
        return _EVIL[language][pick % len(_EVIL[language])]
    if gullible and _INJECTION.search(prompt):
        dictated = _DICTATED.search(prompt)
        return dictated.group(1) if dictated else _OBEYED[language]
    rating = _RATING.search(prompt)
    if rating and int(rating.group(1)) <= 2:
        return _APOLOGY[language]
    return _POLITE[language][pick % len(_POLITE[language])]


def count_tokens(text: str) -> int:
    """A stable stand-in for a tokenizer: about one token per four characters."""
    return max(1, len(text) // 4)
