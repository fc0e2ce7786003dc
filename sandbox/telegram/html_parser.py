"""Telegram's HTML parse mode: markup → (plain text, Bot API MessageEntity dicts), error for error.

A port of the published behaviour of tdlib's `parse_html` (td/telegram/MessageEntity.cpp), which the Bot API server
runs for `parse_mode=HTML`. It walks the UTF-8 bytes, so every error names a **byte** offset, as Telegram's do:

- tag names are case-insensitive (ASCII only: `<ТЕГ>` stays "ТЕГ") and end at a space or `>`, so `<br/>` is the
  unsupported tag "br/"; `<b />` is an empty attribute name; a `<` before a space is the unsupported tag "";
- `</>` closes the innermost open tag; an end tag must match the innermost open one;
- only `&lt; &gt; &amp; &quot;` (the `;` optional) and numeric references (`&#65;`, `&#x41;`, lowercase x,
  1..0x10FFFE, at most 9 characters with the `&`) are decoded; anything else, a bare `&` included, stays text;
- attributes: names are case-sensitive, unknown ones are ignored, a value may be quoted (entities decoded) or a name
  token of `[A-Za-z0-9.-]` (lowercased); a name without a value is allowed;
- `<span>` needs `class="tg-spoiler"`; `<tg-emoji>` needs a numeric non-zero `emoji-id`; `<a>` without href links its
  own text; a link Telegram cannot use is dropped, not refused; empty entities vanish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_LT, _GT, _AMP, _SLASH, _EQ = b"<", b">", b"&", b"/", b"="
_SPACE = frozenset(b" \t\r\n\v\x00")  # tdlib's is_space; NUL is the end of its C string
_QUOTES = frozenset(b"\"'")
_NAME_TOKEN = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_ATTR_STOP = frozenset(b"=>/\"'")
_DIGITS = frozenset(b"0123456789")
_HEX = frozenset(b"0123456789abcdefABCDEF")
_LETTERS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NAMED = {b"lt": ord("<"), b"gt": ord(">"), b"amp": ord("&"), b"quot": ord('"')}
_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre"}
    | {"code", "blockquote"}
)
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
    "span": "spoiler",  # only class="tg-spoiler" gets this far
}
_PRIORITY = {  # tdlib's MessageEntity::get_type_priority: entities on one span sort by it
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_INT64 = re.compile(r"-?[1-9][0-9]{0,18}")
_HOST = re.compile(r"^(?:[^@/?#]*@)?([^:/?#\s]+)(?::([0-9]{1,5}))?$")


class EntityParseError(ValueError):
    """Markup Telegram would refuse; the message is the part after "can't parse entities: "."""


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the result
    begin: int  # byte offset in the result


def sort_entities(entities: list[dict[str, Any]]) -> None:
    """tdlib's order: by offset, longer first, then by type priority."""
    entities.sort(key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))


def _at(data: bytes, i: int) -> int:
    """The byte at `i`, or 0 past the end (tdlib reads a NUL-terminated string)."""
    return data[i] if i < len(data) else 0


def _lower(data: bytes) -> str:
    """ASCII-only lowercasing, as tdlib's to_lower."""
    return data.lower().decode("utf-8", "surrogatepass")


def _utf8(code: int) -> bytes:
    return chr(code).encode("utf-8", "surrogatepass")


def _decode_reference(data: bytes, pos: int) -> tuple[int, int]:
    """(code point, position after it) of the character reference at `pos`, or (0, pos) when there is none."""
    end = pos + 1
    code = 0
    if _at(data, pos + 1) == ord("#"):
        end += 1
        if _at(data, pos + 2) == ord("x"):
            end += 1
            while _at(data, end) in _HEX:
                code = code * 16 + int(chr(data[end]), 16)
                end += 1
        else:
            while _at(data, end) in _DIGITS:
                code = code * 10 + data[end] - ord("0")
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while _at(data, end) in _LETTERS:
            end += 1
        code = _NAMED.get(data[pos + 1 : end], 0)
        if not code:
            return 0, pos
    return code, end + 1 if _at(data, end) == ord(";") else end


