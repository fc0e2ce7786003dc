"""The demo store's linked buyer, in process (cheaper than running the demo): the sandbox items of
`cli.demo.seed_linked_buyer`, synced and linked, make one thread with confidences in the bot's Timeline."""

from __future__ import annotations

from bot.render import render_timeline
from cli.demo import THREAD_BUYER, THREAD_LOOKALIKE, seed_linked_buyer
from core.i18n import translator
from core.linking import timeline
from core.models import Channel, Interaction, LinkKind
from sync.engine import sync_channel
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox


async def test_demo_buyer_threads_review_chat_and_return(db, settings) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0, claims=0)
        await seed_linked_buyer(wb.http, wb.url, made["seller_id"])
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _rec):
            for channel in Channel:
                await sync_channel(ctx, seller.id, channel)
    review = await Interaction.get(seller=seller, channel=Channel.REVIEW, parent_external_id=None,
                                   buyer_name=THREAD_BUYER)  # fmt: skip
    thread = {item.interaction_id: item for item in await timeline(review.id)}
    by = {(i.channel, i.buyer_name): i for i in thread.values() if i.interaction_id != review.id}
    # The supplement (certain); the chat under the same name on the product is a guess in a shop this small (the
    # name is most of its names); the return filed from that chat is certain (its `srid` is the chat's `rid`).
    assert by[(Channel.REVIEW, THREAD_BUYER)].confidence == 1.0
    chat = by[(Channel.CHAT, THREAD_BUYER)]
    assert chat.kind == LinkKind.PROBABILISTIC and 0.55 <= chat.confidence < 0.85
    assert by[(Channel.RETURN, None)].kind == LinkKind.DETERMINISTIC
    # The similarly named buyer (another person) is never shown as sure: no link, or a guess below the bar.
    guess = by.get((Channel.REVIEW, THREAD_LOOKALIKE))
    assert guess is None or (guess.kind == LinkKind.PROBABILISTIC and guess.confidence < 0.85)
    # The question carries no buyer on WB: it joins no thread.
    assert not [i for i in thread.values() if i.channel == Channel.QUESTION]

    shown = render_timeline(list(thread.values()), review.id, translator("ru"))
    assert shown.count("\n") == len(thread) and "100%" in shown and f"{round(chat.confidence * 100)}%" in shown
