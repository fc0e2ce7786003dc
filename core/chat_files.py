"""Buyers' chat files for the cards: what a chat card lists, which files go to Telegram and when.

A file WB cleared before the card went out is sent with the card (inside the card's claim, `bot.notify`); one
cleared later is sent once to the cards already out, claimed by a conditional UPDATE of `followed_at`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.models import ChatFile, FileState


async def listed(interaction_id: int) -> tuple[ChatFile, ...]:
    """The chat's files as its card lists them (name and state; the bytes are not loaded)."""
    rows = await ChatFile.filter(interaction_id=interaction_id).order_by("id").only("id", "name", "state")
    return tuple(rows)


async def ready(interaction_id: int) -> list[ChatFile]:
    """The chat's files WB cleared, with their bytes or Telegram's cached copy."""
    return await ChatFile.filter(interaction_id=interaction_id, state=FileState.READY).order_by("id")


async def mark_followed(file_ids: list[int]) -> None:
    """These files went out with the cards: no follow-up sends them again."""
    if file_ids:
        await ChatFile.filter(id__in=file_ids, followed_at__isnull=True).update(followed_at=datetime.now(UTC))


async def claim_follow_ups(interaction_id: int) -> list[ChatFile]:
    """Ready files no card has had yet, each claimed once (a redelivered refresh gets none)."""
    claimed = []
    for row in await ChatFile.filter(interaction_id=interaction_id, state=FileState.READY, followed_at__isnull=True):
        if await ChatFile.filter(id=row.id, followed_at__isnull=True).update(followed_at=datetime.now(UTC)):
            claimed.append(row)
    return claimed


async def remember_telegram_copy(file_id: int, tg_file_id: str) -> None:
    """Telegram's file_id of our first upload: later sends reuse it instead of uploading the bytes again."""
    await ChatFile.filter(id=file_id, tg_file_id__isnull=True).update(tg_file_id=tg_file_id[:255])
