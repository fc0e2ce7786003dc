"""Ops alerts from sync: the periodic round (evaluate every condition, then hand undelivered open alerts to the
bot), and what a sync run or a send raises when WB refuses the seller — a revoked token (401), a token without the
channel's category (403), an empty WB balance (402) and its end.

`core.alerts.evaluate` raises/bumps/resolves; delivery is the bot's ("bot.deliver_alert" claims it itself, so a
second kick of the same alert is harmless). Every open undelivered alert is kicked each round, not only those this
round raised: an alert raised by a sync run whose kick was lost (worker death after the commit) is delivered late
rather than never.
"""

from __future__ import annotations

from datetime import datetime

import structlog

from core import alerts, sellers
from core.alerts import AlertKind
from core.i18n import translator
from core.models import Alert, AlertSeverity, Reply, ReplyStatus, Seller
from core.tasks import TaskName
from sync.broker import kick
from sync.context import SyncContext
from sync.wb.errors import WBCategoryRefused, WBPaymentRequired

log = structlog.get_logger(__name__)


async def evaluate_alerts(ctx: SyncContext, now: datetime) -> int:
    """One alerts round; returns the number of alerts kicked for delivery."""
    await alerts.evaluate(now, ctx.settings)
    undelivered = await Alert.filter(open_key__isnull=False, delivered_at__isnull=True).values_list("id", flat=True)
    for alert_id in undelivered:
        await kick(ctx.broker, TaskName.DELIVER_ALERT, alert_id)
    return len(undelivered)


async def announce_alert(ctx: SyncContext, kind: str, seller_id: int, severity: AlertSeverity, text: str) -> None:
    """Raise (or bump) an alert and hand it to the bot for delivery when it is not delivered yet."""
    alert = await alerts.raise_alert(kind=kind, seller_id=seller_id, severity=severity, text=text)
    if alert.delivered_at is None:
        await kick(ctx.broker, TaskName.DELIVER_ALERT, alert.id)


async def token_refused(ctx: SyncContext, seller: Seller, reason: str) -> None:
    """WB refused the token (401/403): the seller stops (`core.sellers.mark_token_invalid`, audited; resumes on
    reconnect) and ops and the owners are told."""
    await sellers.mark_token_invalid(seller_id=seller.id, reason=reason)
    t = translator(ctx.settings.default_language)
    await announce_alert(
        ctx,
        "token_invalid",
        seller.id,
        AlertSeverity.CRITICAL,
        t("sync-alert-token-invalid", seller=seller.name or str(seller.id)),
    )


CATEGORY_ALERTS = {
    "feedbacks": AlertKind.TOKEN_CATEGORY_FEEDBACKS,
    "chat": AlertKind.TOKEN_CATEGORY_CHAT,
    "returns": AlertKind.TOKEN_CATEGORY_RETURNS,
}


async def category_refused(ctx: SyncContext, seller: Seller, exc: WBCategoryRefused) -> None:
    """WB answered 403 (the token lacks the category): the owners are told which category and how to get a token
    with it; the other channels go on."""
    t = translator(ctx.settings.default_language)
    category = t(f"wb-category-{exc.bucket}")
    text = t("sync-alert-token-category", seller=seller.name or str(seller.id), category=category, detail=str(exc))
    log.warning("wb.category_refused", seller_id=seller.id, bucket=exc.bucket, detail=str(exc))
    await announce_alert(ctx, CATEGORY_ALERTS[exc.bucket], seller.id, AlertSeverity.CRITICAL, text)


async def balance_empty(ctx: SyncContext, seller: Seller, exc: WBPaymentRequired) -> None:
    """WB answered 402: the seller's syncs and sends are held (replies stay queued) and the owners are told to top
    the balance up; WB's `detail` is what the log and the alert quote."""
    log.warning("wb.payment_required", seller_id=seller.id, detail=exc.detail)
    t = translator(ctx.settings.default_language)
    text = t("sync-alert-wb-balance-empty", seller=seller.name or str(seller.id), detail=exc.detail)
    await announce_alert(ctx, AlertKind.WB_BALANCE_EMPTY, seller.id, AlertSeverity.CRITICAL, text)


async def balance_cleared(ctx: SyncContext, seller_id: int) -> None:
    """A WB call of the seller succeeded: a 402 hold is over, and the replies it kept queued are sent now."""
    if not await alerts.resolve_alert(kind=AlertKind.WB_BALANCE_EMPTY, seller_id=seller_id):
        return
    log.info("wb.payment_cleared", seller_id=seller_id)
    queued = Reply.filter(status=ReplyStatus.QUEUED, interaction__seller_id=seller_id)
    for reply_id in await queued.values_list("id", flat=True):
        await kick(ctx.broker, TaskName.SEND_REPLY, reply_id)
