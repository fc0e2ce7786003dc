"""Text normalisation for matching, with a map back to the original text.

Matching runs on a normalised copy so trivial obfuscation does not pass:
- case is folded (`str.lower`), `ё` becomes `е`;
- invisible characters (zero-width spaces/joiners, soft hyphens, bidi marks, variation selectors) and combining
  accents (stress marks) are dropped;
- inside a word that mixes Latin and Cyrillic letters, look-alike letters (a e o p c x y k m t h b) are replaced by
  their twins from the word's script: the script of the letters without a twin (`л`, `г`, `d`, `s`…), else the
  majority (`нeйpoсеть` → `нейросеть`, `TEЛEГPAM` → `телеграм`, `bоt` with a Cyrillic `о` → `bot`).

Extra spaces and punctuation inside a phrase are not removed here: the phrase patterns tolerate them
(`core.guardrails.phrases`), which keeps the normalised text the same length as the original in the common case.
"""

from __future__ import annotations

import re
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
        return Normalized(text.lower())
    lowered = text.lower()
    index: tuple[int, ...] | None = None
    if len(lowered) != len(text) or _INVISIBLE.search(text):
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
    if _MIXED.search(lowered):
        lowered = _WORD.sub(_unmix, lowered)
    return Normalized(lowered, index)
