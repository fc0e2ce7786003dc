"""Answers that win buyers back and which drafts to trust, as the bot shows them: the /stats blocks
(core.analytics.recovery, core.analytics.ways) and the weekly line to owners (core.recovery_report)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.notifier import Notifier, send_to_member
from bot.text import clip
from core import recovery_report
from core.analytics.recovery import RecoveryGroup, RecoveryStats
from core.analytics.ways import TrustStats, WayQuality
from core.i18n import Translator, translator

# Groups per breakdown line and topics in the trust block: the biggest ones (the admin lists them all).
TOP = 3
TOPICS = 5


def pct(value: float | None) -> str:
    """A percentage as the bot shows it ("—" when there was nothing to measure)."""
    return "—" if value is None else f"{value:.0f}%"


def days(value: float | None, t: Translator) -> str:
    """Median days as the bot shows them."""
    return "—" if value is None else t("recovery-days", days=f"{value:g}")


def group_name(group: RecoveryGroup, kind: str, t: Translator) -> str:
    """A breakdown group's name in the reader's language (clipped and escaped: names are free text)."""
    if kind == "way":
        return t(f"recovery-way-{group.way}")
    if kind == "member":
        return clip(group.label, 40, "…") if group.member_id else t("recovery-member-none")
    return clip(group.label, 30, "…") if group.label else str(group.nm_id or "—")


def _parts(groups: list[RecoveryGroup], kind: str, t: Translator) -> str:
    return ", ".join(
        t("recovery-part", name=group_name(g, kind, t), recovered=g.recovered, answered=g.answered)
        for g in groups[:TOP]
    )


def render_recovery(stats: RecoveryStats, t: Translator) -> str:
    """The /stats block: «recovered N of M (x %)», the median days, then by way, member and product."""
    total = stats.total
    if not total.answered:
        return "\n".join((t("bot-recovery-title"), t("bot-recovery-none")))
    lines = [
        t("bot-recovery-title"),
        t(
            "bot-recovery-line",
            recovered=total.recovered,
            answered=total.answered,
            pct=pct(total.pct),
            days=days(total.median_days, t),
        ),
        t("bot-recovery-by-way", list=_parts(stats.ways, "way", t)),
        t("bot-recovery-by-member", list=_parts(stats.members, "member", t)),
        t("bot-recovery-by-product", list=_parts(stats.products, "product", t)),
    ]
    return "\n".join(lines)


def _trust_line(w: WayQuality, name: str, t: Translator) -> str:
    return t(
        "bot-trust-line",
        way=name,
        as_is=pct(w.acceptance_pct),
        edited=pct(w.edit_pct),
        rejected=pct(w.rejection_pct),
        sent=w.sent,
    )


def render_trust(trust: TrustStats, t: Translator) -> str:
    """The /stats block of quality per way of answering, then per topic (the biggest TOPICS)."""
    ways = [w for w in trust.ways if w.sent]
    if not ways:
        return "\n".join((t("bot-trust-title"), t("bot-trust-none")))
    lines = [t("bot-trust-title"), *(_trust_line(w, t(f"recovery-way-{w.key}"), t) for w in ways)]
    if trust.topics:
        lines.append(t("bot-trust-topics"))
        lines += [_trust_line(w, t(f"topic-{w.key}"), t) for w in trust.topics[:TOPICS]]
    return "\n".join(lines)


def render_weekly(due: recovery_report.DueRecovery, t: Translator) -> str:
    """The weekly line to an owner."""
    best = ""
    if due.best is not None:
        best = t(
            "recovery-weekly-best",
            way=t(f"recovery-way-{due.best.way}"),
            recovered=due.best.recovered,
            answered=due.best.answered,
        )
    return t(
        "recovery-weekly",
        recovered=due.total.recovered,
        answered=due.total.answered,
        pct=pct(due.total.pct),
        days=days(due.total.median_days, t),
        best=best,
    ).strip()


async def send_recovery_reports(notifier: Notifier, now: datetime | None = None) -> int:
    """Send every due weekly recovery line once per seller and week; returns how many messages were sent."""
    now = now or datetime.now(UTC)
    sent = 0
    for due in await recovery_report.due(now):
        if not await recovery_report.claim(due.seller_id, due.week, due.total):
            continue  # another run claimed it
        for member in due.members:
            if await send_to_member(notifier, member, render_weekly(due, translator(member.language))) is not None:
                sent += 1
    return sent
