"""Attack: forged callback data with values no button ever carries (an unknown language, an out-of-range pending
window or rating, a settings switch that does not exist, an unknown inbox channel, negative ids). Each is refused
as a stale button and audited; nothing is stored."""

from __future__ import annotations

import pytest

from core.models import AuditEvent, Seller, SellerMember
from tests.bot.conftest import make_member, make_seller

FORGED = [
    "l:de",
    "l:ru<b>",
    "st:lang:xx",
    "st:win:5",
    "st:win:99999999",
    "st:n:max_review_rating",
    "st:n:__class__",
    "st:rt:9",
    "st:ad:1",
    "i:bogus:0",
    "i::-3",
    "c:d:-1:0",
    "m:0",
    f"cl:a:approve1:{2**63}:0:0",
    f"cl:c:approve1:1:{2**64}:0",
    f"cl:x:approve1:-{2**70}:0:0",
]


@pytest.mark.parametrize("data", FORGED)
async def test_forged_callback_value_is_refused(db, tg, feed, data: str) -> None:
    seller = await make_seller(settings={"pending_window_min": 180})
    owner = await make_member(seller, 5201)
    chat = await tg.user(5201, start=False)
    await tg.send(chat, "/settings")
    await feed()
    panel = next(m for m in reversed(await tg.messages(chat)) if m["from_bot"] and m["buttons"])
    before = (await Seller.get(id=seller.id)).settings

    pressed = await tg.press(chat, panel["message_id"], data=data)
    await feed()

    answer = await tg.callback(pressed["callback_query_id"])
    assert answer.get("answered") and "out of date" in (answer.get("text") or ""), answer
    assert (await SellerMember.get(id=owner.id)).language == "en"
    stored = await Seller.get(id=seller.id)
    assert stored.language == "en" and stored.settings == before
    assert await AuditEvent.filter(action="access.denied", actor_tg_user_id=5201).exists()
