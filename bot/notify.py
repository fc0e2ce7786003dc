"""Sending cards under Telegram's flood limits, exactly once per interaction and member.

Limits: one `core.ratelimit.RateLimiter` (Redis-backed when Redis is set) is shared by every worker: a global
bucket (30/s), one per private chat (1/s) and one per group (20/min). A send first waits for its chat's slot and
only then for a global one, so a slot of the global budget is never held while a busy chat waits. A 429 still
pauses that chat for Telegram's `retry_after` (the limiter is the guard; the retry is the seat belt).

Exactly once: the `Card` row (unique interaction × member) is claimed BEFORE the send (the card and the buyer's
photos sent above it, `bot.media`). A redelivered task finds
the claim and skips. If a worker dies between the send and recording the message id, the card stays `claimed`
without a message id and is never re-sent: at-most-once. We chose that over at-least-once because a duplicate
card invites a double answer and there is no way to detect it afterwards, while a lost card is harmless: the
interaction stays in /inbox, where the seller finds it.

What an arrival sets off before its cards (draft, auto-send, quiet hours) is core's (`core.arrival`); this module
renders and delivers. The auto-sent reply's send task runs concurrently and refreshes cards when it is done; a
refresh that ran before our card was recorded found nothing to edit, so after sending, a card whose stage moved on
meanwhile is refreshed here.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import InlineKeyboardMarkup, Message
from limits import parse

from bot.keyboards import card_keyboard
from bot.media import media_about, send_files, send_media, together
from bot.render import clip, render_card
from core import arrival, cards, chat_files, inbox, members, sellers
from core.alerts import alert_owners, alert_title, claim_alert_delivery, seller_alert_text
from core.attachments import media_of
from core.i18n import translator
from core.models import SellerMember
from core.ratelimit import RateLimiter
from core.sending import Enqueue
from core.settings import Settings

ALERT_ICON = {"info": "ℹ️", "warning": "⚠️", "critical": "🚨"}


@dataclass
class Notifier:
    """Sends and edits messages under the shared limits; counts the 429s it met. `enqueue` starts the send of a
    reply queued on arrival (auto-send)."""

    bot: Bot
    limiter: RateLimiter
    # The process's settings: Telegram limits and ops chat, drafting on arrival (LLM), the default language.
    settings: Settings
    enqueue: Enqueue
    retries: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        telegram = self.settings.telegram
        self._global = parse(telegram.global_rate)
        self._chat = parse(telegram.per_chat_rate)
        self._group = parse(telegram.per_group_rate)

    async def _slot(self, chat_id: int) -> None:
        # Negative ids are groups and channels in Telegram.
        await self.limiter.wait(self._chat if chat_id > 0 else self._group, f"tg:chat:{chat_id}")
        await self.limiter.wait(self._global, "tg:global")

    async def call(self, chat_id: int, method, /, **kwargs) -> Message | bool:
        """Run one Bot API call to `chat_id` under the limits, waiting out 429s."""
        while True:
            await self._slot(chat_id)
            try:
                return await method(chat_id=chat_id, **kwargs)
            except TelegramRetryAfter as exc:
                self.retries += 1
                await self.limiter.pause(f"tg:chat:{chat_id}", exc.retry_after)
                await asyncio.sleep(exc.retry_after)

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


async def notify_interaction(interaction_id: int, notifier: Notifier) -> int:
    """Send the interaction's card to every recipient that has not got it yet; returns how many were sent."""
    ready = await arrival.prepare(interaction_id, settings=notifier.settings, enqueue=notifier.enqueue)
    data = ready.data
    sent = 0
    media = media_of(data.interaction)
    files = await chat_files.ready(interaction_id) if data.files else []
    for member in await arrival.recipients_now(ready, datetime.now(UTC)):
        card = await cards.claim_card(interaction_id, member)
        if card is None:
            continue
        t = translator(member.language)
        try:
            # The buyer's photos first, so the card with its buttons is the newest message; both under the claim,
            # and no other item's album between them.
            async with together(member.tg_chat_id):
                await send_media(notifier, member.tg_chat_id, media, t, media_about(data.interaction, t))
                await send_files(notifier, member.tg_chat_id, files)
                message = await notifier.send(member.tg_chat_id, render_card(data, t), card_keyboard(data, t))
        except TelegramForbiddenError as exc:
            await members.mark_blocked(member.id)
            await cards.card_failed(card, exc.message)
            continue
        except TelegramBadRequest as exc:
            await cards.card_failed(card, exc.message)
            continue
        await cards.card_sent(card, message.message_id)
        sent += 1
    # Files sent with the cards need no follow-up (a card sent later still gets them with it).
    await chat_files.mark_followed([f.id for f in files])
    # The auto-sent reply may have reached WB while the cards were on their way, and its refresh found no card
    # to edit yet: bring them up to date here (see the module docstring).
    if ready.auto_sent and sent and (await inbox.card_data(interaction_id)).stage != data.stage:
        await refresh_cards(interaction_id, notifier)
    return sent


