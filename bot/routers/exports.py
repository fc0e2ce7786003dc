"""/export [days]: the seller's interactions and replies of the last days as a CSV document (owners only)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import FSInputFile, Message

from core import access, exports, inbox
from core.i18n import Translator
from core.models import SellerMember

router = Router(name="exports")

DEFAULT_DAYS = 30
MAX_DAYS = 366


def _days(command: CommandObject) -> int | None:
    """The period asked for: none means the default, anything but 1..MAX_DAYS is refused."""
    raw = (command.args or "").strip()
    if not raw:
        return DEFAULT_DAYS
    # ASCII digits only: "²" and other Unicode digits pass isdigit() but not int().
    return int(raw) if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_DAYS else None


@router.message(Command("export"))
async def export_command(message: Message, command: CommandObject, member: SellerMember | None, t: Translator) -> None:
    seller_id = access.require_owner(member).seller_id
    days = _days(command)
    if days is None:
        await message.answer(t("export-usage", max=MAX_DAYS))
        return
    zone = await inbox.seller_zone(seller_id)
    # The CSV goes through a temporary file, never a string in memory: a big seller's export is large.
    with tempfile.TemporaryDirectory(prefix="agentiq-export-") as folder:
        path = Path(folder) / f"agentiq-{seller_id}-{days}d.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            rows, _period = await exports.seller_export(
                seller_id=seller_id, days=days, out=out, now=datetime.now(UTC), zone=zone, language=t.language
            )
        if rows == 0:
            await message.answer(t("export-empty", days=days))
            return
        caption = t("export-caption", rows=rows, days=days)
        await message.answer_document(FSInputFile(path, filename=path.name), caption=caption)