def _attribute_value(data: bytes, i: int) -> tuple[bytes, int]:
    """A quoted value with its references decoded; `i` is at the opening quote."""
    quote = data[i]
    i += 1
    value = bytearray()
    while _at(data, i) not in (quote, 0):
        if data[i] == ord("&"):
            code, after = _decode_reference(data, i)
            if code:
                value += _utf8(code)
                i = after
                continue
        value.append(data[i])
        i += 1
    return bytes(value), i + 1 if _at(data, i) == quote else i


def _start_tag(data: bytes, begin: int) -> tuple[str, str, int]:
    """Parse `<tag attr=...>` at `begin`: (tag, its argument, position of the closing `>`)."""
    i = begin + 1
    while _at(data, i) not in _SPACE and _at(data, i) != ord(">"):
        i += 1
    if _at(data, i) == 0:
        raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
    tag = _lower(data[begin + 1 : i])
    if tag not in _TAGS:
        raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
    argument = ""
    while _at(data, i) != ord(">"):
        while _at(data, i) != 0 and _at(data, i) in _SPACE:
            i += 1
        if _at(data, i) == ord(">"):
            break
        name_begin = i
        while _at(data, i) not in _SPACE and _at(data, i) not in _ATTR_STOP:
            i += 1
        name = data[name_begin:i]
        if not name:
            raise EntityParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while _at(data, i) != 0 and _at(data, i) in _SPACE:
            i += 1
        if _at(data, i) != ord("="):
            if _at(data, i) == 0:
                raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            if tag == "blockquote" and name == b"expandable":
                argument = "1"
            continue
        i += 1
        while _at(data, i) != 0 and _at(data, i) in _SPACE:
            i += 1
        if _at(data, i) == 0:
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        if _at(data, i) in _QUOTES:
            raw, i = _attribute_value(data, i)
            value = raw.decode("utf-8", "surrogatepass")
        else:
            token_begin = i
            while _at(data, i) in _NAME_TOKEN:
                i += 1
            value = _lower(data[token_begin:i])
            if _at(data, i) not in _SPACE and _at(data, i) != ord(">"):
                raise EntityParseError(f"Unexpected end of name token at byte offset {token_begin}")
        if _at(data, i) == 0:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
        argument = _argument(tag, name, value, argument)
    if tag == "span" and argument != "spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    return tag, argument, i


def _argument(tag: str, name: bytes, value: str, current: str) -> str:
    """The one attribute each tag cares about; the rest are ignored."""
    if tag == "a" and name == b"href":
        return value
    if tag == "code" and name == b"class" and value.startswith("language-"):
        return value[9:]
    if tag == "span" and name == b"class" and value.startswith("tg-"):
        return value[3:]
    if tag == "tg-emoji" and name == b"emoji-id":
        return value
    if tag == "blockquote" and name == b"expandable":
        return "1"
    return current


def _end_tag(data: bytes, begin: int, stack: list[_Open]) -> int:
    """Check `</tag>` at `begin` against the innermost open tag; returns the position of its `>`."""
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
    i = begin + 1
    while _at(data, i) not in _SPACE and _at(data, i) != ord(">"):
        i += 1
    name = _lower(data[begin + 2 : i])
    while _at(data, i) != 0 and _at(data, i) in _SPACE:
        i += 1
    if _at(data, i) != ord(">"):
        raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
    if name and name != stack[-1].tag:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {begin}, expected "</{stack[-1].tag}>", found "</{name}>"'
        )
    return i


