"""The repetition guard: no two public answers (reviews, questions) of one seller within 30 days share their first
120 normalised characters or have a Jaccard similarity ≥ 0.8 of their word 5-shingles (marketplaces limit sellers
whose answers repeat).

Each answer approved for a public channel leaves a signature (`AnswerSignature`: a hash of the normalised prefix
and the hashes of its shingles) instead of its text being scanned later: a check is one indexed read of the
seller's last 30 days of signatures that could match (same prefix, or a shingle count within the Jaccard bound) and
set arithmetic in memory (bench/README.md "Repetition guard"). A draft that
repeats is re-rolled before it is shown (`core.drafting.service`); a text the seller sends that repeats is refused
with a localised reason through the same `GuardrailViolation` as every other gate (`core.replies.approve`).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from math import ceil, floor

from tortoise.expressions import Q

from core.guardrails import GuardrailViolation, Severity, Verdict, Violation
from core.models import AnswerSignature, Channel

PREFIX_CHARS = 120
SHINGLE_WORDS = 5
MAX_JACCARD = 0.8
WINDOW = timedelta(days=30)
PUBLIC = frozenset({Channel.REVIEW, Channel.QUESTION})
RULE_ID = "format.repetition"
REASON_KEY = "guard-format-repetition"
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, «ё» as «е», words only, single spaces: what two answers share once punctuation is ignored."""
    return " ".join(_WORD.findall(text.lower().replace("ё", "е")))


def _digest(value: str, size: int) -> bytes:
    return hashlib.blake2b(value.encode(), digest_size=size).digest()


@dataclass(frozen=True)
class Signature:
    """What the guard keeps of one answer: its prefix hash, how many shingles it has and their packed hashes
    (4 bytes each, hex; unpacked only when the sizes allow a Jaccard ≥ 0.8)."""

    prefix: str
    size: int
    packed: str

    @cached_property
    def shingles(self) -> frozenset[int]:
        """The shingle hashes."""
        return frozenset(array("I", bytes.fromhex(self.packed)))

    def repeats(self, other: Signature) -> bool:
        """Same first 120 normalised characters, or word 5-shingle Jaccard ≥ 0.8."""
        if self.prefix == other.prefix:
            return True
        small, large = sorted((self.size, other.size))
        if not large or small < MAX_JACCARD * large:  # J ≤ |small| / |large|: cannot reach the bar
            return False
        common = len(self.shingles & other.shingles)
        return common / (small + large - common) >= MAX_JACCARD


def signature(text: str) -> Signature:
    """The signature of an answer's text."""
    norm = normalise(text)
    words = norm.split()
    grams = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))]
    shingles = sorted({int.from_bytes(_digest(g, 4), "big") for g in grams if g})
    return Signature(_digest(norm[:PREFIX_CHARS], 16).hex(), len(shingles), array("I", shingles).tobytes().hex())


async def repeated(
    text: str,
    *,
    seller_id: int,
    exclude_interaction: int | None = None,
    also: Iterable[Signature] = (),
    now: datetime | None = None,
) -> bool:
    """Whether `text` repeats one of the seller's public answers of the last 30 days (or one of `also`). Answers to
    `exclude_interaction` do not count: answering one item again, after WB rejected the answer, may say the same.
    One indexed read of only the answers that could repeat it: the same prefix, or a shingle count within the
    Jaccard bound."""
    mine = signature(text)
    if any(mine.repeats(other) for other in also):
        return True
    since = (now or datetime.now(UTC)) - WINDOW
    near = Q(prefix=mine.prefix) | Q(size__gte=ceil(mine.size * MAX_JACCARD), size__lte=floor(mine.size / MAX_JACCARD))
    query = AnswerSignature.filter(near, seller_id=seller_id, created_at__gte=since)
    if exclude_interaction is not None:
        query = query.exclude(interaction_id=exclude_interaction)
    rows = await query.values_list("prefix", "size", "shingles")
    return any(mine.repeats(Signature(prefix, size, packed)) for prefix, size, packed in rows)


def violation(text: str) -> Violation:
    """The guardrail finding of a repeating text (the whole text is the fragment)."""
    body = text.strip()
    start = text.find(body) if body else 0
    return Violation(RULE_ID, body, start, start + len(body), Severity.BLOCK, REASON_KEY)


async def enforce(text: str, *, seller_id: int, interaction_id: int, channel: Channel) -> None:
    """Refuse (GuardrailViolation) a public answer that repeats one the seller gave in the last 30 days."""
    if channel not in PUBLIC:
        return
    if await repeated(text, seller_id=seller_id, exclude_interaction=interaction_id):
        raise GuardrailViolation(Verdict((violation(text),)))


async def remember(text: str, *, seller_id: int, interaction_id: int, channel: Channel, reply_id: int) -> None:
    """Keep the signature of a public answer just approved (once per reply)."""
    if channel not in PUBLIC:
        return
    sig = signature(text)
    await AnswerSignature.get_or_create(
        reply_id=reply_id,
        defaults={
            "seller_id": seller_id,
            "interaction_id": interaction_id,
            "prefix": sig.prefix,
            "size": sig.size,
            "shingles": sig.packed,
        },
    )


async def forget(reply_id: int) -> None:
    """WB refused the reply: it was never published, so it repeats nothing."""
    await AnswerSignature.filter(reply_id=reply_id).delete()
