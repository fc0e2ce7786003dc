"""Attack surface: an operator (not the owner) pastes the seller's WB token while the bot waits for one. It is
refused — and the token is treated as a secret all the same: the message is deleted and the refusal is audited
without the text, so the token is at rest nowhere in clear."""

from __future__ import annotations

import json

from core.models import AuditEvent, MemberRole, Seller
from tests.bot.conftest import make_member, make_seller

WB_TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzaWQiOiJvcGVyYXRvci1wYXN0ZSIsImV4cCI6MTkwMH0.b3BlcmF0b3Itc2lnbmF0dXJl"


async def test_token_pasted_by_operator_is_deleted_and_never_audited(db, tg, feed) -> None:
    seller = await make_seller()
    await make_member(seller, 5101)
    await make_member(seller, 5102, role=MemberRole.OPERATOR)
    operator = await tg.user(5102)
    await feed()
    menu = next(m for m in reversed(await tg.messages(operator)) if m["from_bot"] and m["buttons"])
    await tg.press(operator, menu["message_id"], text="English")
    await feed()
    sent = await tg.send(operator, WB_TOKEN)
    await feed()

    messages = await tg.messages(operator)
    pasted = next(m for m in messages if m["message_id"] == sent["message"]["message_id"])
    assert pasted["deleted"], "the token must not stay in the chat"
    assert any(m["from_bot"] and "Only the owner" in m["text"] for m in messages)
    assert (await Seller.get(id=seller.id)).wb_token_enc is None
    events = await AuditEvent.all().values("action", "before", "after", "meta")
    assert any(e["action"] == "access.denied" for e in events), "the refusal is still audited"
    assert WB_TOKEN not in json.dumps(events, default=str)
    assert WB_TOKEN.split(".")[1] not in json.dumps(events, default=str)
