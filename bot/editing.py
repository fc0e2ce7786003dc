"""Editing a message in place when Telegram may already show exactly that."""

from __future__ import annotations

from collections.abc import Awaitable

from aiogram.exceptions import TelegramBadRequest

# Telegram compares the new text with what it stored (parsed, trimmed) plus the keyboard, and refuses a no-op edit.
NOT_MODIFIED = "message is not modified"


async def edit_in_place(edit: Awaitable[object]) -> bool:
    """Await an edit of a bot message: True if it changed, False if the message already showed exactly that.

    Pressing the button of the page on screen, a double tap, or a refresh that won the race all re-render the
    same content; none of them is a failure, and the button must still be answered.
    """
    try:
        await edit
    except TelegramBadRequest as exc:
        if NOT_MODIFIED not in exc.message:
            raise
        return False
    return True
