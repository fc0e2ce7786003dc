"""Core's send path with the send step injected: a refused text queues nothing, a double approval is one outbox
row, the caller's settings (not the process's) decide, a re-check hands on only an unknown reply, and auto-send
goes through the same path."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core import sending
from core.autosend import autosend
from core.guardrails import GuardrailViolation
from core.models import (
    AuditEvent,
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    ReplyVia,
)
from core.replies import ReplyNotAllowed
from core.settings import Settings
from tests.core.fixtures import Queue
from tests.factories import new_seller

TEXT = "Здравствуйте! Спасибо за отзыв, нам очень приятно."


async def _item(*, seller_settings: dict | None = None, text: str = "Маломерит, но в целом норм", rating: int = 3):
    seller = await new_seller(settings=seller_settings or {})
    return await Interaction.create(
        seller=seller,
        channel=Channel.REVIEW,
        external_id=f"fb-{rating}-{len(text)}",
        rating=rating,
        text=text,
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
        needs_response=True,
    )


async def _approve(item: Interaction, settings: Settings, queue: Queue, text: str = TEXT) -> Reply:
    return await sending.submit_reply(
        interaction_id=item.id, text=text, draft_id=None, via=ReplyVia.TELEGRAM, settings=settings, enqueue=queue
    )


async def test_a_refused_text_queues_nothing(db: None, settings: Settings) -> None:
    item, queue = await _item(), Queue()
    with pytest.raises(GuardrailViolation):
        await _approve(item, settings, queue, "Пишите в whatsapp, вернём деньги")
    assert queue.ids == [] and not await Reply.exists()


async def test_the_callers_settings_decide_the_extra_phrases(db: None, settings: Settings) -> None:
    item, queue = await _item(), Queue()
    strict = settings.model_copy(update={"banned_phrases_extra": ["приятно"]})
    with pytest.raises(GuardrailViolation):
        await _approve(item, strict, queue)
    assert (await _approve(item, settings, queue)).status == ReplyStatus.QUEUED


async def test_a_double_approval_is_one_outbox_row(db: None, settings: Settings) -> None:
    item, queue = await _item(), Queue()
    first = await _approve(item, settings, queue)
    second = await _approve(item, settings, queue)
    assert first.id == second.id
    assert await Reply.filter(interaction_id=item.id).count() == 1
    assert await AuditEvent.filter(action="reply.approved").count() == 1
    # A tap while the reply is still queued hands it on again (the send task is idempotent), never another row.
    assert set(queue.ids) == {first.id}
    with pytest.raises(ReplyNotAllowed):
        await _approve(item, settings, queue, "Другой текст ответа, спасибо за отзыв!")
    assert set(queue.ids) == {first.id}


async def test_the_same_approve_tap_again_gets_its_reply_not_out_of_date(db: None, settings: Settings) -> None:
    """Telegram replays a tap a killed bot never confirmed: the draft is no longer current (its reply is on its
    way), and the replay returns that reply instead of refusing the seller's own tap as stale."""
    item, queue = await _item(), Queue()
    draft = await Draft.create(interaction=item, text=TEXT, origin=DraftOrigin.TEMPLATE)

    async def tap() -> Reply:
        return await sending.send_draft(
            interaction_id=item.id, draft_id=draft.id, via=ReplyVia.TELEGRAM, settings=settings, enqueue=queue
        )

    first = await tap()
    await Reply.filter(id=first.id).update(status=ReplyStatus.SENT)
    assert (await tap()).id == first.id
    assert await Reply.filter(interaction_id=item.id).count() == 1
    assert queue.ids == [first.id]  # a sent reply is not handed on again


async def test_recheck_hands_on_only_an_unknown_reply(db: None, settings: Settings) -> None:
    item, queue = await _item(), Queue()
    assert not await sending.recheck(item.id, enqueue=queue)
    reply = await _approve(item, settings, queue)
    queue.ids.clear()
    await Reply.filter(id=reply.id).update(status=ReplyStatus.UNKNOWN, sending_at=datetime.now(UTC))
    assert await sending.recheck(item.id, enqueue=queue, member_id=None)
    assert queue.ids == [reply.id]
    assert await AuditEvent.filter(action="reply.recheck", object_id=reply.id).exists()


async def test_auto_send_goes_through_the_same_path_once(db: None, settings: Settings) -> None:
    item, queue = await _item(seller_settings={"auto_send": True}, text="Отличный товар, рекомендую", rating=5), Queue()
    reply = await autosend(interaction_id=item.id, settings=settings, enqueue=queue)
    assert reply is not None and reply.via == ReplyVia.AUTO and queue.ids == [reply.id]
    again = await autosend(interaction_id=item.id, settings=settings, enqueue=queue)
    assert again is not None and again.id == reply.id
    assert await Reply.filter(interaction_id=item.id).count() == 1
    assert await AuditEvent.filter(action="reply.auto_sent").count() == 1
