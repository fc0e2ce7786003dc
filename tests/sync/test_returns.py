"""Buyer returns (claims) against the WB sandbox: incremental idempotent sync of both lists, decisions through the
outbox exactly once (read-back before any resend), decisions made elsewhere closing the item."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.guardrails import GuardrailViolation
from core.models import (
    Channel,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    ReplyVia,
    SyncCursor,
    SyncRun,
    WbSyncState,
)
from core.replies import ReplyNotAllowed
from core.returns import ClaimView
from core.sending import submit_decision
from sync import outbox
from sync.broker import send_queue
from sync.engine import sync_channel
from sync.wb import WBAuth
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox

COMMENT = "Фото в заявке не относится к этому товару, пришлите, пожалуйста, фото бирки."


async def _decisions(wb, seller_num: int) -> dict[str, int]:
    rows = (await wb.control("GET", f"/answers?seller_id={seller_num}"))["answers"]
    return {r["item_id"]: r["decisions"] for r in rows if r["channel"] == "return"}


async def test_claims_sync_both_lists_incrementally(db, settings, redis_client) -> None:
    async with wb_sandbox(limits=False) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0, claims=520)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s, limits=False) as (ctx, rec):
            run = await sync_channel(ctx, seller.id, Channel.RETURN)
            rows = await Interaction.filter(seller_id=seller.id, channel=Channel.RETURN)
            assert run.new == len(rows) == 520 and run.pages == 4  # each list > 200: limit + offset
            open_ = [r for r in rows if r.needs_response]
            assert open_ and all(ClaimView.of(r.raw_payload).open for r in open_)
            assert sorted(rec.of("bot.notify_interaction")) == sorted(r.id for r in open_)
            assert all(r.status == InteractionStatus.ANSWERED for r in rows if not r.needs_response)
            claim = open_[0]
            assert claim.order_ref and claim.wb_updated_at is not None and claim.due_at is not None

            again = await sync_channel(ctx, seller.id, Channel.RETURN)
            assert (again.new, again.updated) == (0, 0)  # same dt_update: nothing written
            assert again.pages == 2  # an idle run reads the list under review only (2 pages of 200+), no archive

            await wb.control(
                "POST", f"/sellers/{made['seller_id']}/claim-decisions", claim_id=claim.external_id, action="approve2"
            )
            third = await sync_channel(ctx, seller.id, Channel.RETURN)
            assert third.updated == 1 and claim.id in rec.of("bot.refresh_cards")
            assert third.pages == 4  # the claim left the list under review: the archive is read for its outcome
            closed = await Interaction.get(id=claim.id)
            assert closed.status == InteractionStatus.CLOSED and not closed.needs_response
            assert ClaimView.of(closed.raw_payload).actions == ()
            assert await SyncRun.filter(channel=Channel.RETURN, status="ok").count() == 3


async def test_reject_with_comment_once_and_read_back(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0, claims=0)
        num = made["seller_id"]
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _rec):
            first = await wb.control("POST", f"/sellers/{num}/claims", user_comment="Пришёл с браком")
            second = await wb.control("POST", f"/sellers/{num}/claims", user_comment="Не тот цвет")
            await sync_channel(ctx, seller.id, Channel.RETURN)
            item = await Interaction.get(seller_id=seller.id, external_id=first["id"])
            kw = {
                "interaction_id": item.id,
                "settings": ctx.settings,
                "enqueue": send_queue(ctx.broker),
                "via": ReplyVia.TELEGRAM,
            }
            with pytest.raises(ReplyNotAllowed):
                await submit_decision(action="rejectcustom", **kw)  # the comment is required
            with pytest.raises(GuardrailViolation):
                await submit_decision(action="rejectcustom", comment="коротко", **kw)
            with pytest.raises(GuardrailViolation):
                await submit_decision(action="rejectcustom", comment="Напишите нам в whatsapp +79991234567", **kw)
            with pytest.raises(ReplyNotAllowed):
                await submit_decision(action="confirmreturngoodcc1", **kw)  # not offered for this claim
            with pytest.raises(ReplyNotAllowed):
                await submit_decision(action="approve1", **{**kw, "via": ReplyVia.AUTO})
            reply = await submit_decision(action="rejectcustom", comment=COMMENT, **kw)
            twice = await submit_decision(action="rejectcustom", comment=COMMENT, **kw)
            assert twice.id == reply.id
            with pytest.raises(ReplyNotAllowed):
                await submit_decision(action="approve1", **kw)  # another decision while one is in flight
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.SENT
            assert await outbox.send_reply(ctx, reply.id) is None  # a redelivered task finds nothing to do
            assert await _decisions(wb, num) == {first["id"]: 1}
            pending = await Interaction.get(id=item.id)
            assert pending.wb_sync_state == WbSyncState.PENDING and pending.status == InteractionStatus.ANSWERED
            await sync_channel(ctx, seller.id, Channel.RETURN)
            confirmed = await Interaction.get(id=item.id)
            assert confirmed.wb_sync_state == WbSyncState.CONFIRMED and confirmed.answer == COMMENT
            assert ClaimView.of(confirmed.raw_payload).status == 1

            # The sender died after WB applied the decision: the takeover reads the claim back, never PATCHes again.
            other = await Interaction.get(seller_id=seller.id, external_id=second["id"])
            lost = await submit_decision(
                interaction_id=other.id,
                action="approve2",
                via=ReplyVia.WEB,
                settings=ctx.settings,
                enqueue=send_queue(ctx.broker),
            )
            await ctx.wb.answer_claim(WBAuth(made["token"], str(seller.id)), other.external_id, "approve2")
            long_ago = datetime.now(UTC) - timedelta(minutes=5)
            # The POST had begun (posted_at) when the sender died: the takeover must read back before anything else.
            await Reply.filter(id=lost.id).update(status=ReplyStatus.SENDING, sending_at=long_ago, posted_at=long_ago)
            assert await outbox.send_reply(ctx, lost.id) == ReplyStatus.SENT
            calls = (await wb.control("GET", f"/answers?seller_id={num}"))["answers"]
            assert {r["item_id"]: r["answer_calls"] for r in calls} == {first["id"]: 1, second["id"]: 1}


async def test_an_idle_claims_run_costs_one_request_and_the_full_check_reads_the_archive(
    db, settings, redis_client
) -> None:
    """Issue 32: ≤ 1 request per idle run on every channel. The archive is read again only on the periodic full
    check, which finds a claim WB created and decided between two runs (it never stood in the list under review)."""
    async with wb_sandbox(limits=False) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0, claims=30)
        num = made["seller_id"]
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s, limits=False) as (ctx, _rec):
            first = await sync_channel(ctx, seller.id, Channel.RETURN)
            assert first.pages == 2 and first.new == 30
            calls = []
            for _ in range(3):
                run = await sync_channel(ctx, seller.id, Channel.RETURN)
                calls.append((run.pages, run.http_calls))
            assert calls == [(1, 1)] * 3

            created = await wb.control("POST", f"/sellers/{num}/claims", user_comment="Порвано на шве")
            await wb.control("POST", f"/sellers/{num}/claim-decisions", claim_id=created["id"], action="approve1")
            quiet = await sync_channel(ctx, seller.id, Channel.RETURN)
            assert quiet.pages == 1 and quiet.new == 0  # decided before we saw it: only the archive holds it

            cursor = await SyncCursor.get(seller_id=seller.id, channel=Channel.RETURN)
            past = datetime.now(UTC) - timedelta(seconds=s.sync.full_check_s + 1)
            cursor.backfill_state = {**cursor.backfill_state, "full_at": past.isoformat()}
            await cursor.save(update_fields=["backfill_state"])
            full = await sync_channel(ctx, seller.id, Channel.RETURN)
            assert full.pages == 2 and full.new == 1
            row = await Interaction.get(seller_id=seller.id, external_id=created["id"])
            assert not row.needs_response and row.status == InteractionStatus.ANSWERED
