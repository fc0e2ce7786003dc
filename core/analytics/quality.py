"""Reply quality (as is / edited / manual / auto), moderation rejections, draft origins and LLM token usage."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.analytics.common import Period, Sql, pct
from core.models import AnswerState, DraftOrigin, ReplyQuality, ReplyStatus


@dataclass(frozen=True)
class QualityStats:
    """Items answered by quality, drafts by origin, items with a guardrail-blocked draft, moderation rejections."""

    replies: dict[ReplyQuality, int] = field(default_factory=dict)
    drafts: dict[DraftOrigin, int] = field(default_factory=dict)
    blocked_drafts: int = 0
    moderation_rejected: int = 0
    answered: int = 0

    @property
    def sent(self) -> int:
        return sum(self.replies.values())

    def reply_pct(self, quality: ReplyQuality) -> float | None:
        """Share of the quality counts that is this quality, in percent (a chat answered twice, once as drafted
        and once by hand, counts under both)."""
        return pct(self.replies.get(quality, 0), self.sent)

    @property
    def llm_fallback_pct(self) -> float | None:
        """Of the drafts that tried the LLM (llm + fallback), the share that fell back to a template."""
        tried = self.drafts.get(DraftOrigin.LLM, 0) + self.drafts.get(DraftOrigin.FALLBACK, 0)
        return pct(self.drafts.get(DraftOrigin.FALLBACK, 0), tried)

    @property
    def rejection_pct(self) -> float | None:
        return pct(self.moderation_rejected, self.answered)


@dataclass(frozen=True)
class TokenUsage:
    """LLM tokens spent by one seller's drafts in a period."""

    seller_id: int
    drafts: int
    prompt_tokens: int
    completion_tokens: int


def _of_seller(alias: str, seller_id: int | None) -> str:
    # Replies and drafts reach their seller through the interaction: join only when filtering by seller.
    return "" if seller_id is None else f"JOIN interaction i ON i.id = {alias}.interaction_id"


async def reply_quality(*, seller_id: int | None, period: Period) -> QualityStats:
    """Of the items received in `period` (like the response and SLA figures): how many were answered with a text of
    each quality, how many had a draft the guardrails blocked, how many were answered and how many of those answers
    WB's moderation rejected; and the drafts created in `period` by origin. Items, not replies, so each figure is
    the length of its list (core.analytics.ItemFilters); only written answers count: an edit of a published answer,
    a return decision and a hidden question (a `Reply` with an `action`) are not written by hand."""
    q = Sql()
    received = f"i.occurred_at >= {q.p(period.start)} AND i.occurred_at < {q.p(period.end)}"
    replies = await q.rows(
        f"""SELECT r.quality AS k, COUNT(DISTINCT r.interaction_id) AS n
              FROM reply r JOIN interaction i ON i.id = r.interaction_id
             WHERE r.status = {q.p(ReplyStatus.SENT.value)} AND r.action IS NULL AND {received}
                   {q.seller(seller_id, "i.seller_id")} GROUP BY r.quality"""
    )
    q = Sql()
    drafts = await q.rows(
        f"""SELECT d.origin AS k, COUNT(*) AS n FROM draft d {_of_seller("d", seller_id)}
             WHERE d.created_at >= {q.p(period.start)} AND d.created_at < {q.p(period.end)}
                   {q.seller(seller_id, "i.seller_id")} GROUP BY d.origin"""
    )
    q = Sql()
    received = f"i.occurred_at >= {q.p(period.start)} AND i.occurred_at < {q.p(period.end)}"
    items = await q.rows(
        f"""SELECT SUM(CASE WHEN i.first_response_at IS NOT NULL THEN 1 ELSE 0 END) AS n,
                   SUM(CASE WHEN i.first_response_at IS NOT NULL
                             AND i.answer_state = {q.p(AnswerState.REJECTED.value)} THEN 1 ELSE 0 END) AS rejected
              FROM interaction i WHERE {received}{q.seller(seller_id, "i.seller_id")}"""
    )
    q = Sql()
    # Blocked drafts are few: join them to their items rather than probe every item for one.
    blocked = await q.rows(
        f"""SELECT COUNT(DISTINCT d.interaction_id) AS n FROM draft d JOIN interaction i ON i.id = d.interaction_id
             WHERE NOT d.ok AND i.occurred_at >= {q.p(period.start)} AND i.occurred_at < {q.p(period.end)}
                   {q.seller(seller_id, "i.seller_id")}"""
    )
    return QualityStats(
        replies={ReplyQuality(r["k"]): int(r["n"]) for r in replies},
        drafts={DraftOrigin(r["k"]): int(r["n"]) for r in drafts},
        blocked_drafts=int(blocked[0]["n"] or 0),
        moderation_rejected=int(items[0]["rejected"] or 0),
        answered=int(items[0]["n"] or 0),
    )


async def llm_usage(*, seller_id: int | None, period: Period) -> list[TokenUsage]:
    """LLM drafts and tokens per seller in `period`, biggest spender first."""
    q = Sql()
    sql = f"""SELECT i.seller_id AS seller_id, COUNT(*) AS n, SUM(d.prompt_tokens) AS pt, SUM(d.completion_tokens) AS ct
                FROM draft d JOIN interaction i ON i.id = d.interaction_id
               WHERE d.origin = {q.p(DraftOrigin.LLM.value)}
                 AND d.created_at >= {q.p(period.start)} AND d.created_at < {q.p(period.end)}
                 {q.seller(seller_id, "i.seller_id")}
               GROUP BY i.seller_id ORDER BY SUM(d.prompt_tokens) + SUM(d.completion_tokens) DESC"""
    return [
        TokenUsage(int(r["seller_id"]), int(r["n"]), int(r["pt"] or 0), int(r["ct"] or 0)) for r in await q.rows(sql)
    ]
