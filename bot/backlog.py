"""The onboarding summary: the backlog the first sync found (core.backlog) as one message to the owners, with
buttons into /inbox (urgent first, oldest first), and one ops alert saying the seller connected with it.

Claimed before sending (once per seller): a summary lost between the claim and the send is not re-sent, the items
stay in /inbox.
"""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import InboxCb
from bot.notifier import Notifier, send_to_member
from bot.notify import deliver_alert
from core import alerts, backlog, sellers
from core.i18n import Translator, translator
from core.items.view import seller_zone
from core.models import AlertSeverity, Priority
from core.spikes import owner_members
from core.timezones import local


def render_backlog(found: backlog.Backlog, t: Translator, zone: str) -> str:
    """Counts per channel and priority, the oldest item's date and what happens next."""
    lines = [t("backlog-title", total=found.total, overdue=found.overdue)]
    for channel, per_priority in sorted(found.counts.items()):
        priorities = ", ".join(
            t("backlog-priority", priority=t(f"bot-priority-{p}"), count=per_priority[p])
            for p in Priority
            if per_priority.get(p)
        )
        count = sum(per_priority.values())
        lines.append(t("backlog-line", channel=t(f"bot-filter-{channel}"), count=count, priorities=priorities))
    if found.oldest is not None:
        lines.append(t("backlog-oldest", date=local(found.oldest, zone).strftime("%d.%m.%Y")))
    lines.append(t("backlog-next"))
    return "\n".join(lines)


def backlog_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """The /inbox list, urgent first (its usual order) or oldest first, each as a new message below the summary."""
    kb = InlineKeyboardBuilder()
    kb.button(text=t("backlog-btn-urgent"), callback_data=InboxCb(new=True))
    kb.button(text=t("backlog-btn-oldest"), callback_data=InboxCb(oldest=True, new=True))
    kb.adjust(2)
    return kb.as_markup()


async def send_backlog_summary(seller_id: int, notifier: Notifier, now: datetime | None = None) -> bool:
    """Once every connected channel finished its first sync: the summary to the owners and one ops alert; False
    when a channel is still syncing, the summary was sent before, or there is no backlog."""
    now = now or datetime.now(UTC)
    if not (await sellers.backfill_progress(seller_id)).finished or not await backlog.claim_summary(seller_id, now):
        return False
    found = await backlog.backlog(seller_id=seller_id, now=now)
    if not found.total:
        return False
    seller = await sellers.seller_of(seller_id)
    ops_t = translator(notifier.settings.default_language)
    text = ops_t("alert-backlog", seller=seller.name or f"#{seller.id}", total=found.total, overdue=found.overdue)
    alert = await alerts.raise_alert(
        kind=backlog.ALERT_KIND, seller_id=seller_id, severity=AlertSeverity.INFO, text=text, now=now
    )
    # A notice, not a condition that holds: it is closed at once (the admin lists it among resolved alerts).
    await alerts.resolve_alert(kind=backlog.ALERT_KIND, seller_id=seller_id, now=now)
    await deliver_alert(alert.id, notifier)
    zone = await seller_zone(seller_id)
    for member in await owner_members(seller_id):
        t = translator(member.language)
        await send_to_member(notifier, member, render_backlog(found, t, zone), backlog_keyboard(t))
    return True
