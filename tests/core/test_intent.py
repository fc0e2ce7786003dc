"""Intent rules on labelled buyer questions, and the LLM fallback against the LLM sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import openai
import pytest

from cli.serving import serve_app
from core.intent import UNSURE_BELOW, Intent, IntentSource, classify, classify_with_llm
from sandbox.llm.server import create_app

DATA = Path(__file__).resolve().parent.parent / "data"


def _load(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _accuracy(rows: list[dict]) -> tuple[float, float]:
    results = [(classify(r["text"]), Intent(r["intent"])) for r in rows]
    overall = sum(res.intent == label for res, label in results) / len(results)
    sure = [(res, label) for res, label in results if res.confidence >= UNSURE_BELOW]
    return overall, sum(res.intent == label for res, label in sure) / len(sure)


def test_labelled_set_is_big_and_covers_every_intent() -> None:
    rows = _load("intents.jsonl")
    assert len(rows) >= 200
    assert {r["intent"] for r in rows} == {i.value for i in Intent}
    assert sum(r["lang"] == "en" for r in rows) >= 20


def test_rules_accuracy_on_the_tuning_set() -> None:
    # The rules were tuned on this set (first untuned run: 86.6%), so this guards against regressions.
    overall, sure = _accuracy(_load("intents.jsonl"))
    assert overall >= 0.95, overall
    assert sure >= 0.97, sure


def test_rules_accuracy_on_the_held_out_set() -> None:
    # Written after tuning and never tuned on: the honest estimate (79% overall, 95% when the rules are sure).
    overall, sure = _accuracy(_load("intents_holdout.jsonl"))
    assert overall >= 0.75, overall
    assert sure >= 0.9, sure


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Какой размер брать на рост 170?", Intent.SIZE),
        ("КОГДА ПРИДЁТ ЗАКАЗ???", Intent.DELIVERY),
        ("как вернуть товар", Intent.RETURN),
        ("Пришёл сломанный, не включается", Intent.DEFECT),
        ("Будет ли 46 размер в наличии?", Intent.AVAILABILITY),
        ("Можно ли стирать в машинке?", Intent.USAGE),
        ("Does it run small?", Intent.SIZE),
    ],
)
def test_normalisation_handles_case_yo_and_punctuation(text: str, intent: Intent) -> None:
    result = classify(text)
    assert result.intent == intent
    assert result.confidence >= UNSURE_BELOW
    assert result.source == IntentSource.RULES


def test_no_cue_is_other_and_unsure() -> None:
    result = classify("Из чего сделано?")
    assert result.intent == Intent.OTHER
    assert result.confidence < UNSURE_BELOW


async def test_llm_fallback_only_when_unsure() -> None:
    async with serve_app(create_app(api_key="sk-test", intent_answer="usage")) as url:
        client = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="sk-test", max_retries=0)
        try:
            unsure = await classify_with_llm("Как очистить от накипи?", client=client, model="m")
            sure = await classify_with_llm("Когда придет заказ?", client=client, model="m")
            no_client = await classify_with_llm("Как очистить от накипи?", client=None, model="m")
        finally:
            await client.close()
    assert (unsure.intent, unsure.source) == (Intent.USAGE, IntentSource.LLM)
    assert (sure.intent, sure.source) == (Intent.DELIVERY, IntentSource.RULES)
    assert (no_client.intent, no_client.source) == (Intent.OTHER, IntentSource.RULES)


async def test_llm_failure_keeps_the_rules_answer() -> None:
    async with serve_app(create_app(api_key="sk-test", fail_next=10, error_status=500)) as url:
        client = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="sk-test", max_retries=0)
        try:
            result = await classify_with_llm("Как очистить от накипи?", client=client, model="m")
        finally:
            await client.close()
    assert (result.intent, result.source) == (Intent.OTHER, IntentSource.RULES)
