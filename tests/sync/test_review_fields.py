"""WB's newer review fields reach our rows: `orderStatus` (a returned item makes the review urgent) and `bables`."""

from __future__ import annotations

from core.models import Channel, Interaction, Priority
from core.review_meta import buyer_tags, order_status
from sync.engine import sync_channel
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox


async def test_returned_review_is_urgent_and_keeps_its_tags(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        path = f"/sellers/{made['seller_id']}/reviews"
        returned = await wb.control(
            "POST", path, text="Хорошая вещь", rating=5, order_status="returned", bables=["цена", "<b>качество</b>"]
        )
        bought = await wb.control("POST", path, text="Хорошая вещь", rating=5, order_status="buyout")
        assert (returned["orderStatus"], returned["bables"]) == ("returned", ["цена", "<b>качество</b>"])
        async with sync_context(s) as (ctx, _rec):
            await sync_channel(ctx, seller.id, Channel.REVIEW)
        urgent = await Interaction.get(seller_id=seller.id, external_id=returned["id"])
        normal = await Interaction.get(seller_id=seller.id, external_id=bought["id"])
        assert (urgent.priority, order_status(urgent), buyer_tags(urgent)) == (
            Priority.URGENT,
            "returned",
            ["цена", "<b>качество</b>"],
        )
        assert (normal.priority, order_status(normal), buyer_tags(normal)) == (Priority.NORMAL, "buyout", [])


async def test_a_later_return_makes_the_open_review_urgent(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url, full_check_s=0)
        seller = await connect(s, made["token"])
        path = f"/sellers/{made['seller_id']}/reviews"
        fb = await wb.control("POST", path, text="Хорошая вещь", rating=5, order_status="buyout")
        async with sync_context(s) as (ctx, rec):
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            row = await Interaction.get(seller_id=seller.id, external_id=fb["id"])
            assert row.priority == Priority.NORMAL
            review = wb.app.state.store.sellers[made["seller_id"]].review_by_id[fb["id"]]
            review.order_status = "returned"  # the buyer sends the item back after writing the review
            review.touch()
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            row = await Interaction.get(id=row.id)
            assert (row.priority, order_status(row)) == (Priority.URGENT, "returned") and row.needs_response
            assert row.id in rec.of("bot.refresh_cards")
