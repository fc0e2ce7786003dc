"""The reply language is the buyer's: `core.reading.language` detects it (one detector for the reader and drafts).

The member's menu language says nothing about the buyer: an owner who reads the bot in English still answers
Russian buyers in Russian.
"""

from __future__ import annotations

from core.reading.language import DEFAULT, reply_language

__all__ = ["DEFAULT", "buyer_language"]


def buyer_language(text: str) -> str:
    """`en` when the buyer writes English, else `ru` (`core.reading.language.reply_language`)."""
    return reply_language(text)
