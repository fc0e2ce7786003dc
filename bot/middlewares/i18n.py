"""Puts `t` (a `core.i18n.Translator`) into handler data: the member's language, else Telegram's, else default."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from core.i18n import LANGUAGES, translator


class I18nMiddleware(BaseMiddleware):
    """Outer middleware; runs after `MemberMiddleware`."""

    def __init__(self, default_language: str) -> None:
        self.default_language = default_language

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        member = data.get("member")
        user: User | None = data.get("event_from_user")
        telegram_language = (user.language_code or "")[:2] if user else ""
        for language in (member.language if member else None, telegram_language, self.default_language):
            if language in LANGUAGES:
                break
        data["t"] = translator(language)
        return await handler(event, data)
