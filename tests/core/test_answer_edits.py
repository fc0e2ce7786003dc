"""Editing a published answer (issue 17): WB's rule (once, within 60 days) decides when it is offered, the new text
passes the guardrails, a confirmed edit is one outbox row (double confirm included), and once WB took it the item
keeps its answered time and offers no second edit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core import answer_edits, replies, sending
from core.analytics import Period, reply_quality
from core.guardrails import GuardrailViolation
from core.items.stage import ItemStage
from core.items.view import item_view
from core.models import (
    AnswerState,
    AuditEvent,
    Channel,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    ReplyVia,
    WbSyncState,
)
from core.replies import ReplyNotAllowed
from core.settings import Settings
from tests.core.fixtures import Queue
from tests.factories import make_reply, new_seller

NEW_TEXT = "Здравствуйте! Спасибо за отзыв. Размер уточнили в описании товара, ждём вас снова."


async def _published(
    channel: Channel = Channel.REVIEW, *, answered_days_ago: float = 1, editable: bool | None = True
) -> Interaction:
    """An item whose answer (ours, sent and confirmed) WB shows as published."""
    seller = await new_seller(settings={})
    answered = datetime.now(UTC) - timedelta(days=answered_days_ago)
    item = await Interaction.create(
        seller=seller,
        channel=channel,
        external_id=f"{channel}-1",
        rating=3 if channel == Channel.REVIEW else None,
        text="Маломерит на размер",
        occurred_at=answered - timedelta(hours=1),
        status=InteractionStatus.ANSWERED,
        needs_response=False,
        answer="Спасибо за отзыв!",
        answer_state=AnswerState.PUBLISHED,
        answer_editable=editable,
        wb_sync_state=WbSyncState.CONFIRMED,
        answered_at=answered,
        first_response_at=answered,
    )
    await make_reply(item, idempotency_key=f"{item.id}:a:0")
    return item


async def _edit(item: Interaction, settings: Settings, queue: Queue, text: str = NEW_TEXT) -> Reply:
    draft = await answer_edits.prepare(interaction_id=item.id, text=text, member_id=None)
    return await sending.submit_edit(interaction_id=item.id, draft_id=draft.id, settings=settings, enqueue=queue)


async def test_a_published_answer_is_editable_once_within_60_days(db: None) -> None:
    item = await _published()
    assert answer_edits.edit_refusal(item, None) is None
    old = await _published(Channel.QUESTION, answered_days_ago=61)
    assert answer_edits.edit_refusal(old, None) == "edit-expired"
    wb_says_no = await _published(editable=False)
    assert answer_edits.edit_refusal(wb_says_no, None) == "edit-used"
    item.wb_sync_state = WbSyncState.PENDING
    assert answer_edits.edit_refusal(item, None) == "edit-unpublished"


async def test_chats_and_unanswered_items_offer_no_edit(db: None) -> None:
    chat = await _published(Channel.CHAT)
    assert answer_edits.edit_refusal(chat, None) == "edit-channel"
    review = await _published()
    review.wb_sync_state = WbSyncState.NONE  # answered in the WB cabinet: edited there
    assert answer_edits.edit_refusal(review, None) == "edit-unpublished"
    review.answer, review.answer_state = None, AnswerState.NONE
    assert answer_edits.edit_refusal(review, None) == "edit-unpublished"


async def test_a_blocked_new_text_is_refused_with_its_reasons(db: None) -> None:
    item = await _published()
    with pytest.raises(GuardrailViolation):
        await answer_edits.prepare(interaction_id=item.id, text="Пишите в whatsapp, вернём деньги", member_id=None)


async def test_a_confirmed_edit_is_one_outbox_row_even_confirmed_twice(db: None, settings: Settings) -> None:
    item, queue = await _published(), Queue()
    draft = await answer_edits.prepare(interaction_id=item.id, text=NEW_TEXT, member_id=None)
    first = await sending.submit_edit(interaction_id=item.id, draft_id=draft.id, settings=settings, enqueue=queue)
    second = await sending.submit_edit(interaction_id=item.id, draft_id=draft.id, settings=settings, enqueue=queue)
    assert first.id == second.id and first.action == replies.EDIT and first.text == NEW_TEXT
    assert await Reply.filter(interaction_id=item.id, action=replies.EDIT).count() == 1
    assert await AuditEvent.filter(action="answer.edited", interaction_id=item.id).count() == 1
    with pytest.raises(ReplyNotAllowed) as refused:  # a new text while the first edit is on its way
        await answer_edits.prepare(interaction_id=item.id, text=NEW_TEXT + " Ещё раз спасибо!", member_id=None)
    assert refused.value.reason == "in-flight"


async def test_once_sent_the_answer_changes_and_a_second_edit_is_refused(db: None, settings: Settings) -> None:
    item, queue = await _published(answered_days_ago=3), Queue()
    reply = await _edit(item, settings, queue)
    assert await replies.claim_send(reply.id, datetime.now(UTC))
    await replies.mark_sent(await Reply.get(id=reply.id), window_min=30)
    after = await Interaction.get(id=item.id)
    assert after.answer == NEW_TEXT and after.answer_editable is False
    assert after.answered_at == item.answered_at and after.wb_sync_state == WbSyncState.CONFIRMED  # still published
    data = await item_view(item.id)
    assert data.stage == ItemStage.PUBLISHED and data.reply is not None and data.reply.action is None
    assert data.edit is not None and data.edit.status == ReplyStatus.SENT
    day = Period(datetime.now(UTC) - timedelta(days=1), datetime.now(UTC) + timedelta(days=1))
    assert (await reply_quality(seller_id=item.seller_id, period=day)).replies == {}  # an edit is not a new reply
    with pytest.raises(ReplyNotAllowed) as refused:
        await _edit(after, settings, queue, NEW_TEXT + " Ещё раз спасибо!")
    assert refused.value.reason == "edit-used"


async def test_a_refused_edit_does_not_use_up_the_one_edit(db: None, settings: Settings) -> None:
    item, queue = await _published(), Queue()
    reply = await _edit(item, settings, queue)
    assert await replies.claim_send(reply.id, datetime.now(UTC))
    await replies.mark_failed(await Reply.get(id=reply.id), "WB refused")
    again = await _edit(item, settings, queue)
    assert again.id != reply.id and again.status == ReplyStatus.QUEUED and queue.ids == [reply.id, again.id]


async def test_edits_are_a_persons_and_past_60_days_refused(db: None, settings: Settings) -> None:
    item = await _published()
    draft = await answer_edits.prepare(interaction_id=item.id, text=NEW_TEXT, member_id=None)
    with pytest.raises(ReplyNotAllowed):
        await answer_edits.request(interaction_id=item.id, draft_id=draft.id, via=ReplyVia.AUTO)
    await Interaction.filter(id=item.id).update(answered_at=datetime.now(UTC) - timedelta(days=60, minutes=1))
    with pytest.raises(ReplyNotAllowed) as refused:
        await sending.submit_edit(interaction_id=item.id, draft_id=draft.id, settings=settings, enqueue=Queue())
    assert refused.value.reason == "edit-expired"
    assert not await Reply.filter(action=replies.EDIT).exists()
