"""Approving a reply: guardrails, then one idempotent outbox row; the send-side state changes of that row.

Exactly-once, the core part:
- `approve` locks the interaction row, so approvals of one item are serialised; an item that already has a reply
  in flight or sent-and-pending returns that reply instead of making a second one.
- a public answer that repeats one of the seller's last 30 days is refused (`core.repetition`); an approved one
  leaves its signature, a failed one takes it back.
- the idempotency key is interaction + text hash + attempt (attempt = replies of the item that already ended, sent
  or failed), unique in the database: two racing approvals of the same text insert one row, the loser reads it.
- `claim_send` is a conditional UPDATE queued → sending: only one worker wins a reply; `claim_check` takes over a
  reply whose outcome is unknown (or whose sender died) the same way, to read WB back.
- `begin_post` writes `posted_at` before the first POST leaves: from then on WB may hold the answer, and the outbox
  (sync/outbox.py) never posts it again without a read-back proving it absent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core import audit, repetition
from core.guardrails import enforce
from core.items.actions import Action, ReplyNotAllowed
from core.items.stage import ACTIVE, EDIT, ENDED
from core.items.view import require
from core.models import (
    Channel,
    ChatDirection,
    ChatMessage,
    Draft,
    DraftOrigin,
    Interaction,
    Reply,
    ReplyQuality,
    ReplyStatus,
    ReplyVia,
    Seller,
    WbSyncState,
)
from core.transitions import pending_fields, same_text


def idempotency_key(interaction_id: int, text: str, attempt: int) -> str:
    """interaction + text hash + attempt: the same approval twice maps to the same key."""
    digest = hashlib.sha256(text.strip().encode()).hexdigest()[:32]
    return f"{interaction_id}:{digest}:{attempt}"


async def _quality(via: ReplyVia, text: str, draft: Draft | None) -> ReplyQuality:
    if via == ReplyVia.AUTO:
        return ReplyQuality.AUTO
    if draft is None:
        return ReplyQuality.MANUAL
    if draft.origin == DraftOrigin.SELLER:
        # The seller's previewed text: an edit when it replaced a generated draft still standing, else their own.
        edited = await (
            Draft.filter(interaction_id=draft.interaction_id, void=False, id__lt=draft.id)
            .exclude(origin=DraftOrigin.SELLER)
            .exists()
        )
        return ReplyQuality.EDITED if edited else ReplyQuality.MANUAL
    return ReplyQuality.AS_IS if draft.text.strip() == text.strip() else ReplyQuality.EDITED


async def approve(
    *,
    interaction_id: int,
    text: str,
    draft_id: int | None = None,
    member_id: int | None = None,
    admin_id: int | None = None,
    via: ReplyVia,
    extra_phrases: tuple[str, ...] = (),
) -> tuple[Reply, bool]:
    """Check `text` and put it in the outbox; returns (reply, created). Raises GuardrailViolation, ReplyNotAllowed."""
    text = text.strip()
    async with in_transaction():
        item = await Interaction.filter(id=interaction_id).select_for_update().get()
        replies = await Reply.filter(interaction_id=interaction_id).order_by("-id")
        busy = next((r for r in replies if r.status in ACTIVE), None)
        if busy is None and item.wb_sync_state == WbSyncState.PENDING:
            busy = next((r for r in replies if r.status == ReplyStatus.SENT), None)
        if busy is not None:
            if busy.text.strip() == text:
                return busy, False
            raise ReplyNotAllowed("in-flight")
        # What the item offers now (a skipped, answered or claim item takes no text), then the text's own checks.
        await require(item, Action.REPLY)
        seller = await Seller.get(id=item.seller_id)
        enforce(text, item, seller.settings, extra_phrases)
        await repetition.enforce(text, seller_id=item.seller_id, interaction_id=item.id, channel=item.channel)
        attempt = sum(1 for r in replies if r.status in ENDED)
        key = idempotency_key(interaction_id, text, attempt)
        draft = await Draft.get_or_none(id=draft_id, interaction_id=interaction_id) if draft_id else None
        quality = await _quality(via, text, draft)
        try:
            async with in_transaction():
                reply = await Reply.create(
                    interaction_id=interaction_id,
                    draft=draft,
                    text=text,
                    idempotency_key=key,
                    via=via,
                    quality=quality,
                    approved_by_id=member_id,
                    approved_by_admin_id=admin_id,
                )
                await repetition.remember(
                    text, seller_id=item.seller_id, interaction_id=item.id, channel=item.channel, reply_id=reply.id
                )
        except IntegrityError:
            return await Reply.get(idempotency_key=key), False
    await audit.record(
        "reply.approved",
        seller_id=item.seller_id,
        interaction_id=interaction_id,
        member_id=member_id,
        admin_id=admin_id,
        object_type="reply",
        object_id=reply.id,
        after=text,
    )
    return reply, True


async def claim_send(reply_id: int, now: datetime) -> bool:
    """queued → sending for exactly one caller; counts the attempt."""
    claimed = await Reply.filter(id=reply_id, status=ReplyStatus.QUEUED).update(
        status=ReplyStatus.SENDING, sending_at=now, attempts=F("attempts") + 1
    )
    return bool(claimed)


async def claim_check(reply: Reply, now: datetime) -> bool:
    """Take over a reply in `unknown` (its read-back is due) or left in `sending` by a dead worker, conditional on
    the status and sending_at we saw: one caller wins; counts the read-back."""
    taken = await Reply.filter(id=reply.id, status=reply.status, sending_at=reply.sending_at).update(
        status=ReplyStatus.SENDING, sending_at=now, checks=F("checks") + 1
    )
    return bool(taken)


async def begin_post(reply_id: int, now: datetime) -> None:
    """Record, before the POST leaves, that WB may hold this answer from now on (kept once set)."""
    await Reply.filter(id=reply_id, posted_at__isnull=True).update(posted_at=now)


async def mark_sent(
    reply: Reply,
    *,
    window_min: int,
    now: datetime | None = None,
    before_commit: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """The reply reached WB: sent, and its interaction pending until WB shows the answer.

    `before_commit` runs inside the transaction (the fault matrix kills the sender there).
    """
    now = now or datetime.now(UTC)
    async with in_transaction():
        done = await Reply.filter(id=reply.id, status=ReplyStatus.SENDING).update(
            status=ReplyStatus.SENT, sent_at=now, last_error=None
        )
        if not done:
            return
        if reply.action == EDIT:
            # The answer stays published (and keeps its answered time, WB's 60 days count from it); WB allows no
            # second edit, whatever its next list says before it catches up.
            await Interaction.filter(id=reply.interaction_id).update(answer=reply.text, answer_editable=False)
            if before_commit is not None:
                await before_commit()
            return
        item = await Interaction.filter(id=reply.interaction_id).select_for_update().get()
        fields = pending_fields(
            text=reply.text, now=now, window_min=window_min, first_response_at=item.first_response_at
        )
        if await chat_shows(item, reply):
            # The chat sync stored our message before this send was recorded: it is delivered, not pending; the
            # state the sync gave the chat (a buyer who wrote after us needs a response) stands.
            fields["wb_sync_state"] = WbSyncState.CONFIRMED
            if item.wb_sync_state == WbSyncState.CONFIRMED and item.answer and same_text(item.answer, reply.text):
                for kept in ("status", "needs_response"):
                    fields.pop(kept)
        await Interaction.filter(id=item.id).update(**fields)
        if before_commit is not None:
            await before_commit()


async def chat_shows(item: Interaction, reply: Reply) -> bool:
    """Whether the chat's stored messages already hold this reply (as the outbox's chat read-back looks)."""
    if item.channel != Channel.CHAT:
        return False
    since = reply.created_at - timedelta(minutes=5)  # WB's clock and ours may differ a little
    stored = await ChatMessage.filter(
        interaction_id=item.id, direction=ChatDirection.OUT, occurred_at__gte=since
    ).values_list("text", flat=True)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return any(same_text(text, reply.text) for text in stored)  # type: ignore[arg-type]


async def mark_failed(reply: Reply, error: str) -> None:
    """WB refused the reply: failed with WB's own words (the item stays in the queue)."""
    failed = await Reply.filter(id=reply.id, status=ReplyStatus.SENDING).update(
        status=ReplyStatus.FAILED, last_error=error
    )
    if failed:
        await repetition.forget(reply.id)


