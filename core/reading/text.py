"""Buyer text as sentences, clauses and words: the reader's shared view of a text, plus the morphology.

Sentences come from razdel over the text as written (it reads capitals), each then normalised (case, ё, invisible
characters, Latin/Cyrillic look-alikes as the guardrails normalise them); each sentence is cut into clauses at
contrast words («но», «однако», «зато», «but»), so a negation or a compliment never reaches across a contrast. A
clause keeps a prepared string (punctuation other than `,` and `?` dropped, words separated by single spaces) for
the cue patterns and the morphology. The morphology analyser (pymorphy3 with its Russian dictionaries) is loaded
once, on first use; parses are cached per word form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import razdel

from core.guardrails.normalize import normalize

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

_PUNCT = re.compile(r"[^\w\s,?]+")
_SPACES = re.compile(r"\s+")
_CONTRAST = re.compile(r"\s(?:но|однако|зато|but|however|though)\s")
# A run of letters longer than any word (a pasted link, a key held down): cut, so no pattern scans it for long.
_LONG_WORD = re.compile(r"\w{41,}")
# «непришел», «неработает»: a negation buyers glue to the verb.
_GLUED_NOT = re.compile(r"\bне(пришл\w*|пришел|работа\w*|включа\w*|подош\w*|подход\w*|соответству\w*|заряжа\w*)")
_LINES = re.compile(r"\n+")
_CYRILLIC_WORD = re.compile(r"^[а-я-]+$")
_WORD = re.compile(r"\w")


def vocabulary(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (long word lists stay readable)."""
    return frozenset(words.split())


@lru_cache(maxsize=4096)
def prepare(text: str) -> str:
    """Normalised text for the cue patterns: guardrail normalisation, punctuation except `,` and `?` dropped."""
    norm = normalize(text).text
    norm = _PUNCT.sub(" ", norm).replace(",", " , ").replace("?", " ? ")
    return _SPACES.sub(" ", norm).strip()


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: its prepared text (for the patterns) and its words (for the morphology)."""

    text: str
    question: bool  # the sentence it belongs to ends with "?"

    @property
    def words(self) -> tuple[str, ...]:
        """The clause's words (the prepared text is already cut into words and `,`/`?`)."""
        return tuple(w for w in self.text.split() if _WORD.search(w))


@cache
def _analyser() -> MorphAnalyzer:
    # Imported and loaded on first use only (≈ 0.1 s, ≈ 15 MB): processes that never read a buyer pay nothing.
    from pymorphy3 import MorphAnalyzer

    return MorphAnalyzer()


@lru_cache(maxsize=65536)
def parse(word: str) -> Parse | None:
    """The most likely analysis of a lower-case Russian word form, or None for other words."""
    if not _CYRILLIC_WORD.match(word):
        return None
    return _analyser().parse(word)[0]


def _cut(match: re.Match[str]) -> str:
    return match.group()[:40]


@lru_cache(maxsize=1024)
def clauses(text: str) -> tuple[Clause, ...]:
    """The clauses of a text, in order (an empty text has none); cached, as every part of the reader asks."""
    if not text or not text.strip():
        return ()
    found: list[Clause] = []
    for line in _LINES.split(text):
        # razdel reads capitals as sentence starts, so it splits the text as written; each sentence is normalised.
        for sentence in razdel.sentenize(line):
            norm = normalize(sentence.text).text
            question = "?" in norm
            prepared = _PUNCT.sub(" ", _LONG_WORD.sub(_cut, norm)).replace(",", " , ").replace("?", " ? ")
            prepared = " " + _SPACES.sub(" ", _GLUED_NOT.sub(r"не \1", prepared)).strip() + " "
            for part in _CONTRAST.split(prepared):
                part = part.strip(" ,")
                if not part:
                    continue
                found.append(Clause(part, question))
    return tuple(found)
