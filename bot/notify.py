"""Sending cards under Telegram's flood limits, one message per interaction and member.

Limits and retries: the `Notifier` puts `bot.limits.TelegramLimits` on its Bot's session, so every message that
Bot sends — cards here, and the handlers' replies in the bot process, which share the Bot — waits for its chat's
slot of the one limiter all workers share, and transient failures are retried with backoff there.

At least once, one message per card (see `core.cards`): the card row is claimed with a lease before the send (the
card and the buyer's photos sent above it, `bot.media`), and the claim covers the send. A network error, a 5xx, a
timeout or a 429 is retried with backoff (`Notifier.call`, for `TelegramSettings.send_retry_s`); a send that still
fails leaves the claim to run out, and the sweep kicks the item's notify again, which claims and sends it then. A
redelivered task finds the live claim (or the sent card) and skips. Alerts go the same way: marked delivered only
once Telegram accepted each of their messages.

What an arrival sets off before its cards (draft, auto-send, quiet hours) is core's (`core.arrival`); this module
renders and delivers. The auto-sent reply's send task runs concurrently and refreshes cards when it is done; a
refresh that ran before our card was recorded found nothing to edit, so after sending, a card whose stage moved on
meanwhile is refreshed here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import structlog
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError

from bot.keyboards import card_keyboard
from bot.limits import TRANSIENT
from bot.media import media_about, send_files, send_media, together
from bot.notifier import Notifier, send_to_member
from bot.render import clip, render_card
from core import arrival, cards, chat_files, members, metrics, readings, sellers
from core.alerts import (
    alert_chat_delivered,
    alert_delivered,
    alert_owners,
    alert_title,
    claim_alert_delivery,
    seller_alert_text,
)
from core.attachments import Media, media_of
from core.db import write_through_outage
from core.i18n import translator
from core.items.view import ItemView, item_view, seller_zone
from core.models import Card, SellerMember

log = structlog.get_logger(__name__)

ALERT_ICON = {"info": "ℹ️", "warning": "⚠️", "critical": "🚨"}
T = TypeVar("T")


async def notify_interaction(interaction_id: int, notifier: Notifier) -> int:
    """Send the interaction's card to every recipient that has not got it yet; returns how many were sent."""
    ready = await arrival.prepare(
        interaction_id, settings=notifier.settings, enqueue=notifier.enqueue, llm_client=notifier.llm_client
    )
    data = ready.data
    sent = 0
    media = media_of(data.interaction)
    files = await chat_files.ready(interaction_id) if data.files else []
    lease = notifier.settings.telegram.card_lease_s
    now = datetime.now(UTC)
    recipients = await arrival.recipients_now(ready, now)
    await cards.drop_owed(interaction_id, [m.id for m in await cards.card_recipients(data.interaction)])
    for member in recipients:
        # Claimed when its send starts (not when the loop did): the lease is the time this send has.
        card = await cards.claim_card(interaction_id, member, datetime.now(UTC), lease)
        if card is None:
            continue
        delivered = await _uncancellable(_deliver_card(notifier, card, member, data, media, files))
        if delivered is None:
            # Telegram is unreachable past the retries: the claim runs out and the sweep sends this card and the
            # rest of the item's (still owed) later; trying the others now would only wait out the same outage.
            break
        if delivered:
            metrics.card_delivered(data.interaction.channel.value, data.interaction.occurred_at)
        sent += delivered
    # Files sent with the cards need no follow-up (a card sent later still gets them with it).
    await chat_files.mark_followed([f.id for f in files])
    # The auto-sent reply may have reached WB while the cards were on their way, and its refresh found no card
    # to edit yet: bring them up to date here (see the module docstring).
    if ready.auto_sent and sent and (await item_view(interaction_id)).stage != data.stage:
        await refresh_cards(interaction_id, notifier)
    return sent


async def _deliver_card(
    notifier: Notifier, card: Card, member: SellerMember, data: ItemView, media: Media, files: list
) -> int | None:
    """Send one claimed card (the buyer's photos and files above it) and record its message: 1 sent, 0 refused
    for good, None when Telegram stayed unreachable (the claim runs out, the sweep sends it later)."""
    t = translator(member.language)
    try:
        # The buyer's photos first, so the card with its buttons is the newest message; both under the claim, and
        # no other item's album between them.
        async with together(member.tg_chat_id):
            await send_media(notifier, member.tg_chat_id, media, t, media_about(data.interaction, t))
            await send_files(notifier, member.tg_chat_id, files)
            message = await notifier.send(member.tg_chat_id, render_card(data, t), card_keyboard(data, t))
    except TelegramForbiddenError as exc:
        await members.mark_blocked(member.id)
        await cards.card_failed(card, exc.message)
        return 0
    except TelegramBadRequest as exc:
        await cards.card_failed(card, exc.message)
        return 0
    except TRANSIENT as exc:
        log.warning("card.send_failed", interaction_id=card.interaction_id, card_id=card.id, error=str(exc)[:200])
        return None
    # Telegram has the card: its record must land, through a PostgreSQL restart too, within the lease (else the
    # sweep would send it again). The send took at most send_retry_s + a request; this adds send_retry_s.
    await write_through_outage(
        lambda: cards.card_sent(card, message.message_id),
        within_s=notifier.settings.telegram.send_retry_s,
        what=f"card {card.id} sent",
    )
    return 1


