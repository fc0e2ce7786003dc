"""Incremental sync against the WB sandbox over HTTP: backfill, new items only, overlap dedup, early stop,
resume after a crash, answered elsewhere, chats by cursor, token failure."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

from core.linking import link_new
from core.models import (
    Alert,
    AuditEvent,
    Channel,
    ChatMessage,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    Link,
    Priority,
    Seller,
    SellerStatus,
    SyncCursor,
)
from core.seller_settings import SellerSettings
from core.sla import due_at
from core.tasks import TaskName
from sync.engine import sync_channel
from sync.scheduler import claim_due, ensure_cursors
from sync.wb import WBAuth
from tests.factories import new_seller
from tests.sync.wbenv import connect, listed, sync_context, sync_settings, wb_sandbox


async def test_backfill_then_only_new_items_with_early_stop(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=37, questions=0, chats=0)
        s = sync_settings(settings, wb.url, page_size=5)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            first = await sync_channel(ctx, seller.id, Channel.REVIEW)
            while (await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)).backfill_done is False:
                await sync_channel(ctx, seller.id, Channel.REVIEW)
            rows = await Interaction.filter(seller_id=seller.id, channel=Channel.REVIEW)
            assert {r.external_id for r in rows} == listed(wb, made["seller_id"])
            assert first is not None and first.backfill and first.new > 0
            needing = {r.id for r in rows if r.needs_response}
            assert sorted(rec.of("bot.notify_interaction")) == sorted(needing)

            for text, rating in (("Маломерит, верну", 1), ("Отличная вещь", 5)):
                await wb.control("POST", f"/sellers/{made['seller_id']}/reviews", text=text, rating=rating)
            run = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert run.new == 2
            # Newest first + early stop: one unanswered and one answered page, though history spans 8 pages.
            assert run.pages == 2
            again = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert again.new == 0
            events = Counter(rec.of("bot.notify_interaction"))
            assert set(events.values()) == {1}
            now_needing = await Interaction.filter(seller_id=seller.id, needs_response=True).values_list(
                "id", flat=True
            )
            assert set(events) == set(now_needing) and len(now_needing) == len(needing) + 2  # both have text
            assert await Interaction.filter(seller_id=seller.id).count() == len(listed(wb, made["seller_id"]))


async def test_backfill_resumes_after_a_crash(db, settings, redis_client) -> None:
    async with wb_sandbox(latency_ms=20) as wb:
        made = await wb.new_seller(reviews=60, questions=0, chats=0)
        s = sync_settings(settings, wb.url, page_size=5)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _):
            task = asyncio.create_task(sync_channel(ctx, seller.id, Channel.REVIEW))
            while (
                int(
                    (
                        await SyncCursor.get_or_none(seller_id=seller.id, channel=Channel.REVIEW) or SyncCursor()
                    ).backfill_state.get("skip", 0)
                )
                < 15
            ):
                await asyncio.sleep(0.02)
            task.cancel()  # the worker dies mid-backfill
            await asyncio.gather(task, return_exceptions=True)
            saved = (await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)).backfill_state
            assert saved["skip"] >= 15
            resumed = await sync_channel(ctx, seller.id, Channel.REVIEW)
            while not (await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)).backfill_done:
                await sync_channel(ctx, seller.id, Channel.REVIEW)
            ids = await Interaction.filter(seller_id=seller.id).values_list("external_id", flat=True)
            assert len(ids) == len(set(ids)) == len(listed(wb, made["seller_id"]))
            # It went on from the saved page instead of starting over (a phase ends on its first short page).
            reviews = [r for r in wb.app.state.store.sellers[made["seller_id"]].reviews if not r.archived]
            answered = sum(r.answered for r in reviews)
            archived = len(wb.app.state.store.sellers[made["seller_id"]].reviews) - len(reviews)
            full = (len(reviews) - answered) // 5 + 1 + answered // 5 + 1 + archived // 5 + 1
            assert saved["phase"] == 0 and resumed.pages == full - saved["skip"] // 5


async def test_answered_in_cabinet_closes_and_voids_drafts(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url, full_check_s=10)
        seller = await connect(s, made["token"])
        fb = await wb.control("POST", f"/sellers/{made['seller_id']}/reviews", text="Порвалось через день", rating=2)
        async with sync_context(s) as (ctx, rec):
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            item = await Interaction.get(seller_id=seller.id, external_id=fb["id"])
            assert item.needs_response
            await Draft.create(interaction=item, text="Извините", origin=DraftOrigin.TEMPLATE)
            # The seller answers in the WB cabinet (not through us).
            await ctx.wb.answer_feedback(WBAuth(made["token"], "cabinet"), fb["id"], "Ответ из кабинета продавца")
            await SyncCursor.filter(seller_id=seller.id, channel=Channel.REVIEW).update(backfill_state={})
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            item = await Interaction.get(id=item.id)
            assert item.status == InteractionStatus.CLOSED and not item.needs_response
            assert item.answer == "Ответ из кабинета продавца"
            assert await Draft.filter(interaction_id=item.id, void=False).count() == 0
            assert item.id in rec.of("bot.refresh_cards")


async def test_chats_by_cursor_one_event_per_new_chat(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=4)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            await sync_channel(ctx, seller.id, Channel.CHAT)
            chats = await Interaction.filter(seller_id=seller.id, channel=Channel.CHAT)
            assert len(chats) == 4
            before = await ChatMessage.filter(seller_id=seller.id).count()
            ev = await wb.control("POST", f"/sellers/{made['seller_id']}/chat-messages", text="Где мой заказ?")
            await sync_channel(ctx, seller.id, Channel.CHAT)
            await sync_channel(ctx, seller.id, Channel.CHAT)
            chat = await Interaction.get(seller_id=seller.id, channel=Channel.CHAT, external_id=ev["chatID"])
            assert chat.needs_response and chat.text == "Где мой заказ?" and chat.reply_sign
            assert await ChatMessage.filter(seller_id=seller.id).count() == before + 1
            assert Counter(rec.of("bot.notify_interaction"))[chat.id] == 1
            idle = await sync_channel(ctx, seller.id, Channel.CHAT)
            assert idle.http_calls == 1 and idle.new == 0  # an idle seller costs one request

            # The reading was stored with the first message; the buyer's next lines are read at once (issue 24).
            await Interaction.filter(id=chat.id).update(topics=["delivery"])
            await wb.control(
                "POST", f"/sellers/{made['seller_id']}/chat-messages", chat_id=ev["chatID"], text="Пришёл с браком"
            )
            await sync_channel(ctx, seller.id, Channel.CHAT)
            chat = await Interaction.get(id=chat.id)
            assert "defect" in chat.topics and chat.situations == [] and chat.mood and chat.reply_language == "ru"
            # A burn written into the open chat: urgent at once, due within the safety SLA, its cards refreshed.
            await wb.control(
                "POST", f"/sellers/{made['seller_id']}/chat-messages", chat_id=ev["chatID"],
                text="Ребёнок обжёгся об эту лампу, иду в Роспотребнадзор",
            )  # fmt: skip
            await sync_channel(ctx, seller.id, Channel.CHAT)
            chat = await Interaction.get(id=chat.id)
            assert chat.situations == ["harm", "legal"] and chat.priority == Priority.URGENT
            hours = SellerSettings.of((await Seller.get(id=seller.id)).settings).business_hours
            safety_due = due_at(
                channel=Channel.CHAT, priority=Priority.URGENT, occurred_at=chat.occurred_at, business_hours=hours,
                safety=True,
            )  # fmt: skip
            assert chat.due_at == safety_due
            assert chat.id in rec.of("bot.refresh_cards")


async def test_token_failure_pauses_seller_and_alerts(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=3, questions=0, chats=0)
        bad = await wb.control("POST", f"/sellers/{made['seller_id']}/tokens", kind="invalid")
        s = sync_settings(settings, wb.url)
        seller = await connect(s, bad["token"])
        async with sync_context(s) as (ctx, rec):
            run = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert run.error and run.error.startswith("auth")
            assert (await Seller.get(id=seller.id)).status == SellerStatus.TOKEN_INVALID
            # Stopped through core's audited transition (one way to stop a seller, who and why on record).
            audited = await AuditEvent.get(action="seller.token_invalid", object_id=seller.id)
            assert audited.before == "active" and audited.after == "token_invalid" and audited.meta["reason"]
            alert = await Alert.get(kind="token_invalid", seller_id=seller.id)
            assert rec.of("bot.deliver_alert") == [alert.id]
            assert await sync_channel(ctx, seller.id, Channel.REVIEW) is None  # paused: no WB call at all
            await SyncCursor.all().update(next_due_at=None)
            await ensure_cursors(run.started_at)
            assert await claim_due(run.finished_at, lease_s=60) == []


async def test_two_schedulers_never_claim_one_cursor_twice(db, settings) -> None:
    now = datetime.now(UTC)
    sellers = [await new_seller(f"s{i}", status=SellerStatus.ACTIVE, wb_token_enc="x") for i in range(30)]
    await Seller.filter(id=sellers[0].id).update(status=SellerStatus.PAUSED)
    assert await ensure_cursors(now) == 29 * len(Channel)  # not for the paused one
    a, b = await asyncio.gather(claim_due(now, lease_s=60), claim_due(now, lease_s=60))
    assert not set(a) & set(b)
    assert len(a) + len(b) == 29 * len(Channel)
    assert await claim_due(now, lease_s=60) == []


async def test_linking_runs_once_per_run_over_its_new_rows(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=40, questions=0, chats=3)
        s = sync_settings(settings, wb.url, page_size=10)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            runs = [
                await sync_channel(ctx, seller.id, Channel.REVIEW),
                await sync_channel(ctx, seller.id, Channel.CHAT),
            ]
            # One "sync.link" per run, whatever the number of pages, carrying exactly the run's new rows.
            assert [len(ids) for ids in rec.of("sync.link")] == [r.new for r in runs]
            assert runs[0].pages > 1 and all(r.new > 0 for r in runs)
            review_ids = await Interaction.filter(seller_id=seller.id, channel=Channel.REVIEW).values_list(
                "id", flat=True
            )
            assert sorted(rec.of("sync.link")[0]) == sorted(review_ids)
            # The task linked them: relinking everything finds no pair it had not stored.
            stored = await Link.all().count()
            assert await link_new(sorted(review_ids)) == stored
            again = await sync_channel(ctx, seller.id, Channel.CHAT)
            assert again.new == 0 and len(rec.of("sync.link")) == 2  # nothing new: nothing to link


async def test_tick_claims_every_round_and_does_its_upkeep_every_upkeep_s(db, settings) -> None:
    from sync.tasks import tick_task

    s = settings.model_copy(update={"sync": settings.sync.model_copy(update={"upkeep_s": 0.5})})
    seller = await Seller.create(name="s", status=SellerStatus.ACTIVE, wb_token_enc="x")
    async with sync_context(s) as (ctx, rec):
        assert await tick_task(ctx) == len(Channel)  # upkeep: the cursors are made (due now) and claimed
        assert len(rec.of(TaskName.CHECK_PENDING)) == 1
        await SyncCursor.filter(seller_id=seller.id).update(next_due_at=datetime.now(UTC))
        assert await tick_task(ctx) == len(Channel)  # claimed again within the upkeep interval ...
        assert len(rec.of(TaskName.CHECK_PENDING)) == 1  # ... without the upkeep
        await asyncio.sleep(0.6)
        await tick_task(ctx)
        assert len(rec.of(TaskName.CHECK_PENDING)) == 2
