"""The reply outbox and the pending window against the WB sandbox: exactly one WB answer per reply under double
approve, redelivery and a dead sender; pending → confirmed → moderation → rejection reopens; expiry alerts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.guardrails import GuardrailViolation
from core.models import (
    Alert,
    AnswerState,
    Channel,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    ReplyVia,
    WbSyncState,
)
from sync import outbox
from sync.engine import sync_channel
from sync.engine.pending import check_pending
from sync.wb import WBAuth
from tests.sync.wbenv import approve, connect, sync_context, sync_settings, wb_sandbox

TEXT = "Спасибо за отзыв! Нам жаль, что размер не подошёл, подберём другой."
# Another item's answer: one seller's public answers never repeat each other (core.repetition).
OTHER_TEXT = "Благодарим за отзыв. Сожалеем, что модель маломерит: подскажем размер по таблице."


async def _review(wb, ctx, seller, made) -> Interaction:
    fb = await wb.control("POST", f"/sellers/{made['seller_id']}/reviews", text="Маломерит", rating=3)
    await sync_channel(ctx, seller.id, Channel.REVIEW)
    return await Interaction.get(seller_id=seller.id, external_id=fb["id"])


async def test_double_approve_redelivery_and_stuck_sender_answer_once(db, settings, redis_client) -> None:
    async with wb_sandbox(moderation_rate=0.0) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            item = await _review(wb, ctx, seller, made)
            with pytest.raises(GuardrailViolation):
                await approve(ctx, item.id, "Пишите в whatsapp")
            first = await approve(ctx, item.id, TEXT)
            second = await approve(ctx, item.id, TEXT)
            assert first.id == second.id
            assert await outbox.send_reply(ctx, first.id) == ReplyStatus.SENT
            assert await outbox.send_reply(ctx, first.id) is None  # a redelivered task finds nothing to do
            item = await Interaction.get(id=item.id)
            assert item.wb_sync_state == WbSyncState.PENDING and item.status == InteractionStatus.ANSWERED
            assert item.id in rec.of("bot.refresh_cards")
            # A sync inside the window: WB shows it → confirmed, never reopened.
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            item = await Interaction.get(id=item.id)
            assert item.wb_sync_state == WbSyncState.CONFIRMED and item.answer_state == AnswerState.PUBLISHED

            # A second item: the sender died after WB took the answer (reply stuck in `sending`).
            other = await _review(wb, ctx, seller, made)
            reply = await approve(ctx, other.id, OTHER_TEXT, via=ReplyVia.WEB)
            await ctx.wb.answer_feedback(WBAuth(made["token"], str(seller.id)), other.external_id, OTHER_TEXT)
            long_ago = datetime.now(UTC) - timedelta(minutes=5)
            # What a sender leaves when it dies after the POST: claimed, `posted_at` written before the POST left.
            await Reply.filter(id=reply.id).update(status=ReplyStatus.SENDING, sending_at=long_ago, posted_at=long_ago)
            assert await outbox.sweep(ctx, datetime.now(UTC)) == 1
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.SENT
            calls = await wb.answer_calls(made["seller_id"])
            assert calls == {item.external_id: 1, other.external_id: 1}


async def test_moderation_then_rejection_reopens(db, settings, redis_client) -> None:
    async with wb_sandbox(moderation_rate=1.0, moderation_delay_s=None) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _):
            item = await _review(wb, ctx, seller, made)
            reply = await approve(ctx, item.id, TEXT)
            await outbox.send_reply(ctx, reply.id)
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            item = await Interaction.get(id=item.id)
            assert (item.wb_sync_state, item.answer_state) == (WbSyncState.CONFIRMED, AnswerState.MODERATION)
            await wb.control(
                "POST", "/moderation", seller_id=made["seller_id"], feedback_id=item.external_id, decision="rejected"
            )
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            item = await Interaction.get(id=item.id)
            assert item.answer_state == AnswerState.REJECTED
            assert item.status == InteractionStatus.NEEDS_RESPONSE and item.needs_response
            assert item.rejection_reason == "rejected"
            # Reopened: a new attempt is a new reply.
            again = await approve(ctx, item.id, TEXT)
            assert again.id != reply.id


async def test_pending_window_expiry_reopens_and_alerts(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            item = await _review(wb, ctx, seller, made)
            now = datetime.now(UTC)
            # Our reply went out but WB never shows it; the window is still open: a sync must not reopen it.
            await Interaction.filter(id=item.id).update(
                wb_sync_state=WbSyncState.PENDING,
                status=InteractionStatus.ANSWERED,
                needs_response=False,
                answer=TEXT,
                pending_until=now + timedelta(hours=1),
            )
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert (await Interaction.get(id=item.id)).wb_sync_state == WbSyncState.PENDING
            await Interaction.filter(id=item.id).update(pending_until=now - timedelta(hours=1))
            assert await check_pending(ctx, now) == 1
            item = await Interaction.get(id=item.id)
            assert (item.wb_sync_state, item.status, item.needs_response) == (
                WbSyncState.EXPIRED,
                InteractionStatus.NEEDS_RESPONSE,
                True,
            )
            alert = await Alert.get(kind="pending_expired", seller_id=seller.id)
            assert alert.id in rec.of("bot.deliver_alert")
