"""Attack: a stranger sends a seller's owner an invite to the stranger's own seller. Tapping it adds a membership
and takes nothing away: the owner keeps their seller, their role and their active choice; they can switch between
sellers with /sellers (a forged switch to somebody else's membership is refused), and the buttons of every card
they receive act in the card's own seller."""

from __future__ import annotations

from bot.callbacks import CardAction, CardCb, SellerCb
from bot.notify import notify_interaction
from core import members
from core.models import Draft, MemberRole, SellerMember
from tests.bot.conftest import make_interaction, make_member, make_seller

VICTIM, STRANGER = 5301, 5302


async def _last(tg, chat: int) -> dict:
    return next(m for m in reversed(await tg.messages(chat)) if m["from_bot"])


async def test_invite_from_a_stranger_takes_nothing_away(db, tg, feed, notifier) -> None:
    own = await make_seller()
    own.name = "Victim shop"
    await own.save()
    foreign = await make_seller()
    foreign.name = "Stranger shop"
    await foreign.save()
    victim = await make_member(own, VICTIM)
    stranger = await make_member(foreign, STRANGER)
    await make_interaction(own, product_name="Victim boots")
    await make_interaction(foreign, product_name="Stranger hats")
    await tg.user(VICTIM)
    await feed()

    invite = await members.create_invite(stranger)
    await tg.send(VICTIM, f"/start {invite.code}")
    await feed()
    assert "still act on Victim shop" in (await _last(tg, VICTIM))["text"]
    mine = await SellerMember.get(id=victim.id)
    assert mine.active and mine.role == MemberRole.OWNER
    assert (await members.member_of(VICTIM)).seller_id == own.id
    await tg.send(VICTIM, "/inbox")
    await feed()
    inbox = (await _last(tg, VICTIM))["text"]
    assert "Victim boots" in inbox and "Stranger hats" not in inbox

    # An invite to the own seller never demotes its owner.
    await members.accept_invite(
        code=(await members.create_invite(victim)).code, tg_user_id=VICTIM, tg_chat_id=VICTIM, name="V", language="en"
    )
    assert (await SellerMember.get(id=victim.id)).role == MemberRole.OWNER

    # /sellers switches, both ways.
    await tg.send(VICTIM, "/sellers")
    await feed()
    menu = await _last(tg, VICTIM)
    await tg.press(VICTIM, menu["message_id"], text="Stranger shop (operator)")
    await feed()
    assert (await members.member_of(VICTIM)).seller_id == foreign.id
    await tg.press(VICTIM, menu["message_id"], text="Victim shop (owner)")
    await feed()
    assert (await members.member_of(VICTIM)).seller_id == own.id
    # A forged switch to the stranger's own membership is refused.
    await tg.press(VICTIM, menu["message_id"], data=SellerCb(member_id=stranger.id).pack())
    await feed()
    assert (await members.member_of(VICTIM)).seller_id == own.id
    assert (await members.member_of(STRANGER)).id == stranger.id

    # A card of the non-active seller still works, acting as the membership there.
    hats = await make_interaction(foreign, product_name="Stranger socks")
    await notify_interaction(hats.id, notifier)
    card = next(m for m in await tg.messages(VICTIM) if m["from_bot"] and "Stranger socks" in m["text"])
    await tg.press(VICTIM, card["message_id"], data=CardCb(action=CardAction.DRAFT, interaction_id=hats.id).pack())
    await feed()
    operator_there = await SellerMember.get(seller_id=foreign.id, tg_user_id=VICTIM)
    assert await Draft.filter(interaction_id=hats.id, created_by_id=operator_there.id).exists()
