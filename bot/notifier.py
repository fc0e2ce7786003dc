"""The `Notifier`: one Bot's sends and edits under the shared per-chat limits (`bot.limits`), retried on transient
failures — what cards, alerts, digests and the handlers' replies go through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import openai
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup, Message

from bot.limits import TelegramLimits, install_limits
from core import members
from core.models import SellerMember
from core.ratelimit import RateLimiter
from core.sending import Enqueue
from core.settings import Settings

T = TypeVar("T")


@dataclass
class Notifier:
    """Sends and edits messages under the shared limits (`bot.limits`). `enqueue` starts the send of a reply queued
    on arrival (auto-send)."""

    bot: Bot
    limiter: RateLimiter
    # The process's settings: Telegram limits and ops chat, drafting on arrival (LLM), the default language.
    settings: Settings
    enqueue: Enqueue
    # The process's one LLM client (`core.llm.process_client`) for drafts on arrival; its opener closes it.
    llm_client: openai.AsyncOpenAI | None = None
    limits: TelegramLimits = field(init=False)

    def __post_init__(self) -> None:
        self.limits = install_limits(self.bot, self.limiter, self.settings.telegram)

    @property
    def retries(self) -> int:
        """The 429s met by this Bot."""
        return self.limits.retries

    @property
    def errors(self) -> int:
        """The other transient failures (network, timeout, 5xx) met by this Bot."""
        return self.limits.errors

    async def call(self, chat_id: int, method: Callable[..., Awaitable[T]], /, **kwargs: Any) -> T:
        """Run one Bot API call to `chat_id` (limited and retried by the session's `TelegramLimits`)."""
        return await method(chat_id=chat_id, **kwargs)

    async def send(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
        """sendMessage under the limits."""
        return await self.call(chat_id, self.bot.send_message, text=text, reply_markup=markup)


async def send_to_member(
    notifier: Notifier, member: SellerMember, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send a message to a member; None when Telegram refused it (a member who blocked the bot is marked so)."""
    try:
        return await notifier.send(member.tg_chat_id, text, markup)
    except TelegramForbiddenError:
        await members.mark_blocked(member.id)
    except TelegramBadRequest:
        pass  # a malformed message is not retried: the items stay in /inbox and /digest
    return None
