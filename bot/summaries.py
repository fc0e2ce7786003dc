"""The /digest summary as text, on request and pushed to subscribers (core.summary_push)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.notifier import Notifier, send_to_member
from core import summary, summary_push
from core.i18n import Translator, translator


def _topic(t: Translator, topic: str) -> str:
    return t(f"topic-{topic}") if t.has(f"topic-{topic}") else topic


def render_summary(found: summary.Summary, t: Translator, period: str) -> str:
    """The summary text: received, answered, SLA met and the top topics."""
    topics = ", ".join(f"{_topic(t, name)} ({n})" for name, n in found.top_topics) or "—"
    sla = "—" if found.sla_met_pct is None else f"{found.sla_met_pct:.0f}%"
    return t("summary-text", period=period, received=found.received, answered=found.answered, sla=sla, topics=topics)


async def send_summaries(notifier: Notifier, now: datetime | None = None) -> int:
    """Push every due subscribed summary once per period; returns how many were sent."""
    now = now or datetime.now(UTC)
    sent = 0
    for item in await summary_push.due(now):
        if not await summary_push.claim(item.member.id, item.key):
            continue  # another run claimed it
        found = await summary.summary(
            seller_id=item.member.seller_id, weekly=item.weekly, now=item.until, zone=item.zone
        )
        t = translator(item.member.language)
        period = t("summary-last-week" if item.weekly else "summary-yesterday")
        if await send_to_member(notifier, item.member, render_summary(found, t, period)) is not None:
            sent += 1
    return sent
