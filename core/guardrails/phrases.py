"""Phrase lists compiled into one regular expression shaped like a trie (an Aho-Corasick-like single alternation).

Phrase syntax (for the default set, `Settings.banned_phrases_extra` and a seller's own phrases alike):
- words separated by spaces or punctuation; in the text, any run of spaces/punctuation (or none) may separate them,
  so `чат-бот`, `чат  бот` and `чатбот` all match the phrase `чат бот`;
- a word ending in `*` matches any ending (`нейросет*` → нейросеть, нейросети, нейросетью);
- `..` between words allows up to two other words of the same sentence in between (`удал* .. отзыв*` →
  "удалите, пожалуйста, отзыв");
- inside words of 5+ letters single separators are tolerated (`т.е.л.е.г.р.а.м`, `н е й р о с е т ь`);
  shorter words must be written whole, or ordinary text would match across word boundaries.

Phrases are normalised like the text (`core.guardrails.normalize`), so look-alike letters and `ё` do not matter.
Every phrase ends in an empty named group `p<index>`: `match.lastgroup` names the phrase that matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from core.guardrails.normalize import normalize

_INNER_SEP = r"[\W_]{0,2}"
_WORD_SEP = r"[\W_]*"
# After a wildcard a real separator is required: `\w*` followed by an optional separator and another word would
# let the engine split a long word in every possible way (polynomial backtracking on seller-made phrases).
_STAR_SEP = r"\W+"
# Up to two words of the same sentence: sentence punctuation and line breaks end the gap.
_GAP = r"(?:[^\w.!?\n]+\w+){0,2}[^\w.!?\n]+"
_STAR = r"\w*"
_END = r"(?!\w)"
_SPREAD_MIN = 5
_TOKEN = re.compile(r"\.\.|[^\W_]+\*?")


def phrase_atoms(phrase: str) -> tuple[str, ...]:
    """The regex pieces of one phrase, in order; empty when the phrase has no word characters."""
    atoms: list[str] = []
    gap = False
    for token in _TOKEN.findall(normalize(phrase.replace("..", " .. ")).text):
        if token == "..":
            gap = bool(atoms)
            continue
        if atoms:
            atoms.append(_GAP if gap else _STAR_SEP if atoms[-1] == _STAR else _WORD_SEP)
        gap = False
        star = token.endswith("*")
        word = token.rstrip("*")
        for i, char in enumerate(word):
            if i and len(word) >= _SPREAD_MIN:
                atoms.append(_INNER_SEP)
            atoms.append(re.escape(char))
        if star:
            atoms.append(_STAR)
    # Only the last word must end where the phrase ends: inner words may run together ("чатбот").
    if atoms and atoms[-1] != _STAR:
        atoms.append(_END)
    return tuple(atoms)


class _Node(dict[str, "_Node"]):
    leaf: int | None = None


def _emit(node: _Node) -> str:
    # Runs without a branch are joined in a loop: recursing per atom would overflow the stack on a long phrase.
    chain: list[str] = []
    while len(node) == 1 and node.leaf is None:
        ((atom, node),) = node.items()
        chain.append(atom)
    branches = [atom + _emit(child) for atom, child in node.items()]
    if node.leaf is not None:
        # Last, so a longer phrase sharing this prefix is tried first.
        branches.append(f"(?P<p{node.leaf}>)")
    tail = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "".join(chain) + tail


class PhraseMatcher:
    """Finds any of `phrases` in normalised text; `finditer` yields (phrase index, start, end)."""

    def __init__(self, phrases: Sequence[str]) -> None:
        root = _Node()
        for index, phrase in enumerate(phrases):
            atoms = phrase_atoms(phrase)
            if not atoms:
                continue
            node = root
            for atom in atoms:
                node = node.setdefault(atom, _Node())
            if node.leaf is None:
                node.leaf = index
        # A phrase starts right after a non-word character (the text gets a leading space): a pattern that
        # begins with a character class lets the engine jump between word starts instead of trying every position.
        self._regex = re.compile(r"[\W_]" + _emit(root)) if root else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(phrase index, start, end) of the longest-first match at each word start of normalised `text`.

        Matches may overlap: a search resumes at the next word start, not after the match, so a phrase that
        begins inside an earlier one (`деньги за отзыв` in `вернём деньги за отзыв`) is found too.
        """
        if self._regex is None:
            return
        padded = " " + text
        match = self._regex.search(padded)
        while match is not None:
            # In `text` coordinates the phrase starts where the padded match does (one separator earlier).
            yield int(match.lastgroup[1:]), match.start(), match.end() - 1  # type: ignore[index]
            match = self._regex.search(padded, match.start() + 1)

    def search(self, text: str) -> bool:
        """Whether any phrase occurs in normalised `text`."""
        return self._regex is not None and self._regex.search(" " + text) is not None