async def requeue(reply: Reply, error: str, *, attempt: bool = True) -> None:
    """WB did not act on the reply (rate limit, outage): back to the queue for a later attempt.

    `attempt=False` gives the claim's attempt back: waiting for a rate-limited or paused seller is not an attempt.
    """
    refund = {} if attempt else {"attempts": F("attempts") - 1}
    await Reply.filter(id=reply.id, status=ReplyStatus.SENDING).update(
        status=ReplyStatus.QUEUED, last_error=error[:1000], **refund
    )


async def mark_unknown(reply: Reply, error: str, now: datetime) -> None:
    """WB may hold the reply and nothing proved it either way: `unknown`, read back again after a backoff."""
    await Reply.filter(id=reply.id, status=ReplyStatus.SENDING).update(
        status=ReplyStatus.UNKNOWN, last_error=error[:1000], unknown_since=reply.unknown_since or now, sending_at=now
    )


async def request_recheck(interaction_id: int) -> Reply | None:
    """The seller asks to check WB again now: the item's unknown reply becomes due for a read-back at once."""
    reply = await Reply.filter(interaction_id=interaction_id, status=ReplyStatus.UNKNOWN).order_by("-id").first()
    if reply is None:
        return None
    due = datetime(2000, 1, 1, tzinfo=UTC)  # long before any backoff ends
    done = await Reply.filter(id=reply.id, status=ReplyStatus.UNKNOWN).update(sending_at=due, checks=0)
    return reply if done else None


async def insert_once(key: str, **fields: Any) -> tuple[Reply, bool]:
    """Insert the outbox row with idempotency `key`, or return the row a racing caller inserted; (reply, created)."""
    try:
        async with in_transaction():
            return await Reply.create(idempotency_key=key, **fields), True
    except IntegrityError:
        return await Reply.get(idempotency_key=key), False


async def queue_action(
    *,
    item: Interaction,
    key: str,
    action: str,
    text: str,
    via: ReplyVia,
    member_id: int | None,
    admin_id: int | None,
    event: str,
    after: str | None = None,
) -> tuple[Reply, bool]:
    """The outbox row of a person's action on `item` (a claim decision, hiding a question), audited once."""
    reply, created = await insert_once(
        key,
        interaction_id=item.id,
        text=text,
        action=action,
        via=via,
        quality=ReplyQuality.MANUAL,
        approved_by_id=member_id,
        approved_by_admin_id=admin_id,
    )
    if created:
        await audit.record(
            event,
            seller_id=item.seller_id,
            interaction_id=item.id,
            member_id=member_id,
            admin_id=admin_id,
            object_type="reply",
            object_id=reply.id,
            after=after,
        )
    return reply, created
