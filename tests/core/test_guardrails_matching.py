"""Normalisation-aware matching: every default phrase, written out plainly and obfuscated, hits its own rule;
explicit obfuscation cases; spans map back to the original text."""

from __future__ import annotations

import re

import pytest

from core.guardrails import GuardrailContext, check_text
from core.guardrails.rules import PHRASE_RULES, Rule
from core.models.enums import Channel

NEGATIVE_REVIEW = GuardrailContext(rating=1)
TO_LATIN = str.maketrans("аеорсхукмтнв", "aeopcxykmthb")
TO_CYRILLIC = str.maketrans("aeopcxykmthb", "аеорсхукмтнв")
ALL_PHRASES = [(rule, phrase) for rule in PHRASE_RULES for phrase in rule.phrases]


def written_out(phrase: str) -> str:
    """The phrase as plain text: wildcards dropped, a gap filled with one word."""
    return phrase.replace(" .. ", " очень ").replace("*", "")


def obfuscated(phrase: str) -> str:
    """Written out, then: upper case, one look-alike letter of the other script per word (3+ letters), ё for е,
    a zero-width space after each word's first letter and extra punctuation between words."""
    words = []
    for word in written_out(phrase).split():
        if len(word) >= 3:
            other = TO_LATIN if re.search("[а-я]", word) else TO_CYRILLIC
            for i, char in enumerate(word):
                if char.translate(other) != char:
                    word = word[:i] + char.translate(other) + word[i + 1 :]
                    break
        word = word.replace("е", "ё", 1)
        words.append(word[0] + "\u200b" + word[1:])
    return " ,  ".join(words).upper()


def rule_ids(text: str) -> set[str]:
    return {v.rule_id for v in check_text(text, channel=Channel.REVIEW, context=NEGATIVE_REVIEW).violations}


@pytest.mark.parametrize(("rule", "phrase"), ALL_PHRASES, ids=[f"{r.id}:{p}" for r, p in ALL_PHRASES])
def test_each_phrase_hits_its_rule(rule: Rule, phrase: str) -> None:
    assert rule.id in rule_ids(f"Здравствуйте! {written_out(phrase)}.")
    text = f"Здравствуйте! {obfuscated(phrase)}."
    verdict = check_text(text, channel=Channel.REVIEW, context=NEGATIVE_REVIEW)
    hits = [v for v in verdict.violations if v.rule_id == rule.id]
    assert hits, text
    assert all(v.fragment == text[v.start : v.end] for v in hits)


@pytest.mark.parametrize(
    ("text", "rule_id", "fragment"),
    [
        ("Ответила НЕЙРОСЕТЬ.", "ai.neural_network", "НЕЙРОСЕТЬ"),
        ("Ответила нeйpoсеть.", "ai.neural_network", "нeйpoсеть"),  # Latin e, p, o
        ("Ответила н е й р о с е т ь.", "ai.neural_network", "н е й р о с е т"),
        ("Ответила н.е.й.р.о.с.е.т.ь.", "ai.neural_network", "н.е.й.р.о.с.е.т"),
        ("Ответила нейро\u200bсеть.", "ai.neural_network", "нейро\u200bсеть"),
        ("Ответила нейро\u00adсёть.", "ai.neural_network", "нейро\u00adсёть"),
        ("Вам отвечает чат-бот.", "ai.bot", "чат-бот"),
        ("Вам отвечает чат   бот.", "ai.bot", "чат   бот"),
        ("Вам отвечает БOТ.", "ai.bot", "БOТ"),  # Latin O
        ("Written by a bоt.", "ai.bot", "bоt"),  # Cyrillic о in a Latin word
        ("Пишите в Т.е.л.е.г.р.а.м.", "contact.messenger", "Т.е.л.е.г.р.а.м"),
        ("Пишите в WhatsАpp.", "contact.messenger", "WhatsАpp"),
        ("Пишите в TEЛEГPAM.", "contact.messenger", "TEЛEГPAM"),  # mostly Latin, but Л and Г are Cyrillic only
        ("Вы сами   виновaты.", "blame.fault", "сами   виновaты"),
        ("Вы сами,виноваты.", "blame.fault", "сами,виноваты"),
        ("Вернём   ваши  деньги.", "refund.money_back", "Вернём   ваши  деньги"),
        ("Удалите, пожалуйста, ваш отзыв.", "incentive.review_change", "Удалите, пожалуйста, ваш отзыв"),
        ("Подробнее: shop-example[.]ru", "contact.url", "shop-example[.]ru"),
        ("Звоните +7 916 123 45 67", "contact.phone", "+7 916 123 45 67"),
    ],
)
def test_obfuscation_is_caught(text: str, rule_id: str, fragment: str) -> None:
    hits = [v for v in check_text(text, channel=Channel.REVIEW).violations if v.rule_id == rule_id]
    assert [v.fragment for v in hits] == [fragment]
    assert text[hits[0].start : hits[0].end] == fragment


def test_gap_does_not_cross_sentences() -> None:
    assert "incentive.review_change" not in rule_ids("Мы удалили товар из продажи. Отзыв учтём.")


def test_spans_map_back_when_lower_case_changes_length() -> None:
    # "İ".lower() is two characters: the normalised text is longer than the original.
    text = "İİİ ответила нейросеть, İ"
    [hit] = check_text(text, channel=Channel.CHAT).violations
    assert (hit.fragment, hit.start) == ("нейросеть", text.index("нейросеть"))


def test_every_violation_is_reported_in_order() -> None:
    text = "Бот ответит: звоните 89161234567 или пишите на a@b.ru, вы сами виноваты."
    verdict = check_text(text, channel=Channel.QUESTION)
    assert [v.rule_id for v in verdict.violations] == ["ai.bot", "contact.phone", "contact.email", "blame.fault"]
    assert [v.start for v in verdict.violations] == sorted(v.start for v in verdict.violations)


def test_email_domain_is_not_reported_again_as_link_or_handle() -> None:
    [hit] = check_text("Пишите: ivan.petrov@mail.ru", channel=Channel.REVIEW).violations
    assert (hit.rule_id, hit.fragment) == ("contact.email", "ivan.petrov@mail.ru")
