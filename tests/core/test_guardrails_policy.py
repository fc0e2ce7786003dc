"""Guardrail policy: public vs chat severity, refunds only when the buyer raised them, seller and config phrases,
length limits per channel, localised reasons, the stored form of a verdict."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core.guardrails import GuardrailContext, GuardrailViolation, Severity, Verdict, check_text, context_for
from core.guardrails.rules import RULES
from core.i18n import LOCALES_DIR, translator
from core.models import Interaction
from core.models.enums import Channel
from core.seller_settings import SellerSettings
from core.settings import load_settings

PUBLIC = (Channel.REVIEW, Channel.QUESTION)


def severities(text: str, channel: Channel, context: GuardrailContext | None = None) -> dict[str, Severity]:
    return {v.rule_id: v.severity for v in check_text(text, channel=channel, context=context).violations}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_chat_is_never_stricter_than_public(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert not (rule.chat == Severity.BLOCK and rule.public == Severity.WARN)


@pytest.mark.parametrize(
    ("text", "rule_id", "chat"),
    [
        ("Ответ подготовила нейросеть.", "ai.neural_network", Severity.WARN),
        ("Обратитесь в службу поддержки WB.", "redirect.support", Severity.WARN),
        ("Вы неправильно использовали товар.", "blame.misuse", Severity.WARN),
        ("Карточка: https://www.wildberries.ru/catalog/1/detail.aspx", "contact.url", Severity.WARN),
        ("Мой номер +7 916 123-45-67.", "contact.phone", Severity.BLOCK),
        ("Пишите в телеграм.", "contact.messenger", Severity.BLOCK),
        ("Подарим скидку за хороший отзыв.", "incentive.reward", Severity.BLOCK),
        ("Вот дерьмо.", "profanity.placeholder", Severity.BLOCK),
    ],
)
def test_public_blocks_and_chat_policy(text: str, rule_id: str, chat: Severity) -> None:
    for channel in PUBLIC:
        assert severities(text, channel)[rule_id] == Severity.BLOCK
    assert severities(text, Channel.CHAT)[rule_id] == chat


def test_warnings_alone_do_not_block() -> None:
    verdict = check_text("Ответ подготовила нейросеть. ЖДЁМ ВАС СНОВА!", channel=Channel.CHAT)
    assert {v.rule_id for v in verdict.warnings} == {"ai.neural_network", "format.caps"}
    assert verdict.ok and not verdict.blocking


@pytest.mark.parametrize("channel", list(Channel))
def test_refund_wording_allowed_only_when_buyer_raised_it(channel: Channel) -> None:
    reply = "Мы вернём деньги, оформите возврат в личном кабинете."
    silent = severities(reply, channel, GuardrailContext(buyer_text="Размер маломерит."))
    assert set(silent) == {"refund.money_back", "refund.return"}
    for buyer in ("Пришёл брак, верните деньги!", "Хочу оформить возврат", "Is a refund possible?"):
        assert severities(reply, channel, GuardrailContext(buyer_text=buyer)) == {}


def test_buyer_asking_for_a_refund_does_not_allow_paying_for_the_review() -> None:
    context = GuardrailContext(buyer_text="Верните деньги за брак")
    found = severities("Вернём деньги, если удалите отзыв.", Channel.REVIEW, context)
    assert found == {"incentive.review_change": Severity.BLOCK}


def test_praise_on_a_low_rating_only() -> None:
    text = "Спасибо за высокую оценку!"
    assert "tone.praise_on_negative" in severities(text, Channel.REVIEW, GuardrailContext(rating=2))
    for rating in (None, 4, 5):
        assert severities(text, Channel.REVIEW, GuardrailContext(rating=rating)) == {}


@pytest.mark.parametrize(
    ("channel", "ok_length", "too_long"),
    [(Channel.REVIEW, 5000, 5001), (Channel.QUESTION, 5000, 5001), (Channel.CHAT, 1000, 1001)],
)
def test_length_limits_per_channel(channel: Channel, ok_length: int, too_long: int) -> None:
    assert check_text("о" * ok_length, channel=channel).violations == ()
    [hit] = check_text("  " + "о" * too_long + "\n", channel=channel).violations
    assert (hit.rule_id, hit.start, hit.end) == ("format.too_long", 2 + ok_length, 2 + too_long)
    assert hit.reason_args == {"length": too_long, "limit": ok_length}


def test_one_character_is_a_valid_chat_message_but_not_a_review_answer() -> None:
    assert check_text("+", channel=Channel.CHAT).ok
    assert [v.rule_id for v in check_text(" + ", channel=Channel.REVIEW).violations] == ["format.too_short"]


def test_extra_phrases_block_everywhere_with_the_phrase_syntax() -> None:
    # A list (as loaded from JSON) works as well as a tuple; a phrase without letters is ignored.
    context = GuardrailContext(extra_phrases=["дешевле .. у нас", "ещё скидка", "!!!"])  # type: ignore[arg-type]
    for channel in Channel:
        found = check_text("Дешевле только у нас! Ещё  скидкa ждёт.", channel=channel, context=context)
        assert [(v.rule_id, v.fragment, v.severity) for v in found.violations] == [
            ("custom.phrase", "Дешевле только у нас", Severity.BLOCK),
            ("custom.phrase", "Ещё  скидкa", Severity.BLOCK),
        ]


def test_wildcard_phrases_stay_linear_on_long_words() -> None:
    # Without a separator required after `*` this would backtrack through every split of the long word (hangs).
    context = GuardrailContext(extra_phrases=("a* a* a* a* a* b",))
    assert check_text("x " + "a" * 4000 + "!", channel=Channel.REVIEW, context=context).violations == ()
    assert [v.fragment for v in check_text("ab ac ad ae af b", channel=Channel.CHAT, context=context).violations] == [
        "ab ac ad ae af b"
    ]


def test_a_very_long_seller_phrase_compiles_and_matches() -> None:
    phrase = " ".join(["слово"] * 400)
    verdict = check_text(f"Итак, {phrase}.", channel=Channel.REVIEW, context=GuardrailContext(extra_phrases=(phrase,)))
    assert [v.fragment for v in verdict.violations if v.rule_id == "custom.phrase"] == [phrase]


def test_context_for_merges_seller_and_config_phrases() -> None:
    interaction = Interaction(text="Хочу вернуть деньги", pros="Цвет", cons="Брак", rating=2)
    config = load_settings(banned_phrases_extra=["конкурент*", "скидк* по секрету"])
    seller = SellerSettings(banned_phrases=[" конкурент* ", "самовывоз"])
    context = context_for(interaction, seller, config.banned_phrases_extra, buyer_messages=["Ещё вопрос"])
    assert context == GuardrailContext(
        buyer_text="Хочу вернуть деньги\nЦвет\nБрак\nЕщё вопрос",
        rating=2,
        extra_phrases=("конкурент*", "самовывоз", "скидк* по секрету"),
    )
    # The raw JSON stored on Seller.settings works too.
    assert context_for(interaction, {"banned_phrases": ["самовывоз"]}).extra_phrases == ("самовывоз",)
    verdict = check_text("У конкурентов есть самовывоз, вернём деньги.", channel=Channel.REVIEW, context=context)
    assert [v.rule_id for v in verdict.violations] == ["custom.phrase", "custom.phrase"]


def ftl_keys(language: str) -> set[str]:
    text = (Path(LOCALES_DIR) / language / "guardrails.ftl").read_text(encoding="utf-8")
    return set(re.findall(r"^(guard-[\w-]+) =", text, flags=re.MULTILINE))


def test_every_reason_key_exists_in_both_languages() -> None:
    keys = {rule.reason_key for rule in RULES.values()}
    assert keys == ftl_keys("ru") == ftl_keys("en")
    for language in ("ru", "en"):
        assert all(translator(language).has(key) for key in keys)


def test_verdict_explains_itself_in_ru_and_en() -> None:
    text = "Бот ответит: " + "о" * 1000
    verdict = check_text(text, channel=Channel.CHAT)
    ru, en = verdict.reasons("ru"), verdict.reasons("en")
    assert len(ru) == len(en) == len(verdict.violations) == 2
    assert "«Бот»" in ru[0] and '"Бот"' in en[0]
    assert "1013" in ru[1].replace("\xa0", "") and "1,013" in en[1]
    assert "символов" in ru[1] and "characters" in en[1]
    assert not any("{" in reason or reason.startswith("guard-") for reason in ru + en)


def test_verdict_round_trips_through_json() -> None:
    verdict = check_text("Бот: звоните 89161234567! " + "о" * 990, channel=Channel.CHAT)
    stored = json.loads(json.dumps(verdict.to_dict()))
    assert stored["ok"] is False
    assert Verdict.from_dict(stored) == verdict
    assert Verdict.from_dict(Verdict().to_dict()) == Verdict()


def test_guardrail_violation_carries_the_verdict() -> None:
    verdict = check_text("Пишите на a@b.ru", channel=Channel.REVIEW)
    error = GuardrailViolation(verdict)
    assert error.verdict is verdict
    assert "contact.email" in str(error)
