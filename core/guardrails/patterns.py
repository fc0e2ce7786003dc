"""Regular-expression rules: links, phones, e-mails, @handles (on the normalised text) and ALL CAPS (on the original).

Each pattern has a cheap pre-check so the common clean reply pays for a plain substring or prefix search only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_TLD = r"(?:ru|рф|su|com|net|org|info|biz|pro|io|me|co|shop|store|online|site|app|link|ly|cc|tv|by|kz|ua|uz)"
# A dot also written as "[.]" or "(.)", a common way to slip a link past filters.
_DOT = r"(?:\.|\[\.\]|\(\.\))"
# The dot's last character, then the zone: a class first keeps the scan fast.
_TLD_HINT = re.compile(rf"[.\])]{_TLD}\b")
_URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"']+"
    rf"|\b[a-z0-9а-я][a-z0-9а-я-]*(?:{_DOT}[a-z0-9а-я-]+)*{_DOT}{_TLD}\b(?:/[^\s<>\"']*)?"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@[a-z0-9_]{3,32}(?![\w@])")
# ASCII digits only (`[0-9]` scans about twice as fast as `\d`); phone numbers are written with them.
_PHONE_HINT = re.compile(r"[0-9][\s().-]{0,2}[0-9][\s().-]{0,2}[0-9][\s().-]{0,2}[0-9]")
_PHONE = re.compile(
    r"(?<![\w+-])(?:"
    r"\+[0-9](?:[\s().-]{0,2}[0-9]){9,13}"  # +7 916 123-45-67, +375 29 ...
    r"|[78](?:[\s().-]{0,2}[0-9]){10}"  # 8 (916) 123 45 67, 89161234567
    r"|\([0-9]{3}\)\s?[0-9]{3}[\s-]?[0-9]{2}[\s-]?[0-9]{2}"  # (916) 123-45-67
    r"|[0-9]{3}-[0-9]{2}-[0-9]{2}"  # 123-45-67
    r")(?![\w-])"
)
# Two plain classes, not `{2}`: a leading class lets the engine scan fast, a repeat does not.
_CAPS_HINT = re.compile("[A-ZА-ЯЁ][A-ZА-ЯЁ]")
_CAPS = re.compile(r"\b[A-ZА-ЯЁ]{2,}(?:[^\w\n]+[A-ZА-ЯЁ]{2,})*\b")
# Letters in a run of capitals before it counts as shouting: abbreviations such as "ООО", "WB" stay quiet.
CAPS_MIN_LETTERS = 10


def contacts(text: str) -> Iterator[tuple[str, int, int]]:
    """(rule id, start, end) of every e-mail, link, phone and @handle in normalised `text`, without overlaps."""
    found: list[tuple[str, re.Match[str]]] = []
    at = "@" in text
    if at:
        found += [("contact.email", m) for m in _EMAIL.finditer(text)]
    if "://" in text or "www." in text or _TLD_HINT.search(text):
        found += [("contact.url", m) for m in _URL.finditer(text)]
    if _PHONE_HINT.search(text):
        found += [("contact.phone", m) for m in _PHONE.finditer(text)]
    if at:
        found += [("contact.handle", m) for m in _HANDLE.finditer(text)]
    if not found:
        return
    # Earlier kinds win an overlap: the domain of an e-mail is not a separate link.
    taken: list[tuple[int, int]] = []
    for rule_id, match in found:
        start, end = match.span()
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            yield rule_id, start, end


def shouting(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ALL CAPS runs with at least `CAPS_MIN_LETTERS` letters in the original `text`."""
    if not _CAPS_HINT.search(text):
        return
    for match in _CAPS.finditer(text):
        if sum(char.isalpha() for char in match.group()) >= CAPS_MIN_LETTERS:
            yield match.start(), match.end()
