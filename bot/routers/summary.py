"""/digest: the summary on request — today by default, `/digest week` for the last 7 days."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from core import inbox, sellers, summary
from core.i18n import Translator
from core.models import SellerMember

router = Router(name="summary")


def _topic(t: Translator, topic: str) -> str:
    return t(f"topic-{topic}") if t.has(f"topic-{topic}") else topic


@router.message(Command("digest"))
async def digest_command(message: Message, command: CommandObject, member: SellerMember | None, t: Translator) -> None:
    seller_id = sellers.require_member(member).seller_id
    weekly = (command.args or "").strip().lower() in ("week", "7", "неделя")
    zone = await inbox.seller_zone(seller_id)
    found = await summary.summary(seller_id=seller_id, weekly=weekly, now=datetime.now(UTC), zone=zone)
    topics = ", ".join(f"{_topic(t, name)} ({n})" for name, n in found.top_topics) or "—"
    sla = "—" if found.sla_met_pct is None else f"{found.sla_met_pct:.0f}%"
    await message.answer(
        t(
            "summary-text",
            period=t("summary-week" if weekly else "summary-today"),
            received=found.received,
            answered=found.answered,
            sla=sla,
            topics=topics,
        )
    )
