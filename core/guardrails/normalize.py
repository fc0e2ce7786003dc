"""Text normalisation for matching, with a map back to the original text.

Matching runs on a normalised copy so trivial obfuscation does not pass:
- case is folded (`str.lower`), `ё` becomes `е`;
- invisible characters (zero-width spaces/joiners, soft hyphens, bidi marks, variation selectors) and combining
  accents (stress marks) are dropped;
- full-width forms (`ＷｈａｔｓＡｐｐ`, `＠`, `．`), mathematical letters and digits (`𝐛𝐨𝐭`, `𝟖`) and every other
  Unicode decimal digit (Arabic-Indic `٩`, Devanagari `९`…) become their ASCII twins, one character for one;
- a zero inside a word of letters is the letter it imitates (`б0т`, `0зон`, `b0t`);
- inside a word that mixes Latin and Cyrillic letters, look-alike letters (a e o p c x y k m t h b) are replaced by
  their twins from the word's script: the script of the letters without a twin (`л`, `г`, `d`, `s`…), else the
  majority (`нeйpoсеть` → `нейросеть`, `TEЛEГPAM` → `телеграм`, `bоt` with a Cyrillic `о` → `bot`).

Extra spaces and punctuation inside a phrase are not removed here: the phrase patterns tolerate them
(`core.guardrails.phrases`), which keeps the normalised text the same length as the original in the common case.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass

# Latin letters that look like Cyrillic ones (after lower-casing), and the reverse table.
_LATIN = "aeopcxykmthb"
_CYRILLIC = "аеорсхукмтнв"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff\u0300-\u036f]"
)
# A Latin letter next to a Cyrillic one; starting with a plain class lets the engine scan quickly.
_MIXED = re.compile("[a-z](?:(?<=[а-я][a-z])|(?=[а-я]))")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile("[a-z]")
_CYRILLIC_LETTER = re.compile("[а-я]")
_LATIN_ONLY = re.compile(f"[{''.join(sorted(set('abcdefghijklmnopqrstuvwxyz') - set(_LATIN)))}]")
_CYRILLIC_ONLY = re.compile(f"[{''.join(sorted(set('абвгдежзийклмнопрстуфхцчшщъыьэюя') - set(_CYRILLIC)))}]")


def _wide_table() -> dict[int, str]:
    """One-to-one ASCII twins: full-width forms, mathematical alphanumerics, every Unicode decimal digit."""
    table: dict[int, str] = {0x3002: ".", 0xFF61: "."}  # ideographic full stops
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0).lower()
    for code in range(0x1D400, 0x1D800):
        twin = unicodedata.normalize("NFKC", chr(code))
        if len(twin) == 1 and twin.isascii():
            table[code] = twin.lower()
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if char.isdecimal() and code not in table:
            table[code] = str(unicodedata.decimal(char))
    return table


_WIDE_TABLE = _wide_table()


def _ranges(codes: list[int]) -> str:
    """A character class body of `codes` as ranges: a class listing thousands of characters scans slowly."""
    out: list[list[int]] = []
    for code in codes:
        if out and out[-1][1] == code - 1:
            out[-1][1] = code
        else:
            out.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in out)


_WIDE = re.compile(f"[{_ranges(sorted(_WIDE_TABLE))}]")
# Russian and English replies stay within these blocks (Latin, Cyrillic, punctuation, currency signs, №), none of
# them invisible or wide: one cheap scan finds the rare text that needs the `_INVISIBLE` and `_WIDE` searches.
_RARE = re.compile("[^\x00-\u00ac\u00ae-\u02ff\u0370-\u04ff\u2010-\u2027\u2030-\u205f\u2070-\u20ff\u2116]")
# A zero touching a letter and no digit, or starting a word of letters: "б0т", "0зон" (not "100ml", "0,5").
_ZERO = re.compile(r"0(?:(?<=[^\W\d_]0)(?![0-9])|(?<![\w]0)(?=[^\W\d_]{2}))")


def _letter_zero(match: re.Match[str]) -> str:
    text, at = match.string, match.start()
    around = text[max(0, at - 1) : at + 2]
    return "о" if _CYRILLIC_LETTER.search(around) else "o"


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalised text and, when its length differs from the original, each character's original index."""

    text: str
    index: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty span of the normalised text back to the original text."""
        if self.index is None:
            return start, end
        return self.index[start], self.index[end - 1] + 1


def _unmix(match: re.Match[str]) -> str:
    word = match.group()
    latin = len(_LATIN_LETTER.findall(word))
    cyrillic = len(_CYRILLIC_LETTER.findall(word))
    if not latin or not cyrillic:
        return word
    # Letters without a twin give the word's script away ("teлeгpam" is Cyrillic: л, г); only when they do not
    # decide, the majority of all letters does. Ties go to Cyrillic: our buyers and sellers write Russian first.
    own_cyrillic = len(_CYRILLIC_ONLY.findall(word))
    own_latin = len(_LATIN_ONLY.findall(word))
    if own_cyrillic != own_latin:
        return word.translate(_TO_CYRILLIC if own_cyrillic > own_latin else _TO_LATIN)
    return word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)


def normalize(text: str) -> Normalized:
    """Normalise `text` for phrase and pattern matching (see the module docstring)."""
    if text.isascii():  # O(1): no invisible characters, no Cyrillic, no ё, nothing to map back
        lowered = text.lower()
        return Normalized(_ZERO.sub(_letter_zero, lowered) if "0" in lowered else lowered)
    lowered = text.lower()
    index: tuple[int, ...] | None = None
    rare = _RARE.search(text) is not None
    if len(lowered) != len(text) or (rare and _INVISIBLE.search(text)):
        # Rare path: characters are dropped or expand when lower-cased, so keep an index per character.
        chars: list[str] = []
        positions: list[int] = []
        for i, char in enumerate(text):
            if _INVISIBLE.match(char):
                continue
            for low in char.lower():
                if not _INVISIBLE.match(low):  # e.g. the combining dot of "İ".lower()
                    chars.append(low)
                    positions.append(i)
        lowered = "".join(chars)
        index = tuple(positions)
    lowered = lowered.replace("ё", "е")  # str.replace is far faster than str.translate here
    if rare and _WIDE.search(lowered):
        lowered = lowered.translate(_WIDE_TABLE)
    if "0" in lowered:
        lowered = _ZERO.sub(_letter_zero, lowered)
    if _MIXED.search(lowered):
        lowered = _WORD.sub(_unmix, lowered)
    return Normalized(lowered, index)
