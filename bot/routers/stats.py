"""/stats: today, 7 and 30 days: received, answered, median first response, SLA met %; then the last 30 days' answers
that won buyers back and which drafts to trust (bot.recovery)."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.recovery import pct, render_recovery, render_trust
from core import access, analytics
from core.analytics.recovery import recovery
from core.analytics.ways import answer_ways
from core.humanize import duration
from core.i18n import Translator
from core.items.view import seller_zone
from core.models import SellerMember

router = Router(name="stats")


@router.message(Command("stats"))
async def stats_command(message: Message, member: SellerMember | None, t: Translator) -> None:
    seller_id = access.require_member(member).seller_id
    zone = await seller_zone(seller_id)
    now = datetime.now(UTC)
    rows = await analytics.stats(seller_id=seller_id, now=now, zone=zone)
    lines = [t("bot-stats-title")] + [
        t(
            "bot-stats-line",
            period=t(f"bot-stats-{row.key}"),
            received=row.received,
            answered=row.answered,
            median=duration(row.median_first_response_s, t),
            sla=pct(row.sla_met_pct),
        )
        for row in rows
    ]
    month = analytics.Period.last_days(30, now, zone)
    lines.append(render_recovery(await recovery(seller_id=seller_id, period=month), t))
    lines.append(render_trust(await answer_ways(seller_id=seller_id, period=month), t))
    await message.answer("\n\n".join(lines))
