"""Does a draft address each topic? A per-topic phrase check (the words a reply about that topic uses) or the
topic detector itself finding the topic in the draft. Used by the tests and by `bench/drafts.py`."""

from __future__ import annotations

import re

from core.topics import Topic, prepare

_MARKERS: dict[str, dict[Topic, str]] = {
    "ru": {
        Topic.SIZE_SMALL: r"размер",
        Topic.SIZE_LARGE: r"размер",
        Topic.SIZE_ADVICE: r"размер",
        Topic.DEFECT: r"брак|дефект",
        Topic.WRONG_ITEM: r"не тот товар|путаниц|не совпал",
        Topic.INCOMPLETE: r"комплект",
        Topic.DELIVERY: r"доставк",
        Topic.PACKAGING: r"упаков",
        Topic.SMELL: r"запах",
        Topic.QUALITY: r"качеств|материал",
        Topic.COLOUR_MISMATCH: r"цвет|оттен",
        Topic.PRICE: r"цен|стоимост",
        Topic.COUNTERFEIT: r"подлинн|оригинальн|бренд",
        Topic.USAGE: r"использован|уход|пользоват",
        Topic.COMPATIBILITY: r"совмест|модел",
        Topic.AVAILABILITY: r"наличи|поступлен",
        Topic.RETURN: r"возврат|обмен|покупки",
        Topic.WARRANTY: r"гаранти",
        Topic.PRAISE_QUALITY: r"качеств",
        Topic.PRAISE_FIT: r"размер|посадк",
        Topic.PRAISE_DELIVERY: r"доставил|пришел|заказ",
        Topic.PRAISE_VALUE: r"выгодн|цен",
    },
    "en": {
        Topic.SIZE_SMALL: r"size",
        Topic.SIZE_LARGE: r"size",
        Topic.SIZE_ADVICE: r"size",
        Topic.DEFECT: r"defect|faulty",
        Topic.WRONG_ITEM: r"wrong item|mix up|does not match",
        Topic.INCOMPLETE: r"set|box",
        Topic.DELIVERY: r"deliver",
        Topic.PACKAGING: r"pack",
        Topic.SMELL: r"smell",
        Topic.QUALITY: r"quality|material",
        Topic.COLOUR_MISMATCH: r"colou?r|shade",
        Topic.PRICE: r"price",
        Topic.COUNTERFEIT: r"genuine|authentic|brand",
        Topic.USAGE: r"use|care",
        Topic.COMPATIBILITY: r"compatible|model",
        Topic.AVAILABILITY: r"stock",
        Topic.RETURN: r"return|refund|exchange|purchases",
        Topic.WARRANTY: r"warranty",
        Topic.PRAISE_QUALITY: r"quality",
        Topic.PRAISE_FIT: r"size|fit",
        Topic.PRAISE_DELIVERY: r"arrived|came",
        Topic.PRAISE_VALUE: r"value|price",
    },
}
_COMPILED = {lang: {t: re.compile(rx) for t, rx in markers.items()} for lang, markers in _MARKERS.items()}


def addressed(topics: tuple[Topic, ...], draft: str, language: str) -> dict[Topic, bool]:
    """For each topic, whether the draft speaks to it (phrase check on the normalised draft)."""
    norm = prepare(draft)
    markers = _COMPILED.get(language, _COMPILED["ru"])
    return {t: bool(markers[t].search(norm)) for t in topics}
