"""Answers that win buyers back: of the 1–3★ reviews the shop answered, how many got a WB supplement (the buyer's
follow-up review, `parent_external_id` = the original's id) with a higher rating after our answer, and how long
after the answer it came, overall and per product, per member who answered and per way of answering.

Answered = a sent text answer to the review itself, or one in a chat with the same buyer linked to the review
(core.linking: any stored link, sent after the review was written). The earliest such answer is "our answer": its
time, its member (`Reply.approved_by`; none for auto-send and admin replies) and its way (core.analytics.ways).
A supplement counts from our answer on; recovered = its rating above the original's. A review is in a period by
when it was written (like the other counters), so the drill-down (`ItemFilters.recovery`) lists exactly the items
counted, with the same SQL (`statement`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from core.analytics.common import Period, Sql, as_datetime, pct
from core.analytics.ways import AnswerWay, way_sql
from core.models import Channel, ReplyStatus, SellerMember

NEGATIVE_MAX = 3
# The drill-down's values of ItemFilters.recovery: every answered negative, or the recovered ones.
RECOVERY_FILTERS = ("answered", "recovered")
# ItemFilters.answered_by of the answers no member approved (auto-send, the admin): member ids start at 1.
NO_MEMBER = 0


def _answers(joins: str, where: str) -> str:
    """Sent text answers reaching a negative review (alias `o`) through `joins`, with time, member and way."""
    return f"""SELECT o.id AS review_id, r.id AS reply_id, COALESCE(r.sent_at, r.created_at) AS at,
                      r.approved_by_id AS member_id, {way_sql("r", "d")} AS way
                 FROM reply r LEFT JOIN draft d ON d.id = r.draft_id {joins}
                WHERE r.status = '{ReplyStatus.SENT.value}' AND r.action IS NULL {where}"""


def statement(neg_where: str = "") -> str:
    """One row per answered negative review (`neg_where` narrows the reviews, alias `o`): id, nm_id, product_name,
    rating, answered_at, member_id, way, sup_rating, sup_at (of the first supplement after our answer) and
    recovered (1/0). Dialect-neutral (CTEs and ROW_NUMBER run on PostgreSQL and SQLite); only inlined constants, so
    the drill-down can embed it. Every join from an answer to its review and supplement goes through an index (no
    join between two derived tables): PostgreSQL misjudges their sizes and picked quadratic plans (bench/README.md)."""
    review = Channel.REVIEW.value
    negative = f"""AND o.channel = '{review}' AND o.rating IS NOT NULL AND o.rating <= {NEGATIVE_MAX}
                   AND o.parent_external_id IS NULL {neg_where}"""
    direct = _answers("JOIN interaction o ON o.id = r.interaction_id", negative)
    # A chat with the same buyer linked to the review (either side of the link), answered after the review.
    via_chat = _answers(
        f"""JOIN interaction c ON c.id = r.interaction_id AND c.channel = '{Channel.CHAT.value}'
            JOIN link l ON (l.a_id = c.id OR l.b_id = c.id)
            JOIN interaction o ON o.id = CASE WHEN l.a_id = c.id THEN l.b_id ELSE l.a_id END""",
        f"AND COALESCE(r.sent_at, r.created_at) >= o.occurred_at {negative}",
    )
    supplement = f"""s{{n}}.seller_id = n.seller_id AND s{{n}}.channel = '{review}'
                     AND s{{n}}.parent_external_id = n.external_id AND s{{n}}.occurred_at >= f.at"""
    return f"""WITH answers AS ({direct} UNION ALL {via_chat}
        ), firsts AS (
          SELECT review_id, at, member_id, way,
                 ROW_NUMBER() OVER (PARTITION BY review_id ORDER BY at, reply_id) AS k FROM answers
        )
        SELECT n.id AS id, n.nm_id AS nm_id, n.product_name AS product_name, n.rating AS rating,
               f.at AS answered_at, f.member_id AS member_id, f.way AS way,
               s.rating AS sup_rating, s.occurred_at AS sup_at,
               CASE WHEN s.rating > n.rating THEN 1 ELSE 0 END AS recovered
          FROM firsts f JOIN interaction n ON n.id = f.review_id
          LEFT JOIN interaction s ON {supplement.format(n="")}
               AND NOT EXISTS (SELECT 1 FROM interaction s2 WHERE {supplement.format(n="2")} AND (s2.occurred_at
                               < s.occurred_at OR (s2.occurred_at = s.occurred_at AND s2.id < s.id)))
         WHERE f.k = 1"""


def drill_sql(seller_id: int | None, which: str, *, way: str | None = None, member_id: int | None = None) -> str:
    """A boolean SQL expression on the `interaction` table: the row is one the recovery figures count as `which`
    (RECOVERY_FILTERS), optionally of one way / member (NO_MEMBER: none). Inlined ints and validated values only."""
    if which not in RECOVERY_FILTERS:
        raise ValueError(f"one of {', '.join(RECOVERY_FILTERS)}")
    seller = "" if seller_id is None else f"AND o.seller_id = {int(seller_id)}"
    where = "WHERE x.recovered = 1" if which == "recovered" else "WHERE 1=1"
    if way is not None:
        where += f" AND x.way = '{AnswerWay(way).value}'"
    if member_id == NO_MEMBER:
        where += " AND x.member_id IS NULL"
    elif member_id is not None:
        where += f" AND x.member_id = {int(member_id)}"
    return f'"interaction"."id" IN (SELECT x.id FROM ({statement(seller)}) x {where})'


@dataclass(frozen=True)
class RecoveryRow:
    """One answered negative review and what followed our answer."""

    id: int
    nm_id: int | None
    product_name: str | None
    rating: int
    answered_at: datetime
    member_id: int | None
    way: str
    sup_rating: int | None
    sup_at: datetime | None
    recovered: bool

    @property
    def days(self) -> float | None:
        """Days from our answer to the supplement (recovered rows only)."""
        if not self.recovered or self.sup_at is None:
            return None
        return (self.sup_at - self.answered_at).total_seconds() / 86400


@dataclass(frozen=True)
class RecoveryGroup:
    """«recovered N of M (x %)» and the median days to recover, of all answered negatives or one group of them."""

    key: str
    label: str
    answered: int
    recovered: int
    supplemented: int
    median_days: float | None
    nm_id: int | None = None
    member_id: int | None = None
    way: str | None = None

    @property
    def pct(self) -> float | None:
        return pct(self.recovered, self.answered)


@dataclass(frozen=True)
class RecoveryStats:
    """The total and its breakdowns (biggest groups first)."""

    total: RecoveryGroup
    products: list[RecoveryGroup]
    members: list[RecoveryGroup]
    ways: list[RecoveryGroup]


async def recovery_rows(
    *, seller_id: int | None, period: Period | None = None, ids: list[int] | None = None
) -> list[RecoveryRow]:
    """The answered negative reviews of `seller_id` written in `period` (or with these `ids`)."""
    q = Sql()
    where = q.seller(seller_id, "o.seller_id")
    if period is not None:
        where += f" AND o.occurred_at >= {q.p(period.start)} AND o.occurred_at < {q.p(period.end)}"
    if ids is not None:
        if not ids:
            return []
        where += f" AND o.id IN ({', '.join(str(int(i)) for i in ids)})"
    rows = await q.rows(statement(where) + " ORDER BY n.id")
    return [
        RecoveryRow(
            id=int(r["id"]),
            nm_id=r["nm_id"],
            product_name=r["product_name"],
            rating=int(r["rating"]),
            answered_at=as_datetime(r["answered_at"]),  # type: ignore[arg-type]
            member_id=r["member_id"],
            way=r["way"],
            sup_rating=r["sup_rating"],
            sup_at=as_datetime(r["sup_at"]),
            recovered=bool(r["recovered"]),
        )
        for r in rows
    ]


def _group(key: str, label: str, rows: list[RecoveryRow], **ids: int | str | None) -> RecoveryGroup:
    days = [d for d in (r.days for r in rows) if d is not None]
    return RecoveryGroup(
        key=key,
        label=label,
        answered=len(rows),
        recovered=sum(r.recovered for r in rows),
        supplemented=sum(r.sup_rating is not None for r in rows),
        median_days=round(statistics.median(days), 1) if days else None,
        **ids,  # type: ignore[arg-type]
    )


def _groups(rows: list[RecoveryRow], key: Callable[[RecoveryRow], object]) -> dict[object, list[RecoveryRow]]:
    out: dict[object, list[RecoveryRow]] = defaultdict(list)
    for row in rows:
        out[key(row)].append(row)
    return out


def _ordered(groups: list[RecoveryGroup]) -> list[RecoveryGroup]:
    return sorted(groups, key=lambda g: (-g.answered, -g.recovered, g.key))


async def recovery(*, seller_id: int | None, period: Period) -> RecoveryStats:
    """The recovery figures of the negative reviews written in `period`."""
    rows = await recovery_rows(seller_id=seller_id, period=period)
    member_ids = {r.member_id for r in rows if r.member_id is not None}
    names = dict(await SellerMember.filter(id__in=member_ids).values_list("id", "name")) if member_ids else {}
    products = [
        _group(f"nm-{nm}", (group[0].product_name or str(nm)) if nm else "", group, nm_id=nm)  # type: ignore[arg-type]
        for nm, group in _groups(rows, lambda r: r.nm_id).items()
    ]
    members = [
        _group(f"member-{m or 0}", names.get(m, "") if m else "", group, member_id=m)  # type: ignore[arg-type]
        for m, group in _groups(rows, lambda r: r.member_id).items()
    ]
    ways = [_group(f"way-{w}", str(w), group, way=w) for w, group in _groups(rows, lambda r: r.way).items()]  # type: ignore[arg-type]
    return RecoveryStats(_group("all", "", rows), _ordered(products), _ordered(members), _ordered(ways))
