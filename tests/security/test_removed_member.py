"""Attack surface: an operator the owner removed must learn nothing more — no new cards, no edits of the cards
they already have (an edit would show the answer, the state, a new draft) — and their old buttons are refused."""

from __future__ import annotations

from bot.callbacks import CardAction, CardCb
from bot.notify import notify_interaction, refresh_cards
from core import inbox, members
from core.models import Draft, MemberRole
from tests.bot.conftest import make_interaction, make_member, make_seller


def _card(messages: list[dict], product: str) -> dict:
    return next(m for m in messages if m["from_bot"] and product in m["text"])


async def test_removed_member_gets_no_sends_or_edits(db, tg, notifier, feed) -> None:
    seller = await make_seller()
    owner = await make_member(seller, 5401)
    operator = await make_member(seller, 5402, role=MemberRole.OPERATOR)
    for chat in (5401, 5402):
        await tg.user(chat)
    first = await make_interaction(seller, product_name="Boots", text="Where is my order?")
    assert await notify_interaction(first.id, notifier) == 2
    operator_card = _card(await tg.messages(5402), "Boots")

    await members.remove_member(owner, operator.id)
    await inbox.skip(interaction_id=first.id, member_id=owner.id)
    assert await refresh_cards(first.id, notifier) == 1, "only the owner's card is re-rendered"
    assert _card(await tg.messages(5402), "Boots") == operator_card, "the removed operator's card is untouched"
    assert _card(await tg.messages(5401), "Boots")["edit_date"] is not None

    second = await make_interaction(seller, product_name="Jacket")
    assert await notify_interaction(second.id, notifier) == 1
    assert not [m for m in await tg.messages(5402) if "Jacket" in m["text"]]

    # The old card's buttons are refused.
    drafts = await Draft.filter(interaction_id=first.id).count()
    draft = CardCb(action=CardAction.DRAFT, interaction_id=first.id).pack()
    pressed = await tg.press(5402, operator_card["message_id"], data=draft)
    await feed()
    answer = await tg.callback(pressed["callback_query_id"])
    assert answer.get("answered") and "⛔" in (answer.get("text") or "")
    assert await Draft.filter(interaction_id=first.id).count() == drafts
