"""The reply outbox: `submit_reply` (approve + enqueue) and the send task's body (`send_reply`).

A reply reaches WB at most once:
- approve is idempotent (see core.replies); the send claims the row queued → sending with a conditional UPDATE,
  so a redelivered or doubled task finds nothing to claim;
- a reply found in `sending` longer than one send can take (the worker died, or WB's answer was lost: timeout or
  5xx on the POST) has an unknown outcome: WB is read first (the review/question's answer, the chat's messages
  and events) and the reply is marked sent when its text is there; only otherwise is it sent again.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import structlog
from taskiq import AsyncBroker

from core import replies
from core.models import (
    Channel,
    ChatDirection,
    ChatMessage,
    Interaction,
    Reply,
    ReplyStatus,
    ReplyVia,
    Seller,
    SellerStatus,
    SyncCursor,
)
from core.seller_settings import SellerSettings
from core.sellers import get_token
from core.settings import get_settings
from sync.broker import kick
from sync.context import SyncContext
from sync.engine.run import pause_seller
from sync.wb import WBAuth
from sync.wb.errors import WBAuthError, WBBadRequest, WBError, WBOutcomeUnknown

log = structlog.get_logger(__name__)

MAX_ATTEMPTS = 5
EVENT_PACKETS_TO_CHECK = 20


def stuck_after(ctx: SyncContext) -> timedelta:
    """Longer than any one send can take: a reply `sending` for longer has an unknown outcome."""
    return timedelta(seconds=2 * ctx.settings.wb.timeout + 5)


async def submit_reply(
    *,
    interaction_id: int,
    text: str,
    draft_id: int | None,
    member_id: int | None = None,
    admin_id: int | None = None,
    via: ReplyVia,
    broker: AsyncBroker | None = None,
) -> Reply:
    """Approve `text` (guardrails; raises GuardrailViolation / ReplyNotAllowed) and enqueue its send."""
    from sync.broker import broker as default_broker

    reply, _ = await replies.approve(
        interaction_id=interaction_id,
        text=text,
        draft_id=draft_id,
        member_id=member_id,
        admin_id=admin_id,
        via=via,
        extra_phrases=tuple(get_settings().banned_phrases_extra),
    )
    if reply.status == ReplyStatus.QUEUED:
        await kick(broker or default_broker, "sync.send_reply", reply.id)
    return reply


async def _on_wb(ctx: SyncContext, auth: WBAuth, item: Interaction, reply: Reply) -> str | None:
    """The answer WB holds for the item now (chat: our text when it shows among the chat's messages)."""
    if item.channel == Channel.REVIEW:
        fb = await ctx.wb.get_feedback(auth, item.external_id)
        return fb.answer.text if fb and fb.answer and fb.answer.text else None
    if item.channel == Channel.QUESTION:
        q = await ctx.wb.get_question(auth, item.external_id)
        return q.answer.text if q and q.answer and q.answer.text else None
    since = (reply.sending_at or reply.created_at) - timedelta(minutes=5)
    if await ChatMessage.filter(
        interaction_id=item.id, direction=ChatDirection.OUT, text=reply.text, occurred_at__gte=since
    ).exists():
        return reply.text
    cursor = await SyncCursor.get_or_none(seller_id=item.seller_id, channel=Channel.CHAT)
    nxt = int(cursor.wb_cursor) if cursor and cursor.wb_cursor else None
    for _ in range(EVENT_PACKETS_TO_CHECK):  # read-only: the chat sync owns the cursor
        page = await ctx.wb.chat_events(auth, nxt)
        for e in page.events:
            if e.chat_id == item.external_id and e.sender == "seller" and e.message and e.message.text == reply.text:
                return reply.text
        if not page.events or page.next is None:
            return None
        nxt = page.next
    return None


async def _deliver(ctx: SyncContext, auth: WBAuth, item: Interaction, text: str) -> None:
    if item.channel == Channel.REVIEW:
        await ctx.wb.answer_feedback(auth, item.external_id, text)
    elif item.channel == Channel.QUESTION:
        await ctx.wb.answer_question(auth, item.external_id, text)
    else:
        await ctx.wb.send_chat_message(auth, reply_sign=item.reply_sign or "", text=text)


async def _claim(ctx: SyncContext, reply: Reply, now: datetime) -> bool | None:
    """True: a fresh send; False: a takeover with unknown outcome; None: nothing for this caller."""
    if reply.status == ReplyStatus.QUEUED:
        return True if await replies.claim_send(reply.id, now) else None
    if reply.status == ReplyStatus.SENDING and reply.sending_at and now - reply.sending_at > stuck_after(ctx):
        return False if await replies.reclaim_stuck(reply, now) else None
    return None


async def send_reply(ctx: SyncContext, reply_id: int) -> ReplyStatus | None:
    """Send one reply to WB at most once; returns its status afterwards (None: another worker has it)."""
    now, started = datetime.now(UTC), time.monotonic()
    reply = await Reply.get_or_none(id=reply_id)
    if reply is None or (fresh := await _claim(ctx, reply, now)) is None:
        return None
    reply = await Reply.get(id=reply_id)
    item = await Interaction.get(id=reply.interaction_id)
    seller = await Seller.get(id=item.seller_id)
    window = SellerSettings.of(seller.settings).pending_window_min
    if seller.status != SellerStatus.ACTIVE:
        await replies.requeue(reply, f"seller {seller.status}")
        return ReplyStatus.QUEUED
    auth = WBAuth(token=get_token(seller, ctx.settings) or "", seller_key=str(seller.id))
    try:
        if not fresh and (existing := await _on_wb(ctx, auth, item, reply)) is not None:
            if existing.strip() == reply.text.strip():
                await replies.mark_sent(reply, window_min=window)
            else:
                await replies.mark_failed(reply, "answered elsewhere")
        elif reply.attempts > MAX_ATTEMPTS:
            await replies.mark_failed(reply, reply.last_error or "too many attempts")
        else:
            await _deliver(ctx, auth, item, reply.text)
            await replies.mark_sent(reply, window_min=window)
    except WBOutcomeUnknown as exc:
        # Stays `sending`: the sweeper hands it back after `stuck_after`, and WB is read before any resend.
        await Reply.filter(id=reply.id).update(last_error=str(exc)[:1000])
    except WBBadRequest as exc:
        await replies.mark_failed(reply, exc.error_text or str(exc))
    except WBAuthError as exc:
        await replies.requeue(reply, str(exc))
        await pause_seller(ctx, seller, str(exc))
    except WBError as exc:  # rate limit, outage before WB acted: try again later
        await replies.requeue(reply, str(exc))
    after = await Reply.get(id=reply.id)
    # One line per send attempt, whatever its outcome (the error text is WB's, never a token).
    (log.info if after.status in (ReplyStatus.SENT, ReplyStatus.QUEUED) else log.warning)(
        "reply.send",
        reply_id=reply.id,
        interaction_id=item.id,
        seller_id=seller.id,
        channel=item.channel.value,
        via=reply.via.value,
        attempt=reply.attempts,
        takeover=not fresh,
        outcome=after.status.value,
        error=after.last_error if after.status != ReplyStatus.SENT else None,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    await kick(ctx.broker, "bot.refresh_cards", item.id)
    return after.status


async def sweep(ctx: SyncContext, now: datetime) -> int:
    """Re-kick replies whose task was lost (queued a while) or whose sender died (sending past `stuck_after`)."""
    stale_queued = Reply.filter(status=ReplyStatus.QUEUED, created_at__lt=now - timedelta(seconds=30))
    stuck = Reply.filter(status=ReplyStatus.SENDING, sending_at__lt=now - stuck_after(ctx))
    ids = [
        *await stale_queued.limit(200).values_list("id", flat=True),
        *await stuck.limit(200).values_list("id", flat=True),
    ]
    for reply_id in ids:
        await kick(ctx.broker, "sync.send_reply", reply_id)
    return len(ids)
