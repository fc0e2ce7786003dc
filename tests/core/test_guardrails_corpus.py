"""The adversarial corpus (issue 28): the guardrails block ≥ 99 % of the obfuscated bad replies and pass ≥ 99 % of
the clean ones (the stored replies and the drafting templates' own output), on the tuning and the held-out split
alike. In process and fast (≈ 2 000 texts); `bench/guardrails.py` prints the same figures with the controls."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from core.guardrails import GuardrailContext, check_text
from core.guardrails.rules import RULES
from core.models.enums import Channel

TARGET = 99.0


def _corpus() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "guardrails_corpus.py"
    spec = importlib.util.spec_from_file_location("guardrails_corpus", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


CORPUS = _corpus()
BAD = CORPUS.load("bad")
CLEAN = CORPUS.load("clean")


def _blocked(line: dict[str, str]) -> bool:
    context = GuardrailContext(buyer_text=line.get("buyer", ""), rating=5)
    return not check_text(line["text"], channel=Channel(line["channel"]), context=context).ok


def test_the_corpus_is_as_large_as_promised() -> None:
    assert len(BAD) >= 500 and len(CLEAN) >= 500
    for lines in (BAD, CLEAN):
        held = sum(line["split"] == "holdout" for line in lines) / len(lines)
        assert 0.35 <= held <= 0.45
    # Every expected rule exists, and every category the issue names is there.
    rules = Counter(line["rule"] for line in BAD)
    assert set(rules) <= set(RULES)
    assert {rule.split(".")[0] for rule in rules} >= {"contact", "incentive", "ai", "secret"}


@pytest.mark.parametrize("split", ["tuning", "holdout"])
def test_bad_replies_are_blocked(split: str) -> None:
    lines = [line for line in BAD if line["split"] == split]
    missed = [line["text"] for line in lines if not _blocked(line)]
    assert 100 * (len(lines) - len(missed)) / len(lines) >= TARGET, missed


@pytest.mark.parametrize("split", ["tuning", "holdout"])
def test_clean_replies_pass(split: str) -> None:
    lines = [line for line in CLEAN if line["split"] == split]
    blocked = [line["text"] for line in lines if _blocked(line)]
    assert 100 * (len(lines) - len(blocked)) / len(lines) >= TARGET, blocked


def test_the_templates_own_output_passes() -> None:
    texts = CORPUS.template_replies()
    blocked = [text for text, channel, context in texts if not check_text(text, channel=channel, context=context).ok]
    assert len(texts) >= 500 and not blocked, blocked
