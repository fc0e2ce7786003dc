"""Property tests: arbitrary Unicode never breaks the checker, verdicts are stable and their spans are exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.guardrails import GuardrailContext, Verdict, check_text, patterns
from core.guardrails.rules import RULES
from core.models.enums import Channel

# Pieces that trigger rules, so random text also exercises the reporting paths, not only the clean one.
SNIPPETS = (
    "нейросеть",
    "бот",
    "ИИ",
    "вернём деньги",
    "возврат",
    "удалите отзыв",
    "сами виноваты",
    "служба поддержки",
    "телеграм",
    "@shop_1",
    "a@b.ru",
    "+7 916 123 45 67",
    "wildberries.ru",
    "ОЧЕНЬ ГРОМКИЙ ТЕКСТ",
    "дерьмо",
    "высокую оценку",
    "\u200b",
    "\u00ad",
    "ё",
    "İ",
    "Σ",
    "\u0301",
    " ",
    ".",
    "-",
    "\n",
)
texts = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=8), st.sampled_from(["a", "aa", "_", " "])), max_size=20
    ).map("".join),
)
# Seller phrases use the phrase syntax too: wildcards and gaps in any arrangement.
syntax = st.lists(st.sampled_from(["a*", "a", "бот", "б*", "..", "*", "_"]), max_size=6).map(" ".join)
contexts = st.builds(
    GuardrailContext,
    buyer_text=st.one_of(st.just(""), texts),
    rating=st.none() | st.integers(min_value=1, max_value=5),
    extra_phrases=st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12), syntax), max_size=3).map(tuple),
)


@settings(max_examples=400, deadline=None)
@given(text=texts, channel=st.sampled_from(list(Channel)), context=contexts)
def test_arbitrary_text_gives_a_stable_exact_verdict(text: str, channel: Channel, context: GuardrailContext) -> None:
    verdict = check_text(text, channel=channel, context=context)
    assert check_text(text, channel=channel, context=context) == verdict
    secrets = list(patterns.secrets(text))
    positions = [(v.start, v.end, v.rule_id) for v in verdict.violations]
    assert positions == sorted(positions)
    for violation in verdict.violations:
        assert 0 <= violation.start <= violation.end <= len(text)
        exact = text[violation.start : violation.end]
        # Secrets inside a fragment are cut (core.guardrails.check._masked); everything else is quoted exactly.
        assert violation.fragment == exact or (secrets and "[redacted]" in violation.fragment)
        # A link may only soften in a chat when it points to WB itself: others block everywhere.
        softer = RULES[violation.rule_id].severity(channel)
        assert violation.severity == softer or (violation.rule_id == "contact.url" and violation.severity == "block")
        assert violation.reason_key == RULES[violation.rule_id].reason_key
    assert Verdict.from_dict(verdict.to_dict()) == verdict
    assert verdict.ok == all(v.severity == "warn" for v in verdict.violations)
    assert len(verdict.reasons("ru")) == len(verdict.reasons("en")) == len(verdict.violations)


letters = st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz0123456789 ,.-!?@+")


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.one_of(st.sampled_from(SNIPPETS[:17]), letters), max_size=40),
    where=st.integers(min_value=0),
)
def test_invisible_characters_change_no_finding(pieces: list[str], where: int) -> None:
    text = "".join(pieces)
    cut = where % (len(text) + 1)
    hidden = text[:cut] + "\u200b" + text[cut:]

    def findings(value: str) -> list[str]:
        # Formatting rules see the raw text (its length, its capitals) by design: compare content rules only.
        verdict = check_text(value, channel=Channel.REVIEW)
        return [v.rule_id for v in verdict.violations if not v.rule_id.startswith("format.")]

    assert findings(hidden) == findings(text)
