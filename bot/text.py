"""Text helpers of every card: escaping and clipping buyer- or WB-supplied strings, times, product links.

Telegram counts a message's length after parsing; `clip` counts the escaped markup in UTF-16 units (never fewer than
Telegram's count), so a budget holds whatever the buyer wrote.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from core.timezones import local

# The buyer's text on any card (review, question, chat, return comment), in escaped UTF-16 units.
TEXT_BUDGET = 1120
# A draft (or a claim comment waiting for its confirm) on a card.
DRAFT_BUDGET = 1000
PRODUCT_URL = "https://www.wildberries.ru/catalog/{nm_id}/detail.aspx"
# C0/C1 controls other than tab and newline: Telegram rejects some and they carry no meaning in a card.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def units(ch: str) -> int:
    """UTF-16 code units of one character."""
    return 2 if ord(ch) > 0xFFFF else 1


def clip(text: str | None, budget: int, marker: str = "") -> str:
    """`text` sanitised and HTML-escaped, cut to `budget` UTF-16 units with `marker` appended when cut."""
    clean = _CONTROLS.sub("", (text or "").encode("utf-8", "replace").decode("utf-8"))
    out: list[str] = []
    used = 0
    for ch in clean:
        piece = html.escape(ch, quote=False)
        used += len(piece) * units(ch)
        if used > budget:
            return "".join(out).rstrip() + marker
        out.append(piece)
    return "".join(out)


def product_url(nm_id: int) -> str:
    """The product's public WB page."""
    return PRODUCT_URL.format(nm_id=nm_id)


def when(moment: datetime | None, zone: str) -> str:
    """A time as the seller reads it: day.month hours:minutes in the seller's zone."""
    return local(moment, zone).strftime("%d.%m %H:%M") if moment else "—"
