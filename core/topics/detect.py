"""`detect`: the topics of one review, question or chat by the rules. Pure, no I/O, compiled once at import.

Text, pros and cons are read separately: compliments count only outside "cons", complaints only outside "pros",
and a bare word in a section ("Качество, цена" as pros) names that section's aspect. Each section is normalised
like the guardrails' input (case, ё, invisible characters, Latin/Cyrillic look-alikes), punctuation other than
commas and question marks dropped, and split into sentences at `.!;` and at "но"/"but": a compliment removes the
matching complaint only within its sentence ("привезли вовремя" is not a delivery complaint, "быстро привезли, но
коробка мятая" still is one about packaging).
"""

from __future__ import annotations

import re

from core.guardrails.normalize import normalize
from core.models.enums import Channel
from core.topics.cues import CUES, Cue
from core.topics.model import Topic, TopicResult, ordered

_PUNCT = re.compile(r"[^\w\s,?]+")
_SPACES = re.compile(r"\s+")
_SENTENCES = re.compile(r"[.!;\n]+|\s(?:но|однако|зато|but|however)\s")
_NEGATORS = {"не", "нет", "без", "ни", "no", "not", "without", "never", "nothing", "isn", "doesn", "don", "wasn"}
_EMPTY_SECTION = re.compile(r"^(нет|нету|никаких|ничего|не обнаружено|не выявлено|отсутствуют|no|none|nothing|-)?$")
_TWINS: dict[Topic, frozenset[Topic]] = {
    Topic.PRAISE_DELIVERY: frozenset({Topic.DELIVERY, Topic.PACKAGING}),
    Topic.PRAISE_FIT: frozenset({Topic.SIZE_SMALL, Topic.SIZE_LARGE}),
    Topic.PRAISE_VALUE: frozenset({Topic.PRICE}),
    Topic.PRAISE_QUALITY: frozenset({Topic.QUALITY}),
}
_COMPLAINT_OF = {complaint: praise for praise, twins in _TWINS.items() for complaint in twins}
# A bare aspect word in pros/cons: what it praises or complains about.
_SECTION_WORDS: tuple[tuple[re.Pattern[str], Topic, Topic], ...] = (
    (re.compile(r"качеств|материал|ткан|пошив"), Topic.PRAISE_QUALITY, Topic.QUALITY),
    (re.compile(r"\bцен|стоимост|дешев"), Topic.PRAISE_VALUE, Topic.PRICE),
    (re.compile(r"доставк|упаковк"), Topic.PRAISE_DELIVERY, Topic.DELIVERY),
    (re.compile(r"размер|посадк|сидит"), Topic.PRAISE_FIT, Topic.SIZE_SMALL),
)
_SIZES = frozenset({Topic.SIZE_SMALL, Topic.SIZE_LARGE, Topic.PRAISE_FIT})
_ASKS_STOCK = re.compile(r"\?|нет (других|в продаже)|других цвет")
_WORDS = re.compile(r"\w+")
_WORD_TAIL = re.compile(r"^\w*")
# Below this many words a text with no topic is just short ("Супер!"), not a text the rules failed to read.
_UNSURE_MIN_WORDS = 4


def prepare(text: str) -> str:
    """Normalised text for the cues: guardrail normalisation, punctuation except `,` and `?` dropped."""
    norm = normalize(text).text
    norm = _PUNCT.sub(" ", norm).replace(",", " , ").replace("?", " ? ")
    return _SPACES.sub(" ", norm).strip()


def _negated(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[: match.start()].split()[-2:]
    inner = match.group().split()[1:]
    after = _WORD_TAIL.sub("", sentence[match.end() :], count=1).split()[:1]  # "запаха нет"
    return any(word in _NEGATORS for word in (*before, *inner)) or after in (["нет"], ["нету"])


def _hits(sentence: str, channel: Channel) -> set[Topic]:
    found: set[Topic] = set()
    for cue in CUES:
        if cue.topic in found or (cue.channels is not None and channel not in cue.channels):
            continue
        if cue.unless is not None and cue.unless.search(sentence):
            continue
        if _cue_matches(cue, sentence):
            found.add(cue.topic)
    # A compliment about an aspect outweighs a complaint cue of the same aspect in the same sentence.
    return {t for t in found if _COMPLAINT_OF.get(t) not in found}


def _cue_matches(cue: Cue, sentence: str) -> bool:
    return any(not (cue.negatable and _negated(sentence, match)) for match in cue.rx.finditer(sentence))


def _section(text: str, kind: str, channel: Channel) -> set[Topic]:
    norm = prepare(text)
    if kind != "text" and _EMPTY_SECTION.match(norm):
        return set()
    found: set[Topic] = set()
    for sentence in _SENTENCES.split(norm):
        found |= _hits(sentence.strip(" ,"), channel)
    if kind == "pros":
        found = {t for t in found if t.praise or t in (Topic.COMPATIBILITY, Topic.AVAILABILITY)}
        found |= {praise for rx, praise, _ in _SECTION_WORDS if rx.search(norm)}
    elif kind == "cons":
        found = {t for t in found if not t.praise}
        found |= {complaint for rx, _, complaint in _SECTION_WORDS if rx.search(norm)}
    return found


def _by_channel(found: set[Topic], channel: Channel, everything: str) -> set[Topic]:
    if channel == Channel.QUESTION:
        # A question about size is a request for sizing advice, whatever words it uses; questions praise nothing.
        if found & _SIZES:
            found = (found - _SIZES) | {Topic.SIZE_ADVICE}
        if Topic.AVAILABILITY in found:
            found.discard(Topic.SIZE_ADVICE)  # "будет ли 48 размер?" asks about stock, not fit
        return {t for t in found if not t.praise}
    if channel == Channel.REVIEW or found & _SIZES:
        found.discard(Topic.SIZE_ADVICE)
    if channel == Channel.REVIEW and Topic.AVAILABILITY in found and not _ASKS_STOCK.search(prepare(everything)):
        found.discard(Topic.AVAILABILITY)  # "ждала, когда появится" in a review is a story, not a question
    return found


def detect(
    text: str,
    *,
    channel: Channel | str = Channel.REVIEW,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
) -> TopicResult:
    """The topics the buyer raised, in reply order, and whether the rules are unsure (see `UNSURE` rules below).

    Unsure: a text of several words where no cue matched, in a question, a chat, or a review rated 1–3 — the
    buyer said something the rules cannot name, and the opt-in LLM may give a second opinion.
    """
    channel = Channel(channel)
    found = _section(text or "", "text", channel)
    if pros:
        found |= _section(pros, "pros", channel)
    if cons:
        found |= _section(cons, "cons", channel)
    everything = " ".join(p for p in (text, pros, cons) if p)
    found = _by_channel(found, channel, everything)
    words = len(_WORDS.findall(everything))
    critical = channel != Channel.REVIEW or (rating is not None and rating <= 3)
    unsure = not found and critical and words >= _UNSURE_MIN_WORDS
    return TopicResult(ordered(found), unsure=unsure)
