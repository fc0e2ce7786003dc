"""On connect, WB's archived reviews (`/api/v1/feedbacks/archive`: answered long ago, unanswered for 30 days, or
empty) are imported for history, analytics and linking, and never announced as cards."""

from __future__ import annotations

from core.models import Channel, Interaction, InteractionStatus, SyncCursor
from sync.engine import sync_channel
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox


async def test_backfill_imports_the_archive_without_cards(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=60, questions=0, chats=0)
        store = wb.app.state.store.sellers[made["seller_id"]]
        archived = {r.id for r in store.reviews if r.archived}
        live = {r.id for r in store.reviews if not r.archived}
        assert archived and live
        s = sync_settings(settings, wb.url, page_size=7)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            while not (await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)).backfill_done:
                await sync_channel(ctx, seller.id, Channel.REVIEW)
            rows = {r.external_id: r for r in await Interaction.filter(seller_id=seller.id, channel=Channel.REVIEW)}
            assert set(rows) == archived | live
            history = [rows[i] for i in archived]
            assert not any(r.needs_response or r.due_at for r in history)
            assert {r.status for r in history} <= {InteractionStatus.ANSWERED, InteractionStatus.CLOSED}
            answered = [r for r in history if r.answer]
            assert answered and all(r.status == InteractionStatus.ANSWERED for r in answered)
            announced = set(rec.of("bot.notify_interaction"))
            assert announced and not announced & {r.id for r in history}
            linked = {i for ids in rec.of("sync.link") for i in ids}
            assert {r.id for r in history} <= linked  # linking sees the history too
            # A later full pass re-reads nothing of the archive and announces nothing more.
            before = len(rec.of("bot.notify_interaction"))
            await SyncCursor.filter(seller_id=seller.id, channel=Channel.REVIEW).update(backfill_state={})
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert len(rec.of("bot.notify_interaction")) == before
            assert await Interaction.filter(seller_id=seller.id).count() == len(archived | live)
