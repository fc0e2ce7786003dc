"""A reply WB left unknown (issue 13): the card says "sending" while WB is read back, "not sure it was sent — check
WB" with a re-check button past the deadline; the button reads WB back and the card ends as sent, posted once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.items.stage import UNSURE_AFTER
from core.models import AuditEvent, Channel, Reply, ReplyStatus
from core.tasks import TaskName
from sync.broker import kick
from sync.engine import sync_channel
from tests.bot.conftest import eventually
from tests.bot.test_cards import _answers, _buttons, _card, _connected, _shows


async def test_unknown_outcome_card_then_recheck_settles_it(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await wb.control("POST", f"/sellers/{cabinet}/questions", text="Подойдёт на рост 190?")
    await sync_channel(stack, seller.id, Channel.QUESTION)
    card = await eventually(lambda: _card(tg, chat, "Подойдёт на рост 190?"))
    # WB applies the answer, but its answer is lost (500), and reading WB back fails too.
    await wb.control("PUT", f"/sellers/{cabinet}/script", send=["5xx_after"], read=["5xx_before"])
    await tg.press(chat, card["message_id"], text="✍️ Draft")
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Draft ("))
    await tg.press(chat, card["message_id"], text="✅ Approve")
    reply = await eventually(lambda: Reply.get_or_none(status=ReplyStatus.UNKNOWN))
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Sending"))

    # The deadline passes without an answer from WB's read-backs.
    await Reply.filter(id=reply.id).update(unknown_since=datetime.now(UTC) - UNSURE_AFTER - timedelta(seconds=1))
    await kick(stack.broker, TaskName.REFRESH_CARDS, reply.interaction_id)
    unsure = await eventually(lambda: _shows(tg, chat, card["message_id"], "Not sure it was sent"))
    assert "🔄 Check WB again" in _buttons(unsure) and "✍️ Draft" not in _buttons(unsure)

    await tg.press(chat, card["message_id"], text="🔄 Check WB again")  # the read-back fails once more …
    await eventually(lambda: _reply_checked(reply.id, checks=1))
    await tg.press(chat, card["message_id"], text="🔄 Check WB again")  # … then WB shows our answer
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Sent"))
    assert (await Reply.get(id=reply.id)).status == ReplyStatus.SENT
    assert await AuditEvent.filter(action="reply.recheck", object_id=reply.id).count() == 2
    answers = await _answers(wb, cabinet)
    assert len(answers) == 1 and answers[0]["answer_calls"] == 1


async def _reply_checked(reply_id: int, *, checks: int) -> bool:
    reply = await Reply.get(id=reply_id)
    return reply.status == ReplyStatus.UNKNOWN and reply.checks >= checks
