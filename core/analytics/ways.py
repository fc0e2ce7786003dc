"""Which drafts to trust: per way of answering (template / LLM / fallback / the seller's own text / auto-send) and
per topic of the buyer's reading, how often a sent answer went out unchanged, was edited, or was rejected by WB's
moderation, over a period (the bot's /stats and the admin show the last 30 days).

A sent text answer's way is the draft it came from: a template, LLM or fallback draft sent as is or edited in place;
a seller's preview that replaced a generated draft still standing (core.replies: quality "edited") counts under that
generated draft's origin; auto-send is its own way; anything else is the seller's own text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.analytics.common import Period, Sql, pct
from core.models import AnswerState, DraftOrigin, ReplyQuality, ReplyStatus, ReplyVia
from core.topics import Topic


class AnswerWay(StrEnum):
    """How a sent answer was written (the stored values of the SQL below; `recovery-way-*` in the locales)."""

    TEMPLATE = "template"
    LLM = "llm"
    FALLBACK = "fallback"
    SELLER = "seller"
    AUTO = "auto"
    # Saved replies (issue 31 item 2) become a way of their own here: a reply sent from a saved reply maps to
    # "saved" in `way_sql` (its first WHEN), and every figure below and in core.analytics.recovery follows.


_GENERATED = (DraftOrigin.TEMPLATE.value, DraftOrigin.LLM.value, DraftOrigin.FALLBACK.value)


def way_sql(reply: str, draft: str) -> str:
    """The AnswerWay of a sent reply (alias `reply`) left-joined to its draft (alias `draft`), as an SQL expression.
    Inlined constants only (enum values), so it also fits the drill-down's raw SQL."""
    generated = ", ".join(f"'{v}'" for v in _GENERATED)
    replaced = f"""(SELECT p.origin FROM draft p
                     WHERE p.interaction_id = {draft}.interaction_id AND p.id < {draft}.id AND NOT p.void
                       AND p.origin IN ({generated}) ORDER BY p.id DESC LIMIT 1)"""
    return f"""CASE WHEN {reply}.via = '{ReplyVia.AUTO.value}' THEN '{AnswerWay.AUTO.value}'
                    WHEN {draft}.origin IN ({generated}) THEN {draft}.origin
                    WHEN {reply}.quality = '{ReplyQuality.EDITED.value}'
                         THEN COALESCE({replaced}, '{AnswerWay.SELLER.value}')
                    ELSE '{AnswerWay.SELLER.value}' END"""


@dataclass(frozen=True)
class WayQuality:
    """Sent answers of one way (or one topic): how many, and how many went out unchanged, edited, WB-rejected."""

    key: str
    sent: int = 0
    as_is: int = 0
    edited: int = 0
    rejected: int = 0

    @property
    def acceptance_pct(self) -> float | None:
        return pct(self.as_is, self.sent)

    @property
    def edit_pct(self) -> float | None:
        return pct(self.edited, self.sent)

    @property
    def rejection_pct(self) -> float | None:
        return pct(self.rejected, self.sent)

    def plus(self, sent: int, as_is: int, edited: int, rejected: int) -> WayQuality:
        """These counts added to this row's."""
        return WayQuality(
            self.key, self.sent + sent, self.as_is + as_is, self.edited + edited, self.rejected + rejected
        )


@dataclass(frozen=True)
class TrustStats:
    """Quality per way of answering and per topic; ways in AnswerWay order, topics by volume."""

    ways: list[WayQuality]
    topics: list[WayQuality]


async def answer_ways(*, seller_id: int | None, period: Period) -> TrustStats:
    """Text answers sent in `period` (by their creation; return decisions, hidden questions and edits of a published
    answer excluded), grouped by way and by topic of the item's stored reading (an item with two topics counts
    under both; items not read yet are left out of the topic rows)."""
    q = Sql()
    rows = await q.rows(
        f"""SELECT {way_sql("r", "d")} AS way, i.topics AS topics, COUNT(*) AS n,
                   SUM(CASE WHEN r.quality = {q.p(ReplyQuality.AS_IS.value)} THEN 1 ELSE 0 END) AS as_is,
                   SUM(CASE WHEN r.quality = {q.p(ReplyQuality.EDITED.value)} THEN 1 ELSE 0 END) AS edited,
                   SUM(CASE WHEN i.answer_state = {q.p(AnswerState.REJECTED.value)} THEN 1 ELSE 0 END) AS rejected
              FROM reply r JOIN interaction i ON i.id = r.interaction_id LEFT JOIN draft d ON d.id = r.draft_id
             WHERE r.status = {q.p(ReplyStatus.SENT.value)} AND r.action IS NULL
               AND r.created_at >= {q.p(period.start)} AND r.created_at < {q.p(period.end)}
                   {q.seller(seller_id, "i.seller_id")}
             GROUP BY 1, i.topics"""
    )
    ways: dict[str, WayQuality] = {w.value: WayQuality(w.value) for w in AnswerWay}
    topics: dict[str, WayQuality] = {}
    for row in rows:
        counts = (int(row["n"]), int(row["as_is"] or 0), int(row["edited"] or 0), int(row["rejected"] or 0))
        ways[row["way"]] = ways.get(row["way"], WayQuality(row["way"])).plus(*counts)
        for topic in _topics(row["topics"]):
            topics[topic] = topics.get(topic, WayQuality(topic)).plus(*counts)
    return TrustStats(
        ways=list(ways.values()),
        topics=sorted(topics.values(), key=lambda w: (-w.sent, w.key)),
    )


def _topics(stored: Any) -> list[str]:
    """The known topics of a stored JSON list (SQLite hands it back as text)."""
    if isinstance(stored, str):
        stored = json.loads(stored)
    return [t for t in stored or () if t in Topic._value2member_map_]
