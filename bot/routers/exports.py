"""/export [days] [reading]: the seller's interactions and replies of the last days as a CSV document (owners
only); a situation, mood or topic value (`/export 7 harm`) keeps the items whose reading holds it."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import FSInputFile, Message

from core import access, exports
from core.i18n import Translator
from core.items.view import seller_zone
from core.models import SellerMember
from core.reading import Mood, Situation
from core.topics import Topic

router = Router(name="exports")

DEFAULT_DAYS = 30
MAX_DAYS = 366


def _args(command: CommandObject) -> tuple[int, dict[str, Any]] | None:
    """The period (default DEFAULT_DAYS, else 1..MAX_DAYS) and the reading picked by value; None when refused."""
    picks: dict[str, Situation | Mood | Topic]
    days, picks = DEFAULT_DAYS, {}
    for word in (command.args or "").split():
        # ASCII digits only: "²" and other Unicode digits pass isdigit() but not int().
        if word.isascii() and word.isdigit() and 1 <= int(word) <= MAX_DAYS:
            days = int(word)
        elif word in Situation._value2member_map_:
            picks["situation"] = Situation(word)
        elif word in Mood._value2member_map_:
            picks["mood"] = Mood(word)
        elif word in Topic._value2member_map_:
            picks["topic"] = Topic(word)
        else:
            return None
    return days, picks


@router.message(Command("export"))
async def export_command(message: Message, command: CommandObject, member: SellerMember | None, t: Translator) -> None:
    seller_id = access.require_owner(member).seller_id
    asked = _args(command)
    if asked is None:
        await message.answer(f"{t('export-usage', max=MAX_DAYS)}\n{t('export-reading-hint')}")
        return
    days, picks = asked
    zone = await seller_zone(seller_id)
    # The CSV goes through a temporary file, never a string in memory: a big seller's export is large.
    with tempfile.TemporaryDirectory(prefix="agentiq-export-") as folder:
        path = Path(folder) / f"agentiq-{seller_id}-{days}d.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            rows, _period = await exports.seller_export(
                seller_id=seller_id,
                days=days,
                out=out,
                now=datetime.now(UTC),
                zone=zone,
                language=t.language,
                **picks,
            )
        if rows == 0:
            await message.answer(t("export-empty", days=days))
            return
        caption = t("export-caption", rows=rows, days=days)
        await message.answer_document(FSInputFile(path, filename=path.name), caption=caption)
