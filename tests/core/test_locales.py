"""Both languages carry every message, and every .ftl file parses cleanly (a syntax slip would otherwise show the
seller a raw key or silently fall back to the other language)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast

from core.i18n import LANGUAGES, LOCALES_DIR


def _messages(language: str) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [entry.content for entry in resource.body if isinstance(entry, ast.Junk)]
        assert junk == [], f"{path}: unparsable {junk}"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{entry.id.name} twice ({found.get(entry.id.name)}, {path})"
                found[entry.id.name] = path
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_exists_in_both_languages(language: str) -> None:
    other = next(lang for lang in LANGUAGES if lang != language)
    assert sorted(set(_messages(language)) - set(_messages(other))) == []
