"""Telegram's HTML parse mode: markup → (plain text, MessageEntity dicts), and entities → safe HTML for the web page.

Offsets and lengths are in UTF-16 code units, as in the Bot API. Errors mirror Telegram's descriptions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>")
_ATTR = re.compile(r"([a-zA-Z_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_REF = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}


class EntityParseError(ValueError):
    """Markup Telegram would refuse; the message is the part after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (the unit of entity offsets)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    kind: str | None
    offset: int
    extra: dict[str, Any] = field(default_factory=dict)


def _entity_for(tag: str, attrs: dict[str, str], at: int) -> _Open:
    """The entity an opening tag starts; raises for tags Telegram does not know."""
    if tag in _SIMPLE:
        extra = {}
        if tag == "code" and attrs.get("class", "").startswith("language-"):
            extra["language"] = attrs["class"].removeprefix("language-")
        return _Open(tag, _SIMPLE[tag], at, extra)
    if tag == "span" and attrs.get("class") == "tg-spoiler":
        return _Open(tag, "spoiler", at)
    if tag == "a":
        # Telegram drops a link without href instead of refusing the text.
        return _Open(tag, "text_link" if attrs.get("href") else None, at, {"url": attrs.get("href", "")})
    if tag == "blockquote":
        return _Open(tag, "expandable_blockquote" if "expandable" in attrs else "blockquote", at)
    if tag == "tg-emoji" and attrs.get("emoji-id"):
        return _Open(tag, "custom_emoji", at, {"custom_emoji_id": attrs["emoji-id"]})
    raise EntityParseError(f'Unsupported start tag "{tag}"')


def parse_html(markup: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; returns the plain text and its entities sorted by offset."""
    out: list[str] = []
    pos16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(markup):
        ch = markup[i]
        if ch == "<":
            where = len(markup[:i].encode())
            tag_match = _TAG.match(markup, i)
            if not tag_match:
                raise EntityParseError(f"Unsupported start tag at byte offset {where}")
            closing, tag = tag_match.group(1) == "/", tag_match.group(2).lower()
            if closing:
                if not stack:
                    raise EntityParseError(f"Unexpected end tag at byte offset {where}")
                top = stack.pop()
                if top.tag != tag:
                    raise EntityParseError(
                        f'Unmatched end tag at byte offset {where}, expected "</{top.tag}>", found "</{tag}>"'
                    )
                _close(top, pos16, stack, entities)
            else:
                attrs = {
                    m.group(1).lower(): html.unescape(next((g for g in m.groups()[1:] if g is not None), ""))
                    for m in _ATTR.finditer(tag_match.group(3))
                }
                try:
                    stack.append(_entity_for(tag, attrs, pos16))
                except EntityParseError as exc:
                    raise EntityParseError(f"{exc} at byte offset {where}") from None
            i = tag_match.end()
            continue
        if ch == "&":
            ref = _REF.match(markup, i)
            if not ref:
                raise EntityParseError(f"Unsupported HTML entity at byte offset {len(markup[:i].encode())}")
            ch = _decode_ref(ref.group(1), len(markup[:i].encode()))
            i = ref.end()
        else:
            i += 1
        out.append(ch)
        pos16 += utf16_len(ch)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _decode_ref(ref: str, where: int) -> str:
    if ref.startswith("#"):
        code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
        if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise EntityParseError(f"Unsupported HTML entity at byte offset {where}")
        return chr(code)
    if ref not in _NAMED:
        raise EntityParseError(f'Unsupported HTML entity "&{ref};" at byte offset {where}')
    return _NAMED[ref]


def _close(top: _Open, end: int, stack: list[_Open], entities: list[dict[str, Any]]) -> None:
    """Turn a closed tag into an entity (empty ones vanish, as in Telegram)."""
    if top.kind is None or end == top.offset:
        return
    if top.kind == "code" and stack and stack[-1].kind == "pre":
        # <pre><code class="language-x"> is one pre entity with a language.
        stack[-1].extra.update(top.extra)
        return
    entity = {"type": top.kind, "offset": top.offset, "length": end - top.offset}
    entity.update({k: v for k, v in top.extra.items() if top.kind in ("pre", "text_link", "custom_emoji")})
    entities.append(entity)


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
