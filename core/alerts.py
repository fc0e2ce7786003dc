"""Ops alerts: raised deduplicated (one open alert per kind × seller), resolved when the cause clears.

`evaluate()` runs every minute (a periodic task): it measures every condition for all sellers with a handful of
grouped queries, raises (or bumps the count of) alerts whose condition holds and resolves open alerts whose
condition cleared. The caller kicks the bot's delivery (`TaskName.DELIVER_ALERT`) for every returned alert whose
`delivered_at` is None; the delivery claims it with a lease (`claim_alert_delivery`), reads it to `alert_owners`
and sets `delivered_at` only once Telegram accepted its messages. LLM failures are one global alert (seller None):
the LLM is shared.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from core.analytics.backlog import open_where
from core.analytics.common import Sql, as_datetime
from core.analytics.readiness import covered_channels
from core.i18n import Translator, translator
from core.models import (
    Alert,
    AlertSeverity,
    AnswerState,
    Channel,
    DraftOrigin,
    MemberRole,
    ReplyStatus,
    Seller,
    SellerMember,
    SellerStatus,
    WbSyncState,
)
from core.settings import OpsSettings, Settings
from core.timezones import local

# The sync decides confirm/expire a little after the window ends; only a longer wait means it is not running.
_PENDING_GRACE = timedelta(minutes=30)


class AlertKind(StrEnum):
    STALE_SYNC = "stale_sync"
    RATE_LIMITED = "rate_limited"
    TOKEN_INVALID = "token_invalid"
    TOKEN_EXPIRING = "token_expiring"
    REPLY_FAILED = "reply_failed"
    LLM_FAILURES = "llm_failures"
    SLA_BREACH = "sla_breach"
    PENDING_EXPIRED = "pending_expired"
    MODERATION_SPIKE = "moderation_spike"
    SYNC_FAILING = "sync_failing"
    # WB answered 402: the service's WB balance is empty; syncs and sends wait until it is topped up.
    WB_BALANCE_EMPTY = "wb_balance_empty"
    # WB answered 403: the token lacks a category (one kind per WB category, so the text can name it).
    TOKEN_CATEGORY_FEEDBACKS = "token_category_feedbacks"
    TOKEN_CATEGORY_CHAT = "token_category_chat"
    TOKEN_CATEGORY_RETURNS = "token_category_returns"
    # A WB answer differs from the contract (an unknown field, a missing required one, a new status): ops only.
    WB_DRIFT = "wb_drift"


# Raised and resolved by what WB answers (sync.alerting: a 402 hold ends with the next call WB accepts, a missing
# category with a reconnect), not by a condition `evaluate` checks: its rounds leave them open.
RAISED_BY_EVENTS = frozenset(
    {
        AlertKind.WB_BALANCE_EMPTY,
        AlertKind.TOKEN_CATEGORY_FEEDBACKS,
        AlertKind.TOKEN_CATEGORY_CHAT,
        AlertKind.TOKEN_CATEGORY_RETURNS,
        AlertKind.WB_DRIFT,
    }
)


@dataclass(frozen=True)
class Finding:
    """A condition that holds now: which alert it raises and the variables of its text."""

    kind: AlertKind
    seller_id: int | None
    severity: AlertSeverity
    args: dict[str, Any]


def open_key(kind: AlertKind | str, seller_id: int | None) -> str:
    """The dedup key of an open alert."""
    return f"{kind}:{'-' if seller_id is None else seller_id}"


async def raise_alert(
    *, kind: AlertKind | str, seller_id: int | None, severity: AlertSeverity, text: str, now: datetime | None = None
) -> Alert:
    """Open the alert, or bump `count`/`last_seen`/`text`/`severity` of the one already open for kind × seller."""
    now = now or datetime.now(UTC)
    key = open_key(kind, seller_id)
    for _ in range(3):
        bumped = await Alert.filter(open_key=key).update(
            count=F("count") + 1, last_seen=now, text=text, severity=severity
        )
        if bumped:
            return await Alert.get(open_key=key)
        try:
            return await Alert.create(
                kind=str(kind), seller_id=seller_id, severity=severity, text=text, open_key=key,
                first_seen=now, last_seen=now, count=1,
            )  # fmt: skip
        except IntegrityError:
            continue  # a concurrent raise opened it first: bump that one
    raise RuntimeError(f"could not raise alert {key}")


async def is_open(kind: AlertKind | str, seller_id: int | None) -> bool:
    """Whether an alert of kind × seller is open now."""
    return await Alert.filter(open_key=open_key(kind, seller_id)).exists()


async def resolve_alert(*, kind: AlertKind | str, seller_id: int | None, now: datetime | None = None) -> bool:
    """Close the open alert of kind × seller; False when none was open."""
    closed = await Alert.filter(open_key=open_key(kind, seller_id)).update(
        open_key=None, resolved_at=now or datetime.now(UTC)
    )
    return closed > 0


async def _counts(sql_body: str, q: Sql) -> dict[int, int]:
    return {r["seller_id"]: int(r["n"]) for r in await q.rows(sql_body) if int(r["n"] or 0) > 0}


async def _interaction_findings(now: datetime, ops: OpsSettings) -> list[Finding]:
    """SLA breaches, expired pending windows and moderation rejections, per seller."""
    out: list[Finding] = []
    q = Sql()
    due = q.p(now)
    # Only items that arrived after the seller connected: a backlog found by the first sync is the seller's
    # history, shown to them once at onboarding, not an SLA the service missed.
    breached = await _counts(f"SELECT seller_id, COUNT(*) AS n FROM interaction WHERE {open_where(q, None)} "
                             f"AND due_at < {due} AND occurred_at >= (SELECT created_at FROM seller "
                             f"WHERE seller.id = interaction.seller_id) GROUP BY seller_id", q)  # fmt: skip
    out += [Finding(AlertKind.SLA_BREACH, s, AlertSeverity.WARNING, {"count": n}) for s, n in breached.items()]
    q = Sql()
    pending, expired = q.p(WbSyncState.PENDING.value), q.p(WbSyncState.EXPIRED.value)
    # Expired by the sync in the last day, or still pending well past the window (the pending check is not running).
    lapsed = await _counts(
        f"""SELECT seller_id, COUNT(*) AS n FROM interaction
             WHERE (wb_sync_state = {pending} AND pending_until < {q.p(now - _PENDING_GRACE)})
                OR (wb_sync_state = {expired} AND pending_until >= {q.p(now - timedelta(days=1))})
             GROUP BY seller_id""",
        q,
    )
    out += [Finding(AlertKind.PENDING_EXPIRED, s, AlertSeverity.WARNING, {"count": n}) for s, n in lapsed.items()]
    q = Sql()
    rejected = await _counts(
        f"""SELECT seller_id, COUNT(*) AS n FROM interaction WHERE answer_state = {q.p(AnswerState.REJECTED.value)}
             AND updated_at >= {q.p(now - timedelta(days=1))} GROUP BY seller_id""",
        q,
    )
    out += [
        Finding(AlertKind.MODERATION_SPIKE, s, AlertSeverity.WARNING, {"count": n})
        for s, n in rejected.items()
        if n >= ops.moderation_rejections_24h
    ]
    return out


async def _outbox_findings(now: datetime, ops: OpsSettings) -> list[Finding]:
    """Failed reply sends per seller and the global LLM fallback rate."""
    since = now - timedelta(minutes=ops.reply_failures_window_min)
    q = Sql()
    failed = await _counts(
        f"""SELECT i.seller_id, COUNT(*) AS n FROM reply r JOIN interaction i ON i.id = r.interaction_id
             WHERE r.status = {q.p(ReplyStatus.FAILED.value)} AND r.created_at >= {q.p(since)} GROUP BY i.seller_id""",
        q,
    )
    out = [Finding(AlertKind.REPLY_FAILED, s, AlertSeverity.WARNING, {"count": n}) for s, n in failed.items()]
    q = Sql()
    llm, fallback = q.p(DraftOrigin.LLM.value), q.p(DraftOrigin.FALLBACK.value)
    row = (
        await q.rows(
            f"""SELECT COUNT(*) AS n, SUM(CASE WHEN origin = {fallback} THEN 1 ELSE 0 END) AS fb FROM draft
                 WHERE origin IN ({llm}, {fallback}) AND created_at >= {q.p(since)}"""
        )
    )[0]
    tried, fell_back = int(row["n"]), int(row["fb"] or 0)
    if tried >= ops.llm_min_drafts and 100.0 * fell_back / tried >= ops.llm_fallback_pct:
        rate = round(100.0 * fell_back / tried)
        out.append(Finding(AlertKind.LLM_FAILURES, None, AlertSeverity.WARNING, {"pct": rate, "count": fell_back}))
    return out


async def _seller_findings(now: datetime, ops: OpsSettings) -> list[Finding]:
    """Token state, stale sync and 429 streaks per seller not paused."""
    sellers = await Seller.exclude(status=SellerStatus.PAUSED).values(
        "id", "status", "token_scopes", "token_expires_at", "created_at"
    )
    q = Sql()
    cursors: dict[int, dict[Channel, dict]] = {}
    for r in await q.rows(
        "SELECT seller_id, channel, last_success_at, consecutive_429, consecutive_failures FROM sync_cursor"
    ):
        cursors.setdefault(r["seller_id"], {})[Channel(r["channel"])] = r
    stale_after = timedelta(minutes=ops.stale_sync_min)
    failing_after = timedelta(minutes=ops.sync_failing_min)
    failing: dict[Channel, list[int]] = {}
    out: list[Finding] = []
    for s in sellers:
        sid = s["id"]
        if s["status"] == SellerStatus.TOKEN_INVALID:
            out.append(Finding(AlertKind.TOKEN_INVALID, sid, AlertSeverity.CRITICAL, {}))
        elif s["token_expires_at"] and s["token_expires_at"] <= now + timedelta(days=ops.token_expiry_days):
            days = max(0, (s["token_expires_at"] - now).days)
            severity = AlertSeverity.CRITICAL if s["token_expires_at"] <= now else AlertSeverity.WARNING
            out.append(Finding(AlertKind.TOKEN_EXPIRING, sid, severity, {"days": days}))
        mine = cursors.get(sid, {})
        for channel, c in mine.items():
            since = as_datetime(c.get("last_success_at")) or s["created_at"]
            if int(c["consecutive_failures"] or 0) > 0 and now - since >= failing_after:
                failing.setdefault(channel, []).append(int((now - since).total_seconds() // 60))
        stale = []
        for channel in sorted(covered_channels(s["token_scopes"])):
            last = as_datetime((mine.get(channel) or {}).get("last_success_at")) or s["created_at"]
            if now - last > stale_after:
                stale.append((channel, int((now - last).total_seconds() // 60)))
        if stale:
            channels = ", ".join(ch.value for ch, _ in stale)
            minutes = max(m for _, m in stale)
            out.append(
                Finding(AlertKind.STALE_SYNC, sid, AlertSeverity.WARNING, {"channels": channels, "minutes": minutes})
            )
        streak = max((int(c["consecutive_429"]) for c in mine.values()), default=0)
        if streak >= ops.rate_limit_streak:
            out.append(Finding(AlertKind.RATE_LIMITED, sid, AlertSeverity.WARNING, {"count": streak}))
    if failing:
        # One alert for the deployment, not one per seller: a WB outage fails every seller's channel at once.
        channels = ", ".join(f"{ch.value} ({len(failing[ch])})" for ch in sorted(failing))
        minutes = max(m for ms in failing.values() for m in ms)
        out.append(
            Finding(AlertKind.SYNC_FAILING, None, AlertSeverity.CRITICAL, {"channels": channels, "minutes": minutes})
        )
    return out


# What a shop's owners can fix themselves; the rest (sync lag, WB's rate limits, the shared LLM) is ops-only.
SELLER_KINDS = frozenset(
    {
        AlertKind.TOKEN_INVALID,
        AlertKind.TOKEN_EXPIRING,
        AlertKind.REPLY_FAILED,
        AlertKind.SLA_BREACH,
        AlertKind.PENDING_EXPIRED,
        AlertKind.MODERATION_SPIKE,
        AlertKind.WB_BALANCE_EMPTY,
        AlertKind.TOKEN_CATEGORY_FEEDBACKS,
        AlertKind.TOKEN_CATEGORY_CHAT,
        AlertKind.TOKEN_CATEGORY_RETURNS,
    }
)


def alert_title(kind: str, t: Translator) -> str:
    """The alert's localised title (an unknown kind, e.g. another feature's, shows as it is); a kind with a
    qualifier (`wb_drift:<digest>`) takes its family's title."""
    key = f"alert-title-{kind.split(':', 1)[0]}"
    return t(key) if t.has(key) else kind


