"""Entities → safe HTML for the sandbox's chat web page, and UTF-16 lengths (the unit of entity offsets).

Parsing Telegram HTML lives in `sandbox.telegram.html_parser`, storing rules in `sandbox.telegram.formatted`.
"""

from __future__ import annotations

import html
import re
from typing import Any


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (the unit of entity offsets)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


_HTML_TAGS = {
    "bold": ("<b>", "</b>"),
    "italic": ("<i>", "</i>"),
    "underline": ("<u>", "</u>"),
    "strikethrough": ("<s>", "</s>"),
    "spoiler": ('<span class="tg-spoiler">', "</span>"),
    "code": ("<code>", "</code>"),
    "pre": ("<pre>", "</pre>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "expandable_blockquote": ("<blockquote>", "</blockquote>"),
    "bot_command": ('<span class="tg-command">', "</span>"),
}


def _open_tag(entity: dict[str, Any]) -> tuple[str, str]:
    if entity["type"] == "text_link":
        url = str(entity.get("url", ""))
        # The page is a browser: only harmless link schemes survive.
        safe = url if re.match(r"(?i)^(https?|tg|mailto):", url) else "#"
        return f'<a href="{html.escape(safe)}" target="_blank" rel="noopener">', "</a>"
    return _HTML_TAGS.get(entity["type"], ("<span>", "</span>"))


def to_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """Render text + entities as safe HTML (every character of the text escaped)."""
    boundaries: dict[int, list[tuple[int, int, str]]] = {}
    for index, entity in enumerate(entities or []):
        start, end = entity["offset"], entity["offset"] + entity["length"]
        opening, closing = _open_tag(entity)
        # Closings sort before openings at one point; longer entities open first and close last.
        boundaries.setdefault(start, []).append((1, -entity["length"] * 1000 - index, opening))
        boundaries.setdefault(end, []).append((0, entity["length"] * 1000 + index, closing))
    parts: list[str] = []
    pos16 = 0
    for ch in text:
        parts.extend(tag for *_, tag in sorted(boundaries.get(pos16, [])))
        parts.append(html.escape(ch, quote=False))
        pos16 += utf16_len(ch)
    parts.extend(tag for *_, tag in sorted(boundaries.get(pos16, [])))
    return "".join(parts)
