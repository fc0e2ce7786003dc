"""The reply outbox's send task body (`send_reply`) and its sweep; queueing a reply is core's (`core.sending`).

THE RULE. Once a POST may have reached WB, the reply never returns to a state that POSTs again without a read-back
that proves the answer absent.
- `posted_at` is written before the first POST leaves (`replies.begin_post`); a reply with `posted_at` set is read
  back (the review's or question's answer; for a chat our stored messages, then the event feed) before any POST.
- A POST whose answer is lost — timeout, reset connection, 5xx, a 2xx that does not parse — has an unknown outcome:
  the reply goes to `unknown` and WB is read back. A read-back that fails (5xx, 429, timeout, a feed too long to
  finish) keeps it `unknown` and retries with exponential backoff (`check_backoff`: from
  `AGENTIQ_SYNC__REPLY_RETRY_S`, doubling up to 60× it); past `core.items.stage.UNSURE_AFTER`
  the card and the admin say "not sure it was sent — check WB" with a re-check button; the read-backs go on.
- A sender that dies anywhere leaves the reply `sending`; after `stuck_after` it is taken over like an unknown one.
- Only a POST WB certainly did not act on (429, 402, refused connection, 401) goes back to `queued`; waiting for a
  rate-limited or paused seller is not an attempt. WB's 4xx refusal ends it `failed` with WB's words; a 403 (the
  token lacks the category) fails it with a text naming the category.
- A chat send WB refuses with `Invalid signature` (WB may rotate a chat's replySign) refreshes the chat's sign once
  from the chat list and POSTs once more — WB refused the first, so no duplicate is possible; a second refusal fails
  the reply with WB's words. Every send's answer carries the chat's current `sign`, kept for the next send.
- 402 (the service's WB balance is empty) holds the seller: its queued replies wait without a POST until a WB call
  succeeds again (`sync.alerting.balance_cleared` kicks them), so each goes out once.
- Chat texts are compared after normalising whitespace (WB trims).
Every transition is a conditional UPDATE on the state it was decided from, so a redelivered or doubled task finds
nothing to do. The rule is generic over channels: a new channel adds its POST to `_deliver` and its read-back to
`_read_back`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from enum import Enum

import structlog

from core import alerts, backlog_bulk, outgoing_files, question_actions, replies, returns
from core.alerts import AlertKind
from core.i18n import translator
from core.models import (
    Channel,
    Interaction,
    Reply,
    ReplyStatus,
    Seller,
    SellerStatus,
    SyncCursor,
)
from core.seller_settings import SellerSettings
from core.tasks import TaskName
from core.transitions import same_text
from sync.alerting import balance_empty, category_refused, token_refused
from sync.broker import kick
from sync.context import SyncContext, seller_auth
from sync.engine import chats
from sync.wb import WBAuth
from sync.wb.errors import (
    WBAuthError,
    WBBadRequest,
    WBCategoryRefused,
    WBError,
    WBOutcomeUnknown,
    WBPaymentRequired,
    WBRateLimited,
)
from sync.wb.models import ChatEvent, Feedback, Question

log = structlog.get_logger(__name__)

MAX_ATTEMPTS = 5
EVENT_PACKETS_TO_CHECK = 20
# The read-back backoff doubles from `sync.reply_retry_s` up to this many times it.
CHECK_MAX_FACTOR = 60
# A step boundary of the send (the fault matrix crashes the sender there): "claimed", "checked", "posted",
# "committing" (inside the commit of `sent`).
Checkpoint = Callable[[str], Awaitable[None]]


class ReadBack(Enum):
    """What WB holds for the item, as far as a read-back can prove."""

    OURS = "ours"  # our text is there: the POST landed
    OTHER = "other"  # another answer is there (given in the WB cabinet)
    ABSENT = "absent"  # proven absent: a POST is safe


class Inconclusive(WBError):
    """The read-back could not prove the answer absent (the chat's event feed did not end within the budget)."""


def stuck_after(ctx: SyncContext) -> timedelta:
    """Longer than any one send can take: a reply `sending` for longer has an unknown outcome."""
    return timedelta(seconds=2 * ctx.settings.wb.timeout + 5)


def check_backoff(ctx: SyncContext, checks: int) -> timedelta:
    """The wait before the next read-back of an unknown reply, after `checks` read-backs."""
    base = ctx.settings.sync.reply_retry_s
    return timedelta(seconds=base * min(CHECK_MAX_FACTOR, 2 ** min(checks, 16)))


async def _chat_read_back(ctx: SyncContext, auth: WBAuth, item: Interaction, reply: Reply) -> ReadBack:
    # Our message may be stored already (the chat sync reads the same feed); a POST never precedes the approval.
    if await replies.chat_shows(item, reply):
        return ReadBack.OURS
    cursor = await SyncCursor.get_or_none(seller_id=item.seller_id, channel=Channel.CHAT)
    nxt = int(cursor.wb_cursor) if cursor and cursor.wb_cursor else None
    names = {f.name for f in await outgoing_files.of_reply(reply.id)}
    for _ in range(EVENT_PACKETS_TO_CHECK):  # read-only: the chat sync owns the cursor
        page = await ctx.wb.chat_events(auth, nxt)
        for e in page.events:
            if (
                e.chat_id == item.external_id
                and e.sender == "seller"
                and e.message
                and same_text(e.message.text, reply.text)
                and names <= _file_names(e)
            ):
                return ReadBack.OURS
        if not page.events or page.next is None or page.next == nxt:
            return ReadBack.ABSENT  # the feed ended without our message
        nxt = page.next
    raise Inconclusive("the chat's event feed did not end within the read-back budget")


def _file_names(event: ChatEvent) -> set[str]:
    attachments = event.message.attachments if event.message else None
    return {f.name or "" for f in (attachments.files or [])} if attachments else set()


async def _read_back(ctx: SyncContext, auth: WBAuth, item: Interaction, reply: Reply) -> ReadBack:
    """What WB holds for the item now; raises WBError when WB cannot tell."""
    if item.channel == Channel.RETURN:
        return await _claim_read_back(ctx, auth, item, reply)
    if item.channel == Channel.CHAT:
        return await _chat_read_back(ctx, auth, item, reply)
    found: Feedback | Question | None
    if item.channel == Channel.REVIEW:
        found = await ctx.wb.get_feedback(auth, item.external_id)
    else:
        found = await ctx.wb.get_question(auth, item.external_id)
    if found is None:
        raise Inconclusive("WB does not show the item")
    text = found.answer.text if found.answer and found.answer.text else None
    if text is not None and same_text(text, reply.text):
        return ReadBack.OURS
    if reply.action == replies.EDIT:
        # Not our new text: WB never applied the edit while it still shows an answer it lets us edit; an answer
        # gone or no longer editable was changed by someone else (a PATCH now would be a second edit).
        return ReadBack.ABSENT if text is not None and found.answer and found.answer.editable else ReadBack.OTHER
    return ReadBack.ABSENT if text is None else ReadBack.OTHER


async def _claim_read_back(ctx: SyncContext, auth: WBAuth, item: Interaction, reply: Reply) -> ReadBack:
    # GET /api/v1/claims?id= (under review, then archive): WB's status and action set tell whose decision it is.
    claim = await ctx.wb.get_claim(auth, item.external_id)
    if claim is None:
        raise Inconclusive("WB does not show the claim")
    view = returns.ClaimView.of(claim.model_dump(mode="json"))
    landed = returns.decision_landed(reply.action or "", reply.text, view)
    if landed is None:
        return ReadBack.ABSENT
    return ReadBack.OURS if landed else ReadBack.OTHER


async def _deliver(ctx: SyncContext, auth: WBAuth, item: Interaction, reply: Reply) -> None:
    text = reply.text
    if item.channel == Channel.RETURN:
        await ctx.wb.answer_claim(auth, item.external_id, reply.action or "", text or None)
    elif item.channel == Channel.REVIEW and reply.action == replies.EDIT:
        await ctx.wb.edit_feedback_answer(auth, item.external_id, text)
    elif item.channel == Channel.REVIEW:
        await ctx.wb.answer_feedback(auth, item.external_id, text)
    elif item.channel == Channel.QUESTION and reply.action == question_actions.HIDE:
        await ctx.wb.reject_question(auth, item.external_id, text)
    elif item.channel == Channel.QUESTION:  # an answer, or an edit of it: WB's one PATCH does both
        await ctx.wb.answer_question(auth, item.external_id, text)
    else:
        await _send_chat(ctx, auth, item, reply)


def _invalid_signature(exc: WBBadRequest) -> bool:
    return exc.status == 400 and "signature" in (exc.error_text or "").lower()


async def _send_chat(ctx: SyncContext, auth: WBAuth, item: Interaction, reply: Reply) -> None:
    """POST into the chat (with the reply's files); on `Invalid signature` refresh the sign from the chat list once
    and POST once more."""
    text = reply.text
    files = [(f.name, f.content, f.content_type) for f in await outgoing_files.of_reply(reply.id)]
    try:
        sent = await ctx.wb.send_chat_message(auth, reply_sign=item.reply_sign or "", text=text, files=files)
    except WBBadRequest as exc:
        if not _invalid_signature(exc):
            raise
        fresh = (await chats.refresh_signs(ctx, item.seller_id, auth)).get(item.external_id)
        if not fresh or fresh == item.reply_sign:
            raise  # WB shows no other sign: its refusal stands
        log.info("outbox.sign_refreshed", interaction_id=item.id)
        item.reply_sign = fresh
        sent = await ctx.wb.send_chat_message(auth, reply_sign=fresh, text=text, files=files)
    item.reply_sign = await chats.keep_sign(item.id, item.reply_sign, sent.sign)


def _due(ctx: SyncContext, reply: Reply, now: datetime) -> bool:
    """Whether a reply may be claimed now: queued, unknown past its backoff, or sending past `stuck_after`."""
    if reply.status == ReplyStatus.QUEUED:
        return True
    if reply.sending_at is None:
        return reply.status == ReplyStatus.UNKNOWN
    if reply.status == ReplyStatus.UNKNOWN:
        return now - reply.sending_at >= check_backoff(ctx, reply.checks)
    return reply.status == ReplyStatus.SENDING and now - reply.sending_at > stuck_after(ctx)


async def _claim(ctx: SyncContext, reply: Reply, now: datetime) -> bool:
    if not _due(ctx, reply, now):
        return False
    if reply.status == ReplyStatus.QUEUED:
        return await replies.claim_send(reply.id, now)
    return await replies.claim_check(reply, now)


async def _noop(_: str) -> None:
    return None


async def send_reply(
    ctx: SyncContext, reply_id: int, *, now: datetime | None = None, checkpoint: Checkpoint | None = None
) -> ReplyStatus | None:
    """Take one step of the reply's send under THE RULE above; returns its status afterwards (None: not due, or
    another worker has it). `now` and `checkpoint` let the fault matrix drive time and crash the sender."""
    now, started = now or datetime.now(UTC), time.monotonic()
    step = checkpoint or _noop
    reply = await Reply.get_or_none(id=reply_id)
    if reply is None:
        return None
    item = await Interaction.get(id=reply.interaction_id)
    seller = await Seller.get(id=item.seller_id)
    if reply.status == ReplyStatus.QUEUED and (
        seller.status != SellerStatus.ACTIVE or await alerts.is_open(AlertKind.WB_BALANCE_EMPTY, seller.id)
    ):
        return ReplyStatus.QUEUED  # waiting for a paused seller (or WB's 402 hold) is not an attempt
    if reply.status == ReplyStatus.QUEUED and await backlog_bulk.held(reply.id):
        return ReplyStatus.QUEUED  # its backlog batch is paused: the pump hands it on again after the resume
    if not await _claim(ctx, reply, now):
        return None
    takeover = reply.status != ReplyStatus.QUEUED  # an unknown outcome or a dead sender: WB may hold it
    await step("claimed")
    reply = await Reply.get(id=reply_id)
    window = SellerSettings.of(seller.settings).pending_window_min
    auth = seller_auth(ctx, seller)
    if reply.posted_at is not None:
        found = await _check(ctx, seller, auth, item, reply, now)
        await step("checked")
        if found is ReadBack.OURS:
            await replies.mark_sent(reply, window_min=window, now=now)
        elif found is ReadBack.OTHER:
            await replies.mark_failed(
                reply, "edited elsewhere" if reply.action == replies.EDIT else "answered elsewhere"
            )
        if found is not ReadBack.ABSENT:
            return await _finish(ctx, seller, item, reply, started, takeover)
    if seller.status != SellerStatus.ACTIVE:
        await replies.requeue(reply, f"seller {seller.status}", attempt=False)
    elif reply.attempts > MAX_ATTEMPTS:
        await replies.mark_failed(reply, reply.last_error or "too many attempts")
    else:
        await _post(ctx, seller, auth, item, reply, window, now, step)
    return await _finish(ctx, seller, item, reply, started, takeover)


async def _check(
    ctx: SyncContext, seller: Seller, auth: WBAuth, item: Interaction, reply: Reply, now: datetime
) -> ReadBack | None:
    """Read WB back; a read-back that fails keeps the reply `unknown` (None)."""
    try:
        return await _read_back(ctx, auth, item, reply)
    except WBError as exc:
        if isinstance(exc, WBCategoryRefused):
            await category_refused(ctx, seller, exc)
        elif isinstance(exc, WBAuthError):
            await token_refused(ctx, seller, str(exc))
        await replies.mark_unknown(reply, f"read-back failed: {exc}", now)
        log.info("outbox.read_back_failed", reply_id=reply.id, error=str(exc))
        return None


async def _post(
    ctx: SyncContext,
    seller: Seller,
    auth: WBAuth,
    item: Interaction,
    reply: Reply,
    window: int,
    now: datetime,
    step: Checkpoint,
) -> None:
    """POST the reply once; its outcome decides the next state."""
    await replies.begin_post(reply.id, now)
    try:
        await _deliver(ctx, auth, item, reply)
    except WBOutcomeUnknown as exc:
        await replies.mark_unknown(reply, str(exc), now)
        return
    except WBBadRequest as exc:
        await replies.mark_failed(reply, exc.error_text or str(exc))
        return
    except WBPaymentRequired as exc:
        await replies.requeue(reply, f"WB 402: {exc.detail}", attempt=False)
        await balance_empty(ctx, seller, exc)
        return
    except WBCategoryRefused as exc:
        t = translator(seller.language)
        text = t("outbox-error-category", category=t(f"wb-category-{exc.bucket}"), detail=str(exc))
        await replies.mark_failed(reply, text)
        await category_refused(ctx, seller, exc)
        return
    except WBAuthError as exc:
        await replies.requeue(reply, str(exc), attempt=False)
        await token_refused(ctx, seller, str(exc))
        return
    except WBRateLimited as exc:
        await replies.requeue(reply, str(exc), attempt=False)
        return
    except WBError as exc:  # WB never got it (refused connection): try again later
        await replies.requeue(reply, str(exc))
        return
    await step("posted")
    await replies.mark_sent(reply, window_min=window, now=now, before_commit=lambda: step("committing"))


async def _finish(
    ctx: SyncContext, seller: Seller, item: Interaction, reply: Reply, started: float, takeover: bool
) -> ReplyStatus:
    after = await Reply.get(id=reply.id)
    # One line per send attempt or read-back, whatever its outcome (the error text is WB's, never a token).
    (log.info if after.status in (ReplyStatus.SENT, ReplyStatus.QUEUED) else log.warning)(
        "reply.send",
        reply_id=reply.id,
        interaction_id=item.id,
        seller_id=seller.id,
        channel=item.channel.value,
        via=reply.via.value,
        attempt=reply.attempts,
        takeover=takeover,
        read_back=reply.posted_at is not None,
        outcome=after.status.value,
        error=after.last_error if after.status != ReplyStatus.SENT else None,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    await kick(ctx.broker, TaskName.REFRESH_CARDS, item.id)
    return after.status


async def sweep(ctx: SyncContext, now: datetime) -> int:
    """Re-kick replies whose task was lost (queued a while), whose sender died (sending past `stuck_after`) or whose
    read-back is due (unknown past its backoff)."""
    retry = timedelta(seconds=ctx.settings.sync.reply_retry_s)
    stale_queued = Reply.filter(status=ReplyStatus.QUEUED, created_at__lt=now - 2 * retry)
    stuck = Reply.filter(status=ReplyStatus.SENDING, sending_at__lt=now - stuck_after(ctx))
    unknown = await Reply.filter(status=ReplyStatus.UNKNOWN, sending_at__lt=now - retry).limit(500)
    ids = [
        *await stale_queued.limit(200).values_list("id", flat=True),
        *await stuck.limit(200).values_list("id", flat=True),
        *[r.id for r in unknown if _due(ctx, r, now)],
    ]
    for reply_id in ids:
        await kick(ctx.broker, TaskName.SEND_REPLY, reply_id)
    return len(ids)
