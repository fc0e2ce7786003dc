"""The reply language is the buyer's: `core.reading.language` detects it (one detector for the reader and drafts).

The member's menu language says nothing about the buyer: an owner who reads the bot in English still answers
Russian buyers in Russian.
"""

from __future__ import annotations

import re

from core.reading.language import DEFAULT, reply_language

__all__ = ["DEFAULT", "buyer_language", "fits_reply"]
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def buyer_language(text: str) -> str:
    """`en` when the buyer writes English, else `ru` (`core.reading.language.reply_language`)."""
    return reply_language(text)


def fits_reply(text: str, language: str) -> bool:
    """Whether the seller's own words `text` (a taught answer, a fact) may go into a reply in `language`: an
    English reply takes nothing with Russian letters."""
    return language != "en" or not _CYRILLIC.search(text)