async def refresh_cards(interaction_id: int, notifier: Notifier) -> int:
    """Re-render every delivered card of the interaction from the database; returns how many changed."""
    data = await inbox.card_data(interaction_id)
    changed = 0
    shown = await cards.sent_cards(interaction_id)
    # Files WB cleared after the cards went out: sent once to those cards, under the card they belong to.
    follow_ups = await chat_files.claim_follow_ups(interaction_id) if data.files and shown else []
    for card in shown:
        member = await card.member
        t = translator(member.language)
        try:
            await notifier.call(
                card.tg_chat_id,
                notifier.bot.edit_message_text,
                message_id=card.tg_message_id,
                text=render_card(data, t),
                reply_markup=card_keyboard(data, t),
            )
            changed += 1
        except TelegramForbiddenError:
            await members.mark_blocked(member.id)
        except TelegramBadRequest as exc:
            # A redelivered refresh meets "message is not modified"; a deleted card cannot be edited.
            if "not modified" not in exc.message:
                await cards.card_failed(card, exc.message)
        if follow_ups:
            with contextlib.suppress(TelegramForbiddenError):
                await send_files(notifier, card.tg_chat_id, follow_ups)
    return changed


async def deliver_alert(alert_id: int, notifier: Notifier) -> bool:
    """Post an alert once (claimed first, like cards): to the ops chat with its ops text, and to the seller's owners
    in their language when it is one they can act on (a dead token, failed sends, overdue items), naming the shop
    once and saying which command or button fixes it. Ops-only kinds (sync lag, WB's limits, the shared LLM) go to
    the ops chat only. With nobody to tell, the alert stays unclaimed, so a later configured ops chat gets it."""
    found, owners = await alert_owners(alert_id)
    if found is None:
        return False
    ops_chat = notifier.settings.telegram.ops_chat_id
    alert = await claim_alert_delivery(alert_id) if ops_chat is not None or owners else None
    if alert is None:
        return False
    icon = ALERT_ICON.get(alert.severity, "")
    messages: list[tuple[int, str]] = []
    if ops_chat is not None:
        ops_t = translator(notifier.settings.default_language)
        messages.append((ops_chat, f"{icon} <b>{alert_title(alert.kind, ops_t)}</b>\n{clip(alert.text, 3500, '…')}"))
    if owners:
        seller = await sellers.seller_of(alert.seller_id)
        zone = await inbox.seller_zone(seller.id)
        for member in owners:
            t = translator(member.language)
            text = clip(seller_alert_text(alert, seller, t, zone), 3500, "…")
            messages.append((member.tg_chat_id, f"{icon} <b>{alert_title(alert.kind, t)}</b>\n{text}"))
    for chat_id, text in messages:
        try:
            await notifier.send(chat_id, text)
        except TelegramForbiddenError:
            continue
    return True
