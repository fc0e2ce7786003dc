"""Editing a published answer through the outbox against the WB sandbox (issue 17): PATCH /api/v1/feedbacks/answer
for a review, PATCH /api/v1/questions for a question; an edit whose outcome is lost (WB applied it, the answer never
came) is read back and never sent twice, so WB holds exactly one edit; an edit WB never got (the old answer, still
editable) is sent again; WB refuses a second edit itself."""

from __future__ import annotations

import pytest

from core import answer_edits, sending
from core.models import AnswerState, Channel, Interaction, ReplyStatus
from core.replies import ReplyNotAllowed
from sync.broker import send_queue
from sync.engine import sync_channel
from sync.wb import WBAuth
from sync.wb.errors import WBBadRequest
from tests.sync.test_outbox_faults import TEXT, Rig, drive, rig
from tests.sync.wbenv import approve

NEW_TEXT = "Спасибо, что написали! Уточнили: размер M подойдёт на рост 165–172."


async def _published(r: Rig, channel: Channel) -> Interaction:
    """An item answered through the outbox and seen published by the next sync."""
    item = await r.item(channel)
    reply = await drive(r.ctx, (await approve(r.ctx, item.id, TEXT)).id)
    assert reply.status == ReplyStatus.SENT, reply.last_error
    await sync_channel(r.ctx, r.seller.id, channel)
    item = await Interaction.get(id=item.id)
    assert item.answer_state == AnswerState.PUBLISHED and item.answer_editable is True
    return item


async def _row(r: Rig, item: Interaction) -> dict:
    rows = (await r.wb.control("GET", f"/answers?seller_id={r.num}"))["answers"]
    return next(row for row in rows if row["item_id"] == item.external_id)


async def _confirm_edit(r: Rig, item: Interaction, text: str = NEW_TEXT) -> int:
    draft = await answer_edits.prepare(interaction_id=item.id, text=text, member_id=None)
    reply = await sending.submit_edit(
        interaction_id=item.id, draft_id=draft.id, settings=r.ctx.settings, enqueue=send_queue(r.ctx.broker)
    )
    return reply.id


@pytest.mark.parametrize("channel", [Channel.REVIEW, Channel.QUESTION])
@pytest.mark.parametrize(
    ("send", "read"),
    [
        ([], []),
        (["timeout_after"], ["5xx_before"]),
        (["5xx_after"], ["timeout_before"]),
        (["timeout_before"], []),
        (["reset_before", "5xx_before"], ["429"]),
    ],
    ids=["clean", "timeout-after-applied", "5xx-after-applied", "timeout-never-applied", "never-applied-twice"],
)
async def test_an_edit_lands_once_whatever_the_faults(
    db, settings, redis_client, channel: Channel, send: list[str], read: list[str]
) -> None:
    async with rig(settings) as r:
        item = await _published(r, channel)
        reply_id = await _confirm_edit(r, item)
        await r.script(send=send, read=read)
        reply = await drive(r.ctx, reply_id)
        assert reply.status == ReplyStatus.SENT, reply.last_error
        row = await _row(r, item)
        assert (row["answer"], row["edits"]) == (NEW_TEXT, 1)
        # WB applied one PATCH; one it certainly never got (a "before" fault, refused before WB acted) was made again,
        # so every scripted fault was used up by a PATCH of this edit.
        assert row["edit_calls"] == 1
        script = await r.wb.control("GET", f"/sellers/{r.num}/script")
        assert script["send"] == 0
        assert [h["event"] for h in row["history"]].count("edit") == 1
        after = await Interaction.get(id=item.id)
        assert after.answer == NEW_TEXT and after.answer_editable is False
        await sync_channel(r.ctx, r.seller.id, channel)  # WB's view agrees: no second edit offered
        after = await Interaction.get(id=item.id)
        assert after.answer == NEW_TEXT and answer_edits.edit_refusal(after, reply) == "edit-used"
        with pytest.raises(ReplyNotAllowed):
            await _confirm_edit(r, after, NEW_TEXT + " Ждём вас снова!")


async def test_an_edit_made_in_the_wb_cabinet_meanwhile_is_not_overwritten(db, settings, redis_client) -> None:
    async with rig(settings) as r:
        item = await _published(r, Channel.REVIEW)
        reply_id = await _confirm_edit(r, item)
        # The seller edits the answer in the WB cabinet before our PATCH leaves: WB refuses ours (one edit only).
        await r.ctx.wb.edit_feedback_answer(WBAuth(r.token, str(r.seller.id)), item.external_id, "Правка в кабинете")
        reply = await drive(r.ctx, reply_id)
        assert reply.status == ReplyStatus.FAILED and "один раз" in (reply.last_error or "")
        row = await _row(r, item)
        assert (row["answer"], row["edits"]) == ("Правка в кабинете", 1)


async def test_wb_refuses_a_second_edit_with_the_contracts_error(db, settings, redis_client) -> None:
    async with rig(settings) as r:
        item = await _published(r, Channel.QUESTION)
        auth = WBAuth(r.token, str(r.seller.id))
        await r.ctx.wb.answer_question(auth, item.external_id, NEW_TEXT)
        with pytest.raises(WBBadRequest) as refused:
            await r.ctx.wb.answer_question(auth, item.external_id, NEW_TEXT + " Ждём вас!")
        assert refused.value.status == 422 and "один раз" in refused.value.error_text
        assert (await _row(r, item))["edits"] == 1
