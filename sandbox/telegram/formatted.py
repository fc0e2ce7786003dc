"""What Telegram does to a text after parsing and before storing it (tdlib's fix_formatted_text).

- control characters become spaces, except `\\n`; `\\r` and U+2028–U+202E (line/paragraph separators and the bidi
  embeddings and overrides) are dropped, as are the combining vertical lines U+030A, U+0333, U+033F; in a run of
  LRM/RLM marks all but the last become U+200C;
- entities are fixed: empty ones vanish, continuous ones (code, pre, links...) cannot nest or overlap, formatting
  (bold, italic, underline, strikethrough, spoiler) is merged per type, split at other entities' edges and dropped
  inside pre blocks;
- spaces and newlines are trimmed from the end, and from the start up to the first entity;
- a text whose characters are all "empty" (whitespace, zero-width characters, U+00A0, U+2800...) is refused.

Offsets and lengths are UTF-16 code units; entities are Bot API dicts.
"""

from __future__ import annotations

import itertools
from typing import Any

from sandbox.telegram.html_parser import sort_entities

_SPLITTABLE = ("bold", "italic", "underline", "strikethrough", "spoiler")
_BLOCKQUOTES = frozenset({"blockquote", "expandable_blockquote"})
_DROPPED = frozenset(range(0x2028, 0x202F)) | {0x030A, 0x0333, 0x033F}
_BIDI_MARKS = frozenset("\u200e\u200f")
# tdlib's is_empty_string: its space characters, its "empty" characters and the tag characters.
_EMPTY = (
    frozenset(" \n\t\r\v\x00\u00a0\u1680\u180e\u202e\u202f\u205f\u2800\u3000\ufeff\ufffc")
    | frozenset(map(chr, range(0x2000, 0x2010)))
    | frozenset(map(chr, range(0xE0000, 0xE0080)))
)


class TextRefused(ValueError):
    """Telegram refuses the text (the message is Telegram's description without the "Bad Request: ")."""


def _units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _clean(text: str) -> tuple[str, dict[int, int]]:
    """The cleaned text and a map from old UTF-16 offsets (at character boundaries) to new ones."""
    out: list[str] = []
    moved: dict[int, int] = {}
    old = new = 0
    for ch in text:
        moved[old] = new
        old += _units(ch)
        code = ord(ch)
        if code == 0x0D or code in _DROPPED:
            continue
        if code < 0x20 and ch != "\n":
            ch = " "
        out.append(ch)
        new += _units(ch)
    moved[old] = new
    for i in range(len(out) - 1):  # LRM/RLM runs: all but the last become ZERO WIDTH NON-JOINER
        if out[i] in _BIDI_MARKS and out[i + 1] in _BIDI_MARKS:
            out[i] = "\u200c"
    return "".join(out), moved


def _without_overlaps(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep an entity only if it starts after the previous kept one ends (nesting counts as overlap)."""
    kept: list[dict[str, Any]] = []
    end = 0
    for entity in entities:
        if entity["offset"] >= end:
            kept.append(entity)
            end = entity["offset"] + entity["length"]
    return kept


def _inside(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    return outer["offset"] <= inner["offset"] and inner["offset"] + inner["length"] <= outer["offset"] + outer["length"]


def _split(splittable: list[dict[str, Any]], others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Formatting merged per type, cut at the other entities' edges, and dropped inside pre blocks."""
    cuts = sorted({e["offset"] for e in others} | {e["offset"] + e["length"] for e in others})
    pres = [e for e in others if e["type"] == "pre"]
    result: list[dict[str, Any]] = []
    for kind in _SPLITTABLE:
        spans: list[list[int]] = []
        for entity in sorted((e for e in splittable if e["type"] == kind), key=lambda e: e["offset"]):
            start, end = entity["offset"], entity["offset"] + entity["length"]
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        for start, end in spans:
            edges = [start, *(c for c in cuts if start < c < end), end]
            for left, right in itertools.pairwise(edges):
                piece = {"type": kind, "offset": left, "length": right - left}
                if not any(_inside(piece, pre) for pre in pres):
                    result.append(piece)
    return result


def fix_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """tdlib's fix_entities for the entity kinds the sandbox knows."""
    sort_entities(entities)
    splittable = [e for e in entities if e["type"] in _SPLITTABLE]
    quotes = _without_overlaps([e for e in entities if e["type"] in _BLOCKQUOTES])
    continuous = _without_overlaps(
        [e for e in entities if e["type"] not in _SPLITTABLE and e["type"] not in _BLOCKQUOTES]
    )
    # A continuous entity may sit inside a blockquote or around it, never across its edge.
    continuous = [e for e in continuous if all(_inside(e, q) or _inside(q, e) or not _overlap(e, q) for q in quotes)]
    others = sorted(continuous + quotes, key=lambda e: (e["offset"], -e["length"]))
    fixed = others + _split(splittable, others)
    sort_entities(fixed)
    return fixed


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["offset"] < b["offset"] + b["length"] and b["offset"] < a["offset"] + a["length"]


def is_empty(text: str) -> bool:
    """Whether Telegram sees no visible character in `text` (tdlib's is_empty_string)."""
    return all(ch in _EMPTY for ch in text)


def normalise(text: str, entities: list[dict[str, Any]], *, allow_empty: bool) -> tuple[str, list[dict[str, Any]]]:
    """The text and entities as Telegram stores them; raises TextRefused("text must be non-empty")."""
    text, moved = _clean(text)
    fixed = []
    for entity in entities:
        start = moved.get(entity["offset"])
        end = moved.get(entity["offset"] + entity["length"])
        if start is None or end is None or end <= start:
            continue
        fixed.append({**entity, "offset": start, "length": end - start})
    fixed = fix_entities([e for e in fixed if e["type"] != "text_link" or e.get("url")])
    last = max((i for i, ch in enumerate(text) if ch not in " \n"), default=None)
    if last is None:
        if allow_empty:
            return "", []
        raise TextRefused("text must be non-empty")
    text = text[: last + 1]
    end16 = sum(map(_units, text))
    fixed = [{**e, "length": min(e["length"], end16 - e["offset"])} for e in fixed if e["offset"] < end16]
    first = fixed[0]["offset"] if fixed else len(text)
    lead = 0
    while lead < first and text[lead] in " \n":
        lead += 1
    text = text[lead:]
    fixed = [{**e, "offset": e["offset"] - lead} for e in fixed]
    sort_entities(fixed)
    if not allow_empty and is_empty(text):
        raise TextRefused("text must be non-empty")
    return text, fixed
