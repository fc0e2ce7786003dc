"""The periodic ops-alerts round: evaluate every condition, then hand undelivered open alerts to the bot.

`core.alerts.evaluate` raises/bumps/resolves; delivery is the bot's ("bot.deliver_alert" claims it itself, so a
second kick of the same alert is harmless). Every open undelivered alert is kicked each round, not only those this
round raised: an alert raised by a sync run whose kick was lost (worker death after the commit) is delivered late
rather than never.
"""

from __future__ import annotations

from datetime import datetime

from core import alerts
from core.models import Alert
from core.tasks import TaskName
from sync.broker import kick
from sync.context import SyncContext


async def evaluate_alerts(ctx: SyncContext, now: datetime) -> int:
    """One alerts round; returns the number of alerts kicked for delivery."""
    await alerts.evaluate(now, ctx.settings)
    undelivered = await Alert.filter(open_key__isnull=False, delivered_at__isnull=True).values_list("id", flat=True)
    for alert_id in undelivered:
        await kick(ctx.broker, TaskName.DELIVER_ALERT, alert_id)
    return len(undelivered)
