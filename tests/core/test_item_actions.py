"""What an item offers (`core.items.actions.allowed`) is what core accepts: for every stage × channel × role, each
action in the view's `actions` is accepted by its core command and each action outside it is refused (real DB).

And the skipped-item rule: a skipped item is closed — not in /inbox, nothing can be sent for it — however long ago it
was skipped, until «Вернуть» (Unskip), offered at any time, opens it again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest

from core import answer_edits, inbox, question_actions, replies, sending
from core.access import NotAllowed
from core.drafting.service import create_draft
from core.items.actions import Action, ReplyNotAllowed
from core.items.stage import UNSURE_AFTER, ItemStage
from core.items.view import item_view
from core.models import (
    AdminRole,
    AdminUser,
    AnswerState,
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    MemberRole,
    Reply,
    ReplyStatus,
    ReplyVia,
    Seller,
    SellerMember,
    WbSyncState,
)
from core.settings import Settings
from tests.core.fixtures import Queue

TEXT = "Здравствуйте! Спасибо, что написали нам, мы всё проверили."
EARLIER = "Добрый день! Благодарим за обратную связь, рады помочь."
CLAIM = {"status": 0, "actions": ["approve1", "reject1"], "srid": "s-1"}
_ids = count(1)


@dataclass(frozen=True)
class Actor:
    """Who presses: a member of the seller (Telegram) or a web admin (the admin page's forms only)."""

    name: str
    member_id: int | None = None
    admin_id: int | None = None


async def _make(channel: Channel, stage: ItemStage) -> Interaction:
    """An item of `channel` whose rows put it in `stage`."""
    now = datetime.now(UTC)
    seller = await Seller.create(name="Shop")
    fields: dict = {
        "status": InteractionStatus.NEEDS_RESPONSE,
        "needs_response": True,
        "due_at": now + timedelta(hours=5),
    }
    reply: dict | None = None
    answered = {"status": InteractionStatus.ANSWERED, "needs_response": False, "answer": EARLIER, "answered_at": now}
    if stage == ItemStage.OVERDUE:
        fields["due_at"] = now - timedelta(hours=1)
    elif stage == ItemStage.DRAFTED:
        fields["status"] = InteractionStatus.DRAFTED
    elif stage == ItemStage.SENDING:
        reply = {"status": ReplyStatus.QUEUED}
    elif stage == ItemStage.UNKNOWN:
        reply = {"status": ReplyStatus.UNKNOWN, "unknown_since": now - UNSURE_AFTER - timedelta(minutes=1)}
    elif stage == ItemStage.FAILED:
        reply = {"status": ReplyStatus.FAILED, "last_error": "WB: 400"}
    elif stage == ItemStage.SENT:
        reply, fields = {"status": ReplyStatus.SENT}, {**answered, "wb_sync_state": WbSyncState.PENDING}
    elif stage == ItemStage.DELIVERED:
        reply, fields = {"status": ReplyStatus.SENT}, {**answered, "wb_sync_state": WbSyncState.CONFIRMED}
    elif stage in (ItemStage.PUBLISHED, ItemStage.MODERATION):
        state = AnswerState.PUBLISHED if stage == ItemStage.PUBLISHED else AnswerState.MODERATION
        reply = {"status": ReplyStatus.SENT}
        fields = {**answered, "wb_sync_state": WbSyncState.CONFIRMED, "answer_state": state}
    elif stage == ItemStage.REJECTED:
        reply = {"status": ReplyStatus.SENT}
        fields |= {"answer": EARLIER, "wb_sync_state": WbSyncState.CONFIRMED, "answer_state": AnswerState.REJECTED}
    elif stage == ItemStage.EXPIRED:
        reply = {"status": ReplyStatus.SENT}
        fields |= {"answer": EARLIER, "wb_sync_state": WbSyncState.EXPIRED}
    elif stage == ItemStage.ANSWERED_ELSEWHERE:
        fields = {**answered, "status": InteractionStatus.CLOSED}
        if channel != Channel.CHAT:
            fields["answer_state"] = AnswerState.PUBLISHED
    elif stage == ItemStage.SKIPPED:
        # Skipped two days ago: long past the Undo window the card used to have.
        fields = {"status": InteractionStatus.SKIPPED, "needs_response": False, "skipped_at": now - timedelta(days=2)}
    item = await Interaction.create(
        seller=seller,
        channel=channel,
        external_id=f"x-{next(_ids)}",
        nm_id=123456,
        product_name="Платье",
        rating=3 if channel == Channel.REVIEW else None,
        text="Подойдёт ли на рост 170? Размер 44.",
        occurred_at=now - timedelta(hours=2),
        raw_payload=CLAIM if channel == Channel.RETURN else {},
        **fields,
    )
    if reply is not None:
        action = "reject1" if channel == Channel.RETURN else None
        text = "" if channel == Channel.RETURN else EARLIER
        await Reply.create(interaction=item, text=text, action=action, idempotency_key=f"k-{item.id}", **reply)
    if stage == ItemStage.DRAFTED:
        draft = await Draft.create(interaction=item, text=EARLIER, origin=DraftOrigin.TEMPLATE)
        # Older than the double-tap window: a Draft tap now is a new press, not a repeat of the one that made it.
        await Draft.filter(id=draft.id).update(created_at=now - timedelta(hours=1))
    return item


async def _actors(item: Interaction) -> list[Actor]:
    owner = await SellerMember.create(seller_id=item.seller_id, tg_user_id=1, tg_chat_id=1, role=MemberRole.OWNER)
    operator = await SellerMember.create(seller_id=item.seller_id, tg_user_id=2, tg_chat_id=2, role=MemberRole.OPERATOR)
    admin = await AdminUser.create(email=f"a{item.id}@x.ru", password_hash="-", role=AdminRole.ADMIN)
    return [
        Actor("owner", member_id=owner.id),
        Actor("operator", member_id=operator.id),
        Actor("admin", admin_id=admin.id),
    ]


def _command(action: Action, item: Interaction, who: Actor, settings: Settings) -> Callable[[], Awaitable[object]]:
    """The core command a button or form of `action` calls."""
    ids = {"member_id": who.member_id, "admin_id": who.admin_id}
    via = ReplyVia.TELEGRAM if who.member_id else ReplyVia.WEB
    send = {"settings": settings, "enqueue": Queue(), **ids}

    async def run() -> object:
        draft = await Draft.filter(interaction_id=item.id, void=False).order_by("-id").first()
        match action:
            case Action.DRAFT | Action.REGENERATE:
                regenerate = action == Action.REGENERATE
                return await create_draft(
                    interaction_id=item.id, member_id=who.member_id, regenerate=regenerate, settings=settings
                )
            case Action.APPROVE:
                draft_id = draft.id if draft else 0
                return await sending.send_draft(
                    interaction_id=item.id,
                    draft_id=draft_id,
                    via=via,
                    settings=settings,
                    enqueue=Queue(),
                    member_id=who.member_id,
                )
            case Action.REPLY:
                return await sending.submit_reply(interaction_id=item.id, text=TEXT, draft_id=None, via=via, **send)
            case Action.CANCEL:
                return await inbox.cancel_draft(interaction=item, member_id=who.member_id)
            case Action.SKIP:
                return await inbox.skip(interaction_id=item.id, **ids)
            case Action.UNSKIP:
                return await inbox.unskip(interaction_id=item.id, **ids)
            case Action.HIDE:
                return await question_actions.hide(interaction_id=item.id, via=via, **ids)
            case Action.EDIT_ANSWER:
                return await answer_edits.prepare(interaction_id=item.id, text=TEXT, member_id=who.member_id)
            case Action.RECHECK:
                if not await sending.recheck(item.id, enqueue=Queue(), **ids):
                    raise ReplyNotAllowed("nothing-unknown")
                return True
            case Action.DECIDE:
                return await sending.submit_decision(interaction_id=item.id, action="approve1", via=via, **send)
        raise AssertionError(action)

    return run


# The stages each channel can reach: a chat is delivered, never published or moderated; the rest are not delivered.
_STAGES = {
    Channel.REVIEW: [s for s in ItemStage if s != ItemStage.DELIVERED],
    Channel.QUESTION: [s for s in ItemStage if s != ItemStage.DELIVERED],
    Channel.CHAT: [s for s in ItemStage if s not in (ItemStage.PUBLISHED, ItemStage.MODERATION, ItemStage.REJECTED)],
    Channel.RETURN: [
        ItemStage.NEW,
        ItemStage.OVERDUE,
        ItemStage.DRAFTED,
        ItemStage.SENDING,
        ItemStage.SENT,
        ItemStage.FAILED,
        ItemStage.UNKNOWN,
        ItemStage.ANSWERED_ELSEWHERE,
        ItemStage.SKIPPED,
    ],
}
# The web admin's forms (admin/templates/interaction.html): it answers, unskips and re-checks; the rest is Telegram's.
_ADMIN_ACTIONS = (Action.REPLY, Action.UNSKIP, Action.RECHECK)


@pytest.mark.parametrize(
    ("channel", "stage"), [(c, s) for c, stages in _STAGES.items() for s in stages], ids=lambda v: str(v)
)
async def test_core_accepts_exactly_what_the_item_offers(
    db: None, settings: Settings, channel: Channel, stage: ItemStage
) -> None:
    assert (await item_view((await _make(channel, stage)).id)).stage == stage
    offered: set[Action] = set()
    for action in Action:
        for role in range(3):
            # A fresh item (and seller) per press: a command changes what comes next, and the seller's earlier
            # answers would make the same text a repetition.
            item = await _make(channel, stage)
            who = (await _actors(item))[role]
            if who.admin_id and action not in _ADMIN_ACTIONS:
                continue
            expected = action in (await item_view(item.id)).actions
            try:
                await _command(action, item, who, settings)()
                accepted = True
            except (ReplyNotAllowed, NotAllowed):
                accepted = False
            assert accepted == expected, f"{channel} {stage} {who.name} {action}: offered={expected}"
            if expected:
                offered.add(action)
    # The table is not vacuous: an open item offers answering, a skipped one only its return.
    if stage == ItemStage.NEW and channel != Channel.RETURN:
        assert {Action.DRAFT, Action.REPLY, Action.SKIP} <= offered
    if stage == ItemStage.SKIPPED:
        assert offered == {Action.UNSKIP} or channel == Channel.RETURN


async def test_a_skipped_item_is_closed_until_it_is_returned(db: None, settings: Settings) -> None:
    item = await _make(Channel.REVIEW, ItemStage.SKIPPED)
    assert item.id not in [i.id for i in (await inbox.list_inbox(seller_id=item.seller_id)).items]
    with pytest.raises(ReplyNotAllowed) as refused:
        await replies.approve(interaction_id=item.id, text=TEXT, via=ReplyVia.WEB)
    assert refused.value.reason == "skipped"
    assert (await item_view(item.id)).actions == {Action.UNSKIP}
    await inbox.unskip(interaction_id=item.id)
    assert item.id in [i.id for i in (await inbox.list_inbox(seller_id=item.seller_id)).items]
    reply, created = await replies.approve(interaction_id=item.id, text=TEXT, via=ReplyVia.WEB)
    assert created and reply.status == ReplyStatus.QUEUED


async def test_skipping_records_when(db: None) -> None:
    item = await _make(Channel.QUESTION, ItemStage.NEW)
    await inbox.skip(interaction_id=item.id)
    skipped = await Interaction.get(id=item.id)
    assert skipped.status == InteractionStatus.SKIPPED and skipped.skipped_at is not None
    await inbox.unskip(interaction_id=item.id)
    assert (await Interaction.get(id=item.id)).skipped_at is None
