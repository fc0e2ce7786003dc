"""Ops alerts: raised deduplicated (one open alert per kind × seller), resolved when the cause clears.

Delivery is not done here: after `evaluate()` the caller kicks "bot.deliver_alert"(alert_id) for every returned
alert whose `delivered_at` is None.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from core.models import Alert, AlertSeverity
from core.settings import Settings


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


def open_key(kind: AlertKind | str, seller_id: int | None) -> str:
    """The dedup key of an open alert."""
    return f"{kind}:{'-' if seller_id is None else seller_id}"


async def raise_alert(
    *, kind: AlertKind | str, seller_id: int | None, severity: AlertSeverity, text: str, now: datetime | None = None
) -> Alert:
    """Open the alert, or bump `count`/`last_seen`/`text`/`severity` of the one already open for kind × seller."""
    raise NotImplementedError


async def resolve_alert(*, kind: AlertKind | str, seller_id: int | None, now: datetime | None = None) -> bool:
    """Close the open alert of kind × seller; False when none was open."""
    raise NotImplementedError


async def evaluate(now: datetime, settings: Settings) -> list[Alert]:
    """Check every condition for every seller not paused; raise what holds, resolve what cleared.

    Returns the alerts open after this run that were raised or bumped by it.
    """
    raise NotImplementedError
