"""Which of the seller's product facts answers what the buyer asked: by the fact's content, not just its kind.

A fact is used when the buyer's text asks about the fact's kind (the kind's cue words: «состав», «гарантия»,
«в комплекте»…) and, for kinds whose answer depends on the details (compatibility, known issues), when the fact's
own words overlap the buyer's (crude stems: lower case, «ё» → «е», the first five letters). So a "tight zipper"
known issue is never appended to a colour question, and care advice never answers a smell complaint.
"""

from __future__ import annotations

import re

# What a buyer says when asking about each kind of fact (Russian and English, lower case, «ё» → «е»).
KIND_CUES: dict[str, re.Pattern[str]] = {
    kind: re.compile(pattern)
    for kind, pattern in {
        "composition": r"состав|материал|ткан|хлоп|шерст|синтет|полиэст|вискоз|кожа|кожи|натуральн|"
        r"composition|material|fabric|cotton|wool|leather",
        "dimensions": r"габарит|\bвес|весит|длин|ширин|высот|глубин|диаметр|объем|сантиметр|\bсм\b|размеры|"
        r"dimension|weight|weigh|length|width|height|how big",
        "compatibility": r"подойд|подходит|совмест|модел|айфон|iphone|samsung|xiaomi|compatib|work with|fit my",
        "warranty": r"гарант|warrant",
        "in_box": r"комплект|в наборе|входит|в коробке|зарядк|кабел|чехол|in the box|included|come with|comes with",
        "care": r"стира|стирк|уход|чистит|чистк|глад|сушит|мыть|посудомо|\bcare\b|wash|clean|iron",
        "sizing": r"размер|маломер|большемер|рост|обхват|стельк|\bsize|\bfit",
        "restock": r"будет ли|поступ|появит|наличи|завоз|restock|in stock|back in",
        "origin": r"оригинал|подделк|подлинн|страна|производ|сертификат|original|genuine|authentic|fake|made in",
    }.items()
}
# Kinds whose fact answers any question of its kind (the whole composition, the box's content…); the others must
# share a word with what was asked.
SELF_CONTAINED = frozenset({"composition", "dimensions", "warranty", "in_box", "care", "sizing", "restock", "origin"})
_WORD = re.compile(r"[a-zа-я0-9]+")
_STOPWORDS = (
    "и в во на по с со к ко о об от до за из у не ни а но да же ли бы то это как что где когда какой "
    "какая какое какие ваш ваша ваше ваши наш наша мы вы он она они оно его ее их мне меня вам нам есть "
    "будет был была было очень там тут здесь для при без или уже еще только можно нужно the a an is are "
    "was to of and or in on for with it this that be do does my your our"
)
_STOP = frozenset(_STOPWORDS.split())
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def stems(text: str) -> set[str]:
    """Crude stems of the content words of `text` (numbers kept whole, so a model «15» matches «15»)."""
    return {w if w.isdigit() else w[:5] for w in _WORD.findall(_norm(text)) if w not in _STOP and len(w) > 1}


def asks_about(kind: str, text: str) -> bool:
    """Whether `text` asks about facts of `kind` (its cue words)."""
    cue = KIND_CUES.get(kind)
    return bool(cue and cue.search(_norm(text)))


def relevant_fact(kinds: tuple[str, ...], text: str, facts: dict[str, str], language: str) -> tuple[str, str] | None:
    """The first (kind, fact) among `kinds` that answers `text`, or None. In an English reply a fact written in
    Russian is left out (the reply must never mix languages)."""
    words = stems(text)
    for kind in kinds:
        fact = (facts.get(kind) or "").strip()
        if not fact or (language == "en" and _CYRILLIC.search(fact)):
            continue
        overlap = bool(words & stems(fact))
        if kind == "known_issues":
            if overlap:
                return kind, fact
        elif asks_about(kind, text) and (overlap or kind in SELF_CONTAINED):
            return kind, fact
    return None


def answering_kinds(text: str) -> tuple[str, ...]:
    """Every kind of fact the buyer's text asks about, in a stable order."""
    return tuple(kind for kind in KIND_CUES if asks_about(kind, text))


def suggested_kind(asked: str) -> str | None:
    """The kind of fact a seller's answer to `asked` should be saved as ("teach once": the next buyer asking the
    same gets a one-tap draft), or None when the question names no kind."""
    kinds = answering_kinds(asked)
    return kinds[0] if kinds else None