def seller_alert_text(alert: Alert, seller: Seller, t: Translator, zone: str) -> str:
    """What a shop's owner reads: the shop named once, what happened, and the button or command that fixes it."""
    when = t("alert-when-unknown")
    if seller.token_expires_at is not None:
        when = local(seller.token_expires_at, zone).strftime("%d.%m.%Y %H:%M")
    return t(f"alert-seller-{alert.kind}", seller=seller.name or f"#{seller.id}", when=when)


def alert_text(kind: AlertKind, args: dict[str, Any], language: str | None) -> str:
    """The localised text of an alert (`args` carries `seller`, the seller's name, for per-seller alerts)."""
    return translator(language)(f"analytics-alert-{kind.value.replace('_', '-')}", **args)


async def _record(findings: list[Finding], now: datetime, language: str) -> list[Alert]:
    """`raise_alert` for many findings in a few statements: bump the open ones in bulk, create the rest."""
    by_key = {open_key(f.kind, f.seller_id): f for f in findings}
    if not by_key:
        return []
    names = dict(await Seller.filter(id__in={f.seller_id for f in findings}).values_list("id", "name"))
    existing = {a.open_key: a for a in await Alert.filter(open_key__in=list(by_key))}
    bumped, created = [], []
    for key, f in by_key.items():
        text = alert_text(f.kind, {"seller": names.get(f.seller_id) or str(f.seller_id), **f.args}, language)
        alert = existing.get(key)
        if alert is None:
            created.append(
                Alert(kind=f.kind.value, seller_id=f.seller_id, severity=f.severity, text=text, open_key=key,
                      first_seen=now, last_seen=now, count=1)
            )  # fmt: skip
            continue
        alert.count, alert.last_seen, alert.text, alert.severity = alert.count + 1, now, text, f.severity
        bumped.append(alert)
    if bumped:
        await Alert.bulk_update(bumped, fields=["count", "last_seen", "text", "severity"], batch_size=500)
    if created:
        # A concurrent raise_alert may open one of these first: keep its row.
        await Alert.bulk_create(created, ignore_conflicts=True, batch_size=500)
    return await Alert.filter(open_key__in=list(by_key))


