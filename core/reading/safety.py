"""Safety words: a buyer reporting harm (an injury, a burn, a cut, an allergy, poisoning, an electric shock, a child
choking or swallowing something) or a legal step (court, a claim, Роспотребнадзор, the prosecutor, a lawyer, ЗоЗПП).

A minimal, self-contained rule set so the wiring (urgent, never auto-sent, never bulk, pages the owner at night) can
be built and tested now: `safety_situations(text)` is all `core.reading.read` needs from it. The lemmatised reader
(branch `reader`, issue 24) may replace this module whole with its own measured rules; nothing else imports it.

Recall first (a missed burn costs more than a needless page), with the near misses the issue names kept quiet: a
cut fabric («порезала ткань»), an allergy denied («аллергии нет»), a court as a workplace («в суде работаю»).
"""

from __future__ import annotations

import re

from core.reading.model import Situation

_HARM = re.compile(
    r"ожог|обжег|обожг|волдыр|аллерги|\bсып(ь|и|ью)\b|раздражени[ея] на коже|отек|отравил|отравлен|"
    r"ударил[оа]? током|бь[еёю]т(ся)? током|удар\w* ток|током (ударил|бь)|"
    r"подавил(ся|ась|ись)|проглотил|травм|\bкровь\b|кровоточ|\bкров(и|ью)\b|порезал(ся|ась|ись)|\bпорез(ы|ом|ал)?\b|"
    r"\bburn(ed|t|s)?\b|\brash\b|allerg|poison|electric shock|shocked me|\bchok(ed|ing)\b|swallow(ed)?\b|"
    r"injur|\bbleed|cut (myself|my )"
)
_LEGAL = re.compile(
    r"\bв суд\b|\bсуд\b|\bсуда\b|\bсудом\b|судебн|встретимся в суде|\bиск(а|ом)?\b|исков|претензи|роспотребнадзор|"
    r"прокуратур|юрист|адвокат|зозпп|защит\w* прав потребител|"
    r"\bsue\b|lawsuit|\bcourt\b|lawyer|attorney|consumer protection"
)
# An allergy or harm denied in its own clause («аллергии нет», «без аллергии», «no allergy»).
_DENIED = re.compile(r"\bнет\b|\bбез\b|\bне было\b|\bне вызвал|\bno\b|\bnot\b|\bwithout\b")
_CLAUSE = re.compile(r"[.!?;,\n]+")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _harm(clause: str) -> bool:
    found = _HARM.search(clause)
    return found is not None and not (found.group(0).startswith("аллерги") and _DENIED.search(clause))


def safety_situations(text: str) -> tuple[Situation, ...]:
    """HARM and/or LEGAL when the buyer's text reports them (in that order), else ()."""
    clauses = [c for c in _CLAUSE.split(_norm(text)) if c.strip()]
    found: list[Situation] = []
    if any(_harm(c) for c in clauses):
        found.append(Situation.HARM)
    if any(_LEGAL.search(c) for c in clauses):
        found.append(Situation.LEGAL)
    return tuple(found)
