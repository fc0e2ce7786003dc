"""Smaller holes found by hand: `/export ²` (a Unicode digit) crashed its handler; a member of two sellers could not
act on the return cards of the seller that is not their active one."""

from __future__ import annotations

from core.models import AuditEvent, Channel
from tests.bot.conftest import make_interaction, make_member, make_seller


async def test_export_with_a_unicode_digit_gets_the_usage(db, tg, bot, feed) -> None:
    seller = await make_seller()
    owner = await tg.user()
    await make_member(seller, owner)
    for args in ("²", "٣", "7²", "１０"):
        await tg.send(owner, f"/export {args}")
        await feed()
        last = [m for m in await tg.messages(owner) if m["from_bot"]][-1]
        assert "Usage" in last["text"], (args, last["text"])


async def test_a_member_of_two_sellers_acts_on_return_cards_of_either(db, tg, bot, feed) -> None:
    first, second = await make_seller(), await make_seller()
    chat = await tg.user()
    await make_member(first, chat)
    await make_member(second, chat)
    claims = [
        await make_interaction(
            seller, channel=Channel.RETURN, rating=None, raw_payload={"status": 0, "actions": ["approve1"]}
        )
        for seller in (first, second)
    ]
    await tg.send(chat, "/settings")
    await feed()
    panel = next(m for m in reversed(await tg.messages(chat)) if m["from_bot"] and m["buttons"])
    for claim in claims:
        pressed = await tg.press(chat, panel["message_id"], data=f"cl:a:approve1:{claim.id}:0:0")
        await feed()
        answer = await tg.callback(pressed["callback_query_id"])
        assert answer.get("answered") and not answer.get("show_alert"), (claim.seller_id, answer.get("text"))
        edited = next(m for m in await tg.messages(chat) if m["message_id"] == panel["message_id"])
        buttons = [b.get("callback_data") for row in edited["buttons"] for b in row]
        assert f"cl:c:approve1:{claim.id}:0:0" in buttons, buttons
    assert not await AuditEvent.filter(action="access.denied").exists()
