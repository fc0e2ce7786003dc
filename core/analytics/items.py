"""Drill-down: the interactions behind any chart bar, filtered and paginated (admin list and inbox)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from tortoise import connections
from tortoise.expressions import F, Q, RawSQL, Subquery
from tortoise.queryset import QuerySet

from core.analytics.common import Period, age_bucket_bounds
from core.analytics.recovery import drill_sql as recovery_drill_sql
from core.items.stage import OPEN_STATUSES
from core.models import (
    AnswerState,
    Channel,
    Draft,
    Interaction,
    InteractionStatus,
    Priority,
    Reply,
    ReplyQuality,
    ReplyStatus,
)
from core.reading import Mood, Situation
from core.topics import Topic

# "open" is the backlog (needs a response, not answered); any other value is an InteractionStatus.
STATUS_OPEN = "open"
# SLA outcomes of an item with a due time (core.analytics.sla): decided = met + breached.
SLA_OUTCOMES = ("met", "breached", "decided")
COUNT_CAP = 10_000


@dataclass(frozen=True)
class ItemFilters:
    """Every filter a chart bar can carry; None means "any". `day` is a calendar day in `zone` (the viewer's),
    `age_bucket` a backlog bucket (needs `now`), `overdue` = open and past due_at, `answered_day` = first response
    on that day; `topic`, `situation` and `mood` pick by the stored reading (core.readings). The dashboard's
    counters: `answered` = has a first response, `sla` = an outcome of SLA_OUTCOMES (as core.analytics.sla counts
    it), `reply_quality` = a sent text answer of that quality (not a return decision or a hidden question),
    `blocked_draft` = a draft the guardrails blocked, `answer_state` = WB's state of the answer."""

    seller_id: int | None = None
    channel: Channel | None = None
    day: date | None = None
    answered_day: date | None = None
    period: Period | None = None
    priority: Priority | None = None
    status: str | None = None
    age_bucket: str | None = None
    overdue: bool | None = None
    nm_id: int | None = None
    topic: Topic | None = None
    situation: Situation | None = None
    mood: Mood | None = None
    answered: bool | None = None
    sla: str | None = None
    reply_quality: ReplyQuality | None = None
    blocked_draft: bool | None = None
    answer_state: AnswerState | None = None
    # Answers that win buyers back (core.analytics.recovery): "answered" / "recovered" negatives, optionally of one
    # way of answering (core.analytics.ways.AnswerWay) or one member who answered.
    recovery: str | None = None
    answer_way: str | None = None
    answered_by: int | None = None
    now: datetime | None = None
    zone: str = "UTC"
    page: int = 1
    page_size: int = 50

    def as_query(self) -> dict[str, str]:
        """The non-empty filters as query-string values (for links from charts)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and f.name not in ("now", "period", "zone"):
                out[f.name] = value.isoformat() if isinstance(value, date) else str(value)
        return out


@dataclass(frozen=True)
class ItemRow:
    """One line of the list."""

    id: int
    seller_id: int
    channel: Channel
    status: InteractionStatus
    priority: Priority
    rating: int | None
    buyer_name: str | None
    product_name: str | None
    nm_id: int | None
    text: str
    occurred_at: datetime
    due_at: datetime | None
    first_response_at: datetime | None


@dataclass(frozen=True)
class ItemPage:
    """One page; `total` stops at COUNT_CAP and `total_capped` then says there are more."""

    items: list[ItemRow]
    total: int
    page: int
    page_size: int
    total_capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _conditions(f: ItemFilters) -> Q:
    now = f.now or datetime.now(UTC)
    q = Q()
    if f.seller_id is not None:
        q &= Q(seller_id=f.seller_id)
    if f.channel is not None:
        q &= Q(channel=f.channel)
    if f.priority is not None:
        q &= Q(priority=f.priority)
    if f.nm_id is not None:
        q &= Q(nm_id=f.nm_id)
    if f.mood is not None:
        q &= Q(mood=Mood(f.mood).value)
    for period, column in ((f.period, "occurred_at"), (Period.day(f.day, f.zone) if f.day else None, "occurred_at")):
        if period is not None:
            bounds: dict[str, Any] = {f"{column}__gte": period.start, f"{column}__lt": period.end}
            q &= Q(**bounds)
    if f.answered_day is not None:
        span = Period.day(f.answered_day, f.zone)
        q &= Q(first_response_at__gte=span.start, first_response_at__lt=span.end)
    if f.status == STATUS_OPEN or f.age_bucket is not None or f.overdue:
        q &= Q(needs_response=True, status__in=OPEN_STATUSES)
    elif f.status is not None:
        q &= Q(status=InteractionStatus(f.status))
    if f.age_bucket is not None:
        older_than, newer_or_equal = age_bucket_bounds(f.age_bucket, now)
        q &= Q(occurred_at__lte=newer_or_equal)
        if older_than is not None:
            q &= Q(occurred_at__gt=older_than)
    if f.overdue:
        q &= Q(due_at__lt=now)
    if f.answered is not None:
        q &= Q(first_response_at__isnull=not f.answered)
    if f.answer_state is not None:
        q &= Q(answer_state=AnswerState(f.answer_state))
    if f.sla is not None:
        q &= _sla(f.sla, now)
    if f.reply_quality is not None:
        # Only written answers: a Reply with an `action` is a return decision, a hidden question or an edit.
        texts = Reply.filter(status=ReplyStatus.SENT, action__isnull=True, quality=ReplyQuality(f.reply_quality))
        q &= Q(id__in=Subquery(texts.values("interaction_id")))
    if f.blocked_draft is not None:
        blocked = Subquery(Draft.filter(ok=False).values("interaction_id"))
        q &= Q(id__in=blocked) if f.blocked_draft else ~Q(id__in=blocked)
    return q


def _sla(outcome: str, now: datetime) -> Q:
    """The items of one SLA outcome at `now`, as core.analytics.sla decides them."""
    met = Q(first_response_at__isnull=False, first_response_at__lte=F("due_at"))
    late = Q(first_response_at__isnull=False, first_response_at__gt=F("due_at"))
    breached = late | Q(first_response_at__isnull=True, due_at__lt=now)
    if outcome not in SLA_OUTCOMES:
        raise ValueError(f"unknown SLA outcome {outcome!r}")
    picked = {"met": met, "breached": breached, "decided": met | breached}[outcome]
    return Q(due_at__isnull=False) & picked


def _holding(query: QuerySet[Interaction], column: str, value: str) -> QuerySet[Interaction]:
    """The rows whose stored JSON list `column` (topics, situations) holds `value`: jsonb containment on
    PostgreSQL, json_each on SQLite (whose JSON lookups tortoise does not implement)."""
    if connections.get("default").capabilities.dialect == "postgres":
        return query.filter(**{f"{column}__contains": [value]})
    # Inlined, not bound: `value` is a validated enum value of letters and underscores (see `matching`).
    found = RawSQL(f"EXISTS (SELECT 1 FROM json_each(\"{column}\") WHERE json_each.value = '{value}')")
    return query.annotate(**{f"holds_{column}": found}).filter(**{f"holds_{column}": True})


def matching(filters: ItemFilters) -> QuerySet[Interaction]:
    """The interactions matching `filters`, unordered and unpaged (exports page them by id themselves)."""
    query = Interaction.filter(_conditions(filters))
    if filters.topic is not None:
        query = _holding(query, "topics", Topic(filters.topic).value)
    if filters.situation is not None:
        query = _holding(query, "situations", Situation(filters.situation).value)
    if filters.recovery is not None:
        counted = RawSQL(
            recovery_drill_sql(
                filters.seller_id, filters.recovery, way=filters.answer_way, member_id=filters.answered_by
            )
        )
        query = query.annotate(recovery_counted=counted).filter(recovery_counted=True)
    return query


async def interactions_query(filters: ItemFilters) -> ItemPage:
    """One page of interactions matching `filters`, most urgent first, then oldest first."""
    page = max(1, filters.page)
    size = max(1, min(filters.page_size, 500))
    base = matching(filters)
    # Counting every open item of every seller costs a scan: count up to the cap and say "cap+".
    counted = len(await base.limit(COUNT_CAP + 1).values_list("id", flat=True))
    rows = (
        await base.order_by("priority_rank", "occurred_at", "id")
        .offset((page - 1) * size)
        .limit(size)
        .values(*(f.name for f in fields(ItemRow)))
    )
    return ItemPage([ItemRow(**r) for r in rows], min(counted, COUNT_CAP), page, size, counted > COUNT_CAP)
