"""What a question is about when the reading named no topic: the composer's own small cue list, so a question the
reader was unsure of still gets the answer its subject has on WB (a price, a delivery, a cancelled order) or an
honest holding line that names what was asked («Уточним, как упакован товар…») instead of a blank «уточним».

Also the model a compatibility question names («подойдёт на iPhone 13?» → «iPhone 13»), so the holding line says
what will be checked, and whether a size question asks for a number only the seller can give (insole length in cm).
"""

from __future__ import annotations

import re

# Subjects with an answer that is true on WB for every product (the need's message prefix and WB route).
ANSWERED: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (prefix, route, re.compile(pattern, re.IGNORECASE))
    for prefix, route, pattern in (
        (
            "draft-need-cancel_or_change",
            "cancel",
            r"(измен|помен|смен)\w* адрес|адрес\w*( доставки)? (можно )?(измен|помен|смен)|отмен\w* заказ|"
            r"change (the |my )?(delivery )?address|cancel (the |my )?order",
        ),
        ("draft-need-price-question", "price", r"\bцен[аыеу]\b|стоимост|дорож|подешев|\bprice|\bcost\b"),
        (
            "draft-need-delivery-question",
            "deliveries",
            r"доставк|доставят|привез|сколько (дней )?ид[её]т|когда (придет|придёт|будет доставлен)|успеет|"
            r"до (понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|праздник)\w*|deliver|shipping",
        ),
        (
            "draft-need-claim-incomplete",
            "purchases",
            r"не (пришл|положил|вложил)|забыли (положить|вложить)|нет в (коробке|комплекте|наборе)|"
            r"не было в (коробке|комплекте|наборе)|(was|is) missing|wasn.t in the box",
        ),
    )
)
# Subjects only the seller knows: the holding line that names them (`draft-need-unknown-<name>`).
HELD: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("packaging", r"упаков|коробк|пакет|packag|gift box"),
        ("colour", r"цвет|оттен|colou?r|shade"),
        ("age", r"возраст|на сколько лет|\d+\s*(лет|год)|для (ребенка|ребёнка|детей)|\bage\b|years? old"),
        ("gender", r"мальчик|девочк|мужск|женск|унисекс|\bboys?\b|\bgirls?\b|unisex|\bmen\b|\bwomen\b"),
        ("safety", r"безопас|защит\w* от|обожж|нагрева|перегре|\bsafe|overheat"),
    )
)
# A size question that wants a number (a length in cm), not advice on choosing.
_MEASURE = re.compile(
    r"сколько\s*(см|сантиметр)|длин\w* стельк|какая длина|какой длины|в (см|сантиметрах)\b|замер|"
    r"insole length|how (long|many cm)|in cm\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\w\-+.]+")
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_MODEL_MAX = 40


def answered(text: str) -> tuple[str, str] | None:
    """(message prefix, route) of the first subject of `text` that WB's rules answer, or None."""
    return next(((prefix, route) for prefix, route, cue in ANSWERED if cue.search(text)), None)


def held(text: str) -> str | None:
    """The first subject of `text` only the seller knows (names a holding line), or None."""
    return next((name for name, cue in HELD if cue.search(text)), None)


def wants_measure(text: str) -> bool:
    """Whether a size question asks for a measurement (a number the seller must give)."""
    return bool(_MEASURE.search(text))


def _model_like(token: str, first: bool) -> bool:
    return any(c.isdigit() for c in token) or bool(_LATIN.search(token)) or (token[:1].isupper() and not first)


def named_model(text: str, language: str) -> str | None:
    """The model a compatibility question names: the first run of tokens with a digit, Latin letters or a capital
    (not the sentence's first word), e.g. «iPhone 13», «Киа Рио 2015»; None when there is none (or, in an English
    reply, when it is written in Russian letters)."""
    run: list[str] = []
    found: list[str] = []
    for n, match in enumerate(_TOKEN.finditer(text.split("?")[0] if "?" in text else text)):
        token = match.group(0).strip(".")
        if token and _model_like(token, n == 0):
            run.append(token)
        elif run:
            found = run
            break
    found = found or run
    model = " ".join(found)
    if not model or len(model) > _MODEL_MAX or model.isdigit():
        return None
    if language == "en" and re.search(r"[а-яё]", model, re.IGNORECASE):
        return None
    return model
