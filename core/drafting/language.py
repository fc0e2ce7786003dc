"""The reply language is the buyer's: detected from what the buyer wrote, Russian unless it is clearly English.

The member's menu language says nothing about the buyer: an owner who reads the bot in English still answers
Russian buyers in Russian.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
# Fewer Latin letters than this cannot tell English from a size ("M"), a brand or a model name in Russian text.
_MIN_LATIN = 12
DEFAULT = "ru"


def buyer_language(text: str) -> str:
    """`en` when the text is mostly Latin letters and long enough to tell, else `ru` (WB's buyers write Russian)."""
    latin = len(_LATIN.findall(text or ""))
    cyrillic = len(_CYRILLIC.findall(text or ""))
    if latin >= _MIN_LATIN and latin > 3 * cyrillic:
        return "en"
    return DEFAULT
