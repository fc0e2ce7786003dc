"""/stats: today, 7 and 30 days: received, answered, median first response, SLA met %."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from core import access, analytics
from core.humanize import duration
from core.i18n import Translator
from core.items.view import seller_zone
from core.models import SellerMember

router = Router(name="stats")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


@router.message(Command("stats"))
async def stats_command(message: Message, member: SellerMember | None, t: Translator) -> None:
    seller_id = access.require_member(member).seller_id
    zone = await seller_zone(seller_id)
    rows = await analytics.stats(seller_id=seller_id, now=datetime.now(UTC), zone=zone)
    lines = [t("bot-stats-title")] + [
        t(
            "bot-stats-line",
            period=t(f"bot-stats-{row.key}"),
            received=row.received,
            answered=row.answered,
            median=duration(row.median_first_response_s, t),
            sla=_pct(row.sla_met_pct),
        )
        for row in rows
    ]
    await message.answer("\n\n".join(lines))