async def evaluate(now: datetime, settings: Settings) -> list[Alert]:
    """Check every condition for every seller not paused; raise what holds, resolve what cleared.

    Returns the alerts raised or bumped by this run (deliver those with `delivered_at` None). Meant for one
    periodic task: two overlapping runs stay correct except that one count bump may be lost.
    """
    ops = settings.ops
    groups = await asyncio.gather(
        _seller_findings(now, ops), _outbox_findings(now, ops), _interaction_findings(now, ops)
    )
    findings = [f for group in groups for f in group]
    holding = {open_key(f.kind, f.seller_id) for f in findings}
    cleared = [
        key
        for key in await Alert.filter(
            open_key__isnull=False, kind__in=[k.value for k in AlertKind if k not in RAISED_BY_EVENTS]
        ).values_list("open_key", flat=True)
        if key not in holding
    ]
    if cleared:
        await Alert.filter(open_key__in=cleared).update(open_key=None, resolved_at=now)
    return await _record(findings, now, settings.default_language)


LIST_LIMIT = 200
_SEVERITY_ORDER = {AlertSeverity.CRITICAL: 0, AlertSeverity.WARNING: 1, AlertSeverity.INFO: 2}


async def list_alerts(*, resolved: bool, seller_id: int | None) -> list[Alert]:
    """Open (or resolved) alerts, optionally of one seller; open ones sorted by severity then recency."""
    query = Alert.filter(resolved_at__isnull=not resolved)
    if seller_id is not None:
        query = query.filter(seller_id=seller_id)
    alerts = await query.order_by("-last_seen", "-id").limit(LIST_LIMIT)
    return sorted(alerts, key=lambda a: _SEVERITY_ORDER[a.severity]) if not resolved else alerts


