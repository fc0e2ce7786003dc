"""The first sync after onboarding: kick it by name and report its progress into the chat.

The report is an in-process asyncio task that edits one message until every connected channel is backfilled
(or an hour passed). It is cosmetic: if the bot restarts meanwhile the backfill itself goes on in the workers.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from taskiq import AsyncBroker

from core import sellers
from core.i18n import Translator, translator
from core.tasks import TaskName
from sync.broker import kick


def render_progress(progress: sellers.BackfillProgress, t: Translator) -> str:
    """One line per connected channel: fetched so far, done or running."""
    lines = [t("bot-backfill-title")]
    for channel in sorted(progress.channels):
        state = t("bot-backfill-done" if channel in progress.done else "bot-backfill-running")
        lines.append(
            t(
                "bot-backfill-line",
                channel=t(f"bot-channel-{channel}"),
                count=progress.fetched.get(channel, 0),
                state=state,
            )
        )
    if progress.finished:
        lines.append(t("bot-backfill-finished"))
    return "\n".join(lines)


@dataclass
class Backfill:
    """Callable given to the onboarding handler: `await backfill(seller_id, chat_id)`."""

    bot: Bot
    broker: AsyncBroker
    interval_s: float = 3.0
    timeout_s: float = 3600.0
    _reports: set[asyncio.Task[None]] = field(default_factory=set)

    async def __call__(self, seller_id: int, chat_id: int) -> None:
        for channel in sorted((await sellers.backfill_progress(seller_id)).channels):
            # One run per connected channel; a channel with no cursor yet starts with its backfill (sync.engine).
            await kick(self.broker, TaskName.SYNC_CHANNEL, seller_id, str(channel))
        task = asyncio.create_task(self.report(seller_id, chat_id))
        self._reports.add(task)
        task.add_done_callback(self._reports.discard)

    async def report(self, seller_id: int, chat_id: int) -> None:
        """Edit one progress message until the backfill finishes or `timeout_s` passes."""
        seller = await sellers.seller_of(seller_id)
        t = translator(seller.language)
        # Sent while the first sync's return cards go to the same chat: Telegram's per-chat limit may answer 429.
        while True:
            try:
                message = await self.bot.send_message(chat_id, t("bot-backfill-title"))
                break
            except TelegramRetryAfter as exc:
                await asyncio.sleep(exc.retry_after)
        shown = message.text
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        while loop.time() < deadline:
            progress = await sellers.backfill_progress(seller_id)
            text = render_progress(progress, t)
            if text != shown:
                try:
                    await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message.message_id)
                except TelegramRetryAfter:
                    await asyncio.sleep(self.interval_s)
                    continue  # shown in the next round
                except TelegramBadRequest:
                    pass
                shown = text
            if progress.finished:
                return
            await asyncio.sleep(self.interval_s)

    async def aclose(self) -> None:
        """Stop the running reports (process shutdown)."""
        for task in list(self._reports):
            task.cancel()
        await asyncio.gather(*self._reports, return_exceptions=True)
