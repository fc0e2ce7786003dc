"""Localisation: every user-facing string lives in `locales/<lang>/*.ftl` (Project Fluent).

Fluent was chosen over gettext because messages carry plurals and variables in the translation itself
(e.g. "{ $count } new reviews" declines differently in Russian), and translators edit plain text files.
The bot, the admin and core all read the same files through `Translator`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"


@lru_cache(maxsize=len(LANGUAGES))
def _bundle(language: str) -> FluentBundle:
    # use_isolating=False: Telegram and HTML show Unicode isolation marks as junk around every variable.
    bundle = FluentBundle([language], use_isolating=False)
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


class Translator:
    """Formats messages for one language, falling back to the other language, then to the key itself."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._chain = [self.language, *(lang for lang in LANGUAGES if lang != self.language)]

    def __call__(self, key: str, **args: Any) -> str:
        return self.get(key, **args)

    def get(self, key: str, **args: Any) -> str:
        """The message `key` formatted with `args`."""
        for language in self._chain:
            bundle = _bundle(language)
            if bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    continue
                text, _errors = bundle.format_pattern(message.value, args)
                return str(text)  # a message's pattern formats to a str
        return key

    def has(self, key: str) -> bool:
        """Whether `key` exists in this language (without fallback)."""
        return _bundle(self.language).has_message(key)


@lru_cache(maxsize=len(LANGUAGES) + 1)
def translator(language: str | None) -> Translator:
    """A cached translator for `language` (unknown languages get the default)."""
    return Translator(language)
