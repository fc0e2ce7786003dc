"""The template drafter: every combination of blocks for every channel × band × intent × language passes the
guardrails, the buyer's name and product are used when known, and Regenerate gives a different text."""

from __future__ import annotations

import itertools
from math import prod

import pytest

from core.drafting.request import DraftRequest, clean_name, clean_product
from core.drafting.templates import blocks, render
from core.guardrails import GuardrailContext, check_text
from core.i18n import LANGUAGES
from core.intent import Intent
from core.models import Channel

RATINGS = {"negative": 1, "neutral": 3, "positive": 5}
BUYER_TEXT = {
    None: "",
    Intent.SIZE: "Какой размер брать на рост 170?",
    Intent.DELIVERY: "Когда придёт заказ?",
    Intent.RETURN: "Как вернуть товар и деньги?",
    Intent.DEFECT: "Пришёл с браком, шов разошёлся",
    Intent.AVAILABILITY: "Будет ли 46 размер?",
    Intent.USAGE: "Можно ли стирать в машинке?",
    Intent.OTHER: "Какой состав ткани?",
}
CASES = [
    (channel, rating, intent, language, personal)
    for channel in Channel
    if channel != Channel.RETURN  # a return is decided with WB's actions, never answered with a drafted text
    for rating in (RATINGS.values() if channel == Channel.REVIEW else [None])
    for intent in BUYER_TEXT
    for language in LANGUAGES
    for personal in (True, False)
]


def _request(
    channel: Channel, rating: int | None, intent: Intent | None, language: str, personal: bool
) -> DraftRequest:
    return DraftRequest(
        interaction_id=42,
        channel=channel,
        language=language,
        rating=rating,
        intent=intent,
        buyer_name="Анна" if personal else None,
        product_name="Платье летнее «Лето» из хлопка" if personal else None,
        text=BUYER_TEXT[intent],
    )


@pytest.mark.parametrize(("channel", "rating", "intent", "language", "personal"), CASES)
def test_every_combination_passes_guardrails(
    channel: Channel, rating: int | None, intent: Intent | None, language: str, personal: bool
) -> None:
    req = _request(channel, rating, intent, language, personal)
    parts = blocks(req)
    assert all(parts), "every block has at least one variant in this language"
    context = GuardrailContext(buyer_text=req.text, rating=rating)
    # The stride is coprime with the combination count, so these variants are every combination exactly once.
    texts = {render(req, variant) for variant in range(prod(len(b) for b in parts))}
    assert len(texts) == prod(len(b) for b in parts)
    for text in texts:
        verdict = check_text(text, channel=channel, context=context)
        assert verdict.ok, (text, verdict.reasons(language))
        assert "{" not in text and "draft-" not in text, text


def test_every_template_key_exists_in_both_languages() -> None:
    ru = _keys("ru")
    assert ru and sorted(ru) == sorted(_keys("en"))


def _keys(language: str) -> list[str]:
    from core.i18n import LOCALES_DIR

    lines = (LOCALES_DIR / language / "drafting.ftl").read_text(encoding="utf-8").splitlines()
    return [line.split(" = ", 1)[0] for line in lines if line.startswith("draft-")]


@pytest.mark.parametrize(("channel", "rating"), [(Channel.REVIEW, 5), (Channel.REVIEW, 1), (Channel.QUESTION, None)])
def test_regenerate_gives_a_different_text(channel: Channel, rating: int | None) -> None:
    for interaction_id, variant in itertools.product(range(1, 40), range(4)):
        req = DraftRequest(interaction_id=interaction_id, channel=channel, rating=rating, intent=Intent.SIZE)
        assert render(req, variant) != render(req, variant + 1)
        assert render(req, variant) == render(req, variant), "deterministic"


def test_the_name_is_used_when_known_and_never_the_product_name() -> None:
    # A WB product name («Кроссовки женские беговые») breaks Russian agreement in «…понравился», so it stays out.
    req = DraftRequest(interaction_id=7, channel=Channel.REVIEW, rating=5, buyer_name="Анна", product_name="Платье")
    text = render(req)
    assert "Анна" in text and "Платье" not in text
    plain = render(req, personal=False)
    assert "Анна" not in plain


@pytest.mark.parametrize(
    "name", ["Покупатель", "", None, "user123", "https://x.ru", "Очень длинное имя покупателя здесь"]
)
def test_placeholder_or_odd_names_are_not_used(name: str | None) -> None:
    assert clean_name(name) is None


def test_names_and_products_are_tidied() -> None:
    assert clean_name("  Анна-Мария ") == "Анна-Мария"
    assert clean_product("Кружка «Утро»") == "Кружка Утро"
    assert len(clean_product("слово " * 40) or "") <= 80
