"""The probe gate of the review/question cursors: WB keeps `hasNewQuestions` true while any unanswered question
is unviewed, so an idle seller with such a question must cost one request per run once that is known."""

from __future__ import annotations

from core.models import Channel, Interaction, SyncCursor
from sync.engine import sync_channel
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox


async def test_unviewed_question_does_not_rerun_the_pass(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=7, chats=0)
        s = sync_settings(settings, wb.url, page_size=5)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            while not (await SyncCursor.get_or_none(seller_id=seller.id, channel=Channel.QUESTION, backfill_done=True)):
                await sync_channel(ctx, seller.id, Channel.QUESTION)
            await wb.control("POST", f"/sellers/{made['seller_id']}/questions", text="Есть размер XL?")
            found = await sync_channel(ctx, seller.id, Channel.QUESTION)
            assert found.new == 1 and found.pages >= 1
            # The injected question stays unanswered and unviewed: the probe still says "new".
            idle = await sync_channel(ctx, seller.id, Channel.QUESTION)
            assert (idle.http_calls, idle.pages, idle.new) == (2, 0, 0)  # the probe and a one-item page
            # Known to say "new" for nothing now: the one-item page alone.
            for _ in range(2):
                idle = await sync_channel(ctx, seller.id, Channel.QUESTION)
                assert (idle.http_calls, idle.pages, idle.new) == (1, 0, 0)
            await wb.control("POST", f"/sellers/{made['seller_id']}/questions", text="Когда будет в наличии?")
            second = await sync_channel(ctx, seller.id, Channel.QUESTION)
            assert second.new == 1
            rows = await Interaction.filter(seller_id=seller.id, channel=Channel.QUESTION, needs_response=True)
            assert sorted(rec.of("bot.notify_interaction")) == sorted(r.id for r in rows)