# Card deliveries still finishing for a task that was cancelled meanwhile (the loop holds tasks only weakly).
_FINISHING: set[asyncio.Task[Any]] = set()


async def _uncancellable(step: Awaitable[T]) -> T:
    """Run `step` to its end even when the calling task is cancelled (taskiq's task timeout): a card's send and its
    record are one step, and a cut between Telegram's answer and the record would have the sweep send the card
    again. The step is bounded (send_retry_s + a request + send_retry_s), inside the claim's lease."""
    task = asyncio.ensure_future(step)
    _FINISHING.add(task)
    task.add_done_callback(_FINISHING.discard)
    return await asyncio.shield(task)


async def refresh_cards(interaction_id: int, notifier: Notifier) -> int:
    """Re-render every delivered card of the interaction from the database; returns how many changed."""
    data = await item_view(interaction_id)
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
    # A harm/legal reading after the arrival (held cards too: it pages at night); before it, the arrival pages.
    safety = readings.is_safety(data.interaction)
    if safety and await cards.announced(interaction_id) and await readings.claim_page(interaction_id):
        await page_again(data, notifier)
    return changed


async def page_again(data: ItemView, notifier: Notifier) -> int:
    """A harm/legal reading that came after the cards went out (a chat's new line): the card is sent anew to every
    recipient, night or not, because Telegram notifies of a new message and not of an edit; later refreshes edit
    the new one. Claimed once before (`core.readings.claim_page`), so at most once, like the cards."""
    sent = 0
    for member in await cards.card_recipients(data.interaction):
        t = translator(member.language)
        message = await send_to_member(notifier, member, render_card(data, t), card_keyboard(data, t))
        if message is not None:
            await cards.card_shown(data.interaction.id, member, message.chat.id, message.message_id)
            sent += 1
    return sent


async def deliver_alert(alert_id: int, notifier: Notifier) -> bool:
    """Post an alert once (claimed with a lease, like cards): to the ops chat with its ops text, and to the seller's
    owners in their language when it is one they can act on (a dead token, failed sends, overdue items), naming the
    shop once and saying which command or button fixes it. Ops-only kinds (sync lag, WB's limits, the shared LLM) go
    to the ops chat only. With nobody to tell, the alert stays unclaimed, so a later configured ops chat gets it.
    It is marked delivered only when Telegram accepted every message; a chat that has its message is not sent it
    again when a lost attempt is repeated (the alerts round kicks undelivered alerts every minute)."""
    found, owners = await alert_owners(alert_id)
    if found is None:
        return False
    ops_chat = notifier.settings.telegram.ops_chat_id
    if ops_chat is None and not owners:
        return False
    alert = await claim_alert_delivery(alert_id, datetime.now(UTC), notifier.settings.telegram.card_lease_s)
    if alert is None:
        return False
    icon = ALERT_ICON.get(alert.severity, "")
    messages: list[tuple[int, str]] = []
    if ops_chat is not None:
        ops_t = translator(notifier.settings.default_language)
        messages.append((ops_chat, f"{icon} <b>{alert_title(alert.kind, ops_t)}</b>\n{clip(alert.text, 3500, '…')}"))
    if owners and alert.seller_id is not None:  # owners are of the alert's seller
        seller = await sellers.seller_of(alert.seller_id)
        zone = await seller_zone(seller.id)
        for member in owners:
            t = translator(member.language)
            text = clip(seller_alert_text(alert, seller, t, zone), 3500, "…")
            messages.append((member.tg_chat_id, f"{icon} <b>{alert_title(alert.kind, t)}</b>\n{text}"))
    done = set(alert.delivered_chats or [])
    for chat_id, text in messages:
        if chat_id in done:
            continue
        try:
            await notifier.send(chat_id, text)
        except (TelegramForbiddenError, TelegramBadRequest):
            pass  # Telegram's final word for this chat: nothing to repeat
        except TRANSIENT as exc:
            log.warning("alert.send_failed", alert_id=alert_id, chat_id=chat_id, error=str(exc)[:200])
            return False
        done.add(chat_id)
        # As a card's record: Telegram has this message, so it must be recorded through a database restart.
        chats = sorted(done)
        await write_through_outage(
            partial(alert_chat_delivered, alert.id, chats),
            within_s=notifier.settings.telegram.send_retry_s,
            what=f"alert {alert.id} chat",
        )
    await write_through_outage(
        lambda: alert_delivered(alert.id, datetime.now(UTC)),
        within_s=notifier.settings.telegram.send_retry_s,
        what=f"alert {alert.id} delivered",
    )
    return True