async def alert_owners(alert_id: int) -> tuple[Alert | None, list[SellerMember]]:
    """The alert and the owners who should read it: of the seller it concerns, if it is one they can act on
    (`core.alerts.SELLER_KINDS`; ops-only kinds and global alerts have none) and they still read the bot."""
    alert = await Alert.get_or_none(id=alert_id)
    if alert is None or alert.seller_id is None or alert.kind not in SELLER_KINDS:
        return alert, []
    owners = SellerMember.filter(seller_id=alert.seller_id, role=MemberRole.OWNER, active=True, blocked_bot=False)
    return alert, list(await owners.order_by("id"))


async def claim_alert_delivery(alert_id: int, now: datetime, lease_s: float) -> Alert | None:
    """Claim an ops alert for delivery to Telegram with a lease: the first caller gets it; a redelivery gets None
    while the claim is live, and a caller after a lost attempt (its lease over, not delivered) gets it again."""
    claimed = (
        await Alert.filter(id=alert_id, delivered_at=None)
        .filter(Q(claimed_at=None) | Q(claimed_at__lt=now - timedelta(seconds=lease_s)))
        .update(claimed_at=now)
    )
    return await Alert.get(id=alert_id) if claimed else None


async def alert_chat_delivered(alert_id: int, chats: list[int]) -> None:
    """Record the chats that have the alert's message (a repeated attempt skips them)."""
    await Alert.filter(id=alert_id).update(delivered_chats=chats)


async def alert_delivered(alert_id: int, now: datetime) -> None:
    """Telegram accepted every message of the alert."""
    await Alert.filter(id=alert_id).update(delivered_at=now)
