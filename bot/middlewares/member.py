"""Telegram user → `member` (with its seller) in handler data; None for users who belong to no seller."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from core import sellers


class MemberMiddleware(BaseMiddleware):
    """Outer middleware on messages and callback queries (one query per update)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        member = await sellers.member_of(user.id) if user else None
        if member is not None:
            # Writing to the bot again means the user unblocked it: resume their cards.
            await sellers.mark_unblocked(member)
        data["member"] = member
        data["tg_user_id"] = user.id if user else 0
        return await handler(event, data)