def checked_link(url: str) -> str:
    """The link as Telegram stores it, or "" when Telegram would drop it (tdlib's get_checked_link, simplified)."""
    if not url or any(0xD800 <= ord(ch) <= 0xDFFF for ch in url) or any(ch.isspace() for ch in url):
        return ""
    lowered = url.lower()
    for scheme in ("tg:", "ton:"):
        if lowered.startswith(scheme):
            rest = url[len(scheme) :].removeprefix("//")
            return f"{scheme}//{rest}" if re.match(r"[A-Za-z0-9_-]+(?:[/?#]|$)", rest) else ""
    match = re.match(r"(?i)(https?)://", url)
    if match:
        protocol, rest = match.group(1).lower(), url[match.end() :]
    elif "://" in url:
        return ""  # tdlib's URL parser knows only http and https
    else:
        protocol, rest = "http", url
    authority = re.match(r"[^/?#]*", rest).group(0)  # type: ignore[union-attr]  # always matches
    host = _HOST.match(authority)
    if host is None or (host.group(2) is not None and not 0 < int(host.group(2)) < 65536):
        return ""
    path = rest[len(authority) :]
    if not path.startswith("/"):
        path = "/" + path
    return f"{protocol}://{authority[: host.start(1)]}{host.group(1).lower()}{authority[host.end(1) :]}{path}"


def _entity(top: _Open, length: int, result: bytearray, entities: list[dict[str, Any]]) -> None:
    """The entity a closed non-empty tag makes (appended to `entities`, or merged into the one before)."""
    base: dict[str, Any] = {"offset": top.offset, "length": length}
    previous = entities[-1] if entities else None
    same_span = previous is not None and (previous["offset"], previous["length"]) == (top.offset, length)
    if top.tag in _SIMPLE:
        entities.append({"type": _SIMPLE[top.tag], **base})
    elif top.tag == "tg-emoji":
        if not _INT64.fullmatch(top.argument) or not -(2**63) <= int(top.argument) < 2**63:
            raise EntityParseError("Invalid custom emoji identifier specified")
        entities.append({"type": "custom_emoji", **base, "custom_emoji_id": top.argument})
    elif top.tag == "a":
        url = top.argument or result[top.begin :].decode("utf-8", "surrogatepass")
        url = checked_link(url)
        if url:
            entities.append({"type": "text_link", **base, "url": url})
    elif top.tag == "pre":
        if same_span and previous["type"] == "code" and previous.get("language"):  # type: ignore[index]
            previous["type"] = "pre"  # type: ignore[index]
        else:
            entities.append({"type": "pre", **base})
    elif top.tag == "code":
        if same_span and previous["type"] == "pre" and top.argument:  # type: ignore[index]
            previous["language"] = top.argument  # type: ignore[index]
        else:
            entities.append({"type": "code", **base, **({"language": top.argument} if top.argument else {})})
    else:  # blockquote
        entities.append({"type": "expandable_blockquote" if top.argument else "blockquote", **base})


def parse_html(markup: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; returns the plain text and its entities (UTF-16 offsets), sorted by offset."""
    data = markup.encode("utf-8", "surrogatepass")
    result = bytearray()
    offset = 0
    surrogates = False
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == ord("&"):
            code, after = _decode_reference(data, i)
            if code:
                offset += 1 + (code > 0xFFFF)
                surrogates |= 0xD800 <= code <= 0xDFFF
                result += _utf8(code)
                i = after
                continue
        if byte != ord("<"):
            if byte & 0xC0 != 0x80:
                offset += 1 + (byte >= 0xF0)
            result.append(byte)
            i += 1
            continue
        if _at(data, i + 1) != ord("/"):
            tag, argument, i = _start_tag(data, i)
            stack.append(_Open(tag, argument, offset, len(result)))
        else:
            i = _end_tag(data, i, stack)
            top = stack.pop()
            if offset > top.offset:
                _entity(top, offset - top.offset, result, entities)
        i += 1
    if stack:
        raise EntityParseError(f"Can't find end tag corresponding to start tag {stack[-1].tag}")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # a language only means something on a pre block
    text = result.decode("utf-8", "surrogatepass")
    if surrogates and any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise EntityParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        )
    sort_entities(entities)
    return text, entities
