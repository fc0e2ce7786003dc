"""`agentiq draft` as a process: topics, the draft and the guardrail verdict, with a seller's voice and facts from
the database (the same drafting path as the bot)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from core.models import ProductFacts, Seller
from tests.conftest import ENCRYPTION_KEY
from tests.factories import new_seller

ROOT = Path(__file__).resolve().parents[1]


def _draft(database_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "AGENTIQ_DATABASE_URL": database_url,
        "AGENTIQ_DATA_DIR": str(tmp_path),
        "AGENTIQ_ENCRYPTION_KEYS": ENCRYPTION_KEY,
    }
    for name in ("AGENTIQ_LLM__BASE_URL", "AGENTIQ_LLM__API_KEY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "cli", "draft", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_draft_prints_topics_draft_and_verdict(database_url: str, tmp_path: Path) -> None:
    done = _draft(database_url, tmp_path, "--channel", "review", "--rating", "3", "--text", "Маломерит")
    assert done.returncode == 0, done.stderr
    assert "topics: size_small" in done.stdout
    assert "таблиц" in done.stdout and "guardrails: ok" in done.stdout


def test_draft_prints_all_four_readings(database_url: str, tmp_path: Path) -> None:
    """Topics, situations, mood and reply language (issue 24), for a burn with a legal threat and for English."""
    burn = ("--channel", "review", "--rating", "2", "--text", "после крема ожог на лице, иду в Роспотребнадзор")
    done = _draft(database_url, tmp_path, *burn)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1:4] == ["situations: harm, legal", "mood: negative", "language: ru"]
    assert lines[0].startswith("topics: ")
    english = _draft(database_url, tmp_path, "--channel", "question", "--text", "Does it run small?")
    assert english.returncode == 0, english.stderr
    assert "situations: -" in english.stdout and "mood: neutral" in english.stdout
    assert "language: en" in english.stdout


async def test_draft_uses_the_sellers_voice_facts_and_banned_words(db: None, database_url: str, tmp_path: Path) -> None:
    seller = await new_seller(
        settings={"voice": {"signature": "Команда «Лето»", "tone": "formal"}},
    )
    await ProductFacts.create(seller=seller, nm_id=555, sizing="Модель узкая в плечах.")
    args = ("--channel", "question", "--text", "Какой размер брать на рост 170?", "--seller", str(seller.id))
    done = _draft(database_url, tmp_path, *args, "--nm-id", "555", "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "topics: size_advice" in done.stdout
    assert "Модель узкая в плечах." in done.stdout and "Команда «Лето»" in done.stdout
    # The sizing fact answers the size question instead of the generic size-chart advice.
    assert "таблиц" not in done.stdout
    # The seller bans "вопрос*" in their own replies: the thanks for the question is blocked, and the CLI says why.
    await Seller.filter(id=seller.id).update(settings={"banned_phrases": ["вопрос*"]})
    blocked = _draft(database_url, tmp_path, *args, "--nm-id", "555", "--lang", "en")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "guardrails: blocked" in blocked.stdout and "banned" in blocked.stdout.split("guardrails:")[1]
    # A question the facts cannot answer: the CLI says the seller's answer is needed, with what was asked.
    asked = ("--channel", "question", "--text", "Какая гарантия на часы?", "--lang", "ru")
    unknown = _draft(database_url, tmp_path, *asked)
    assert unknown.returncode == 0 and "Нужен ваш ответ: «Какая гарантия на часы?»" in unknown.stdout
    missing = _draft(database_url, tmp_path, "--channel", "chat", "--text", "Где заказ?", "--seller", "999999")
    assert missing.returncode != 0 and "no seller" in missing.stderr
