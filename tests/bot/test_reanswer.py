"""Re-answer after WB moderation rejected an answer (issue 25 item 9), end to end through the WB and Telegram
sandboxes: the card says «❌ WB rejected the answer» and offers Draft / Reply / Skip again; Reply → Send and Draft →
Approve both put the new answer on WB (before the fix, Send and Approve said the button was out of date)."""

from __future__ import annotations

from core.items.view import item_view
from core.models import Channel, Interaction, Reply, ReplyStatus
from sync.engine import sync_channel
from tests.bot.conftest import eventually
from tests.bot.test_cards import _answers, _buttons, _card_free, _connected, _draft_and_approve, _shows

TEXT = "Ручка сломалась на второй день"


async def _answered_with(wb, cabinet: int, calls: int) -> list[dict]:
    """The cabinet's answers WB received `calls` times."""
    return [a for a in await _answers(wb, cabinet) if a["answer_calls"] == calls]


async def _rejected(stack, tg, wb) -> tuple[int, int, dict]:
    """A review answered from its card, then rejected by WB's moderation: (chat, cabinet, card)."""
    await wb.control("PATCH", "/config", moderation_rate=1.0, moderation_delay_s=None)
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await wb.control("POST", f"/sellers/{cabinet}/reviews", text=TEXT, rating=2)
    card = await _draft_and_approve(stack, tg, wb, seller, chat, cabinet, Channel.REVIEW, TEXT)
    await sync_channel(stack, seller.id, Channel.REVIEW)
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Under WB moderation"))
    item = await Interaction.get(seller=seller)
    await wb.control("POST", "/moderation", seller_id=cabinet, feedback_id=item.external_id, decision="rejected")
    await sync_channel(stack, seller.id, Channel.REVIEW)
    rejected = await eventually(lambda: _shows(tg, chat, card["message_id"], "❌ WB rejected the answer"))
    # WB's feedback API gives no reason: its raw state is not shown as one.
    assert "rejected the answer: rejected" not in rejected["text"]
    assert _buttons(rejected)[:3] == ["✍️ Draft", "💬 Reply", "⏭ Skip"]
    return chat, cabinet, card


async def test_reply_and_send_after_a_rejection(stack, tg, wb) -> None:
    chat, cabinet, card = await _rejected(stack, tg, wb)
    await tg.press(chat, card["message_id"], text="💬 Reply")
    await eventually(lambda: _card_free(tg, chat, "Send your reply text"))
    again = "Здравствуйте! Приносим извинения за поломку, мы проверим партию на складе. Спасибо, что написали!"
    await tg.send(chat, again)
    preview = await eventually(lambda: _card_free(tg, chat, "Check your reply"))
    await tg.press(chat, preview["message_id"], text="✅ Send")
    await eventually(lambda: _shows(tg, chat, preview["message_id"], "Sent to WB"))
    answers = await eventually(lambda: _answered_with(wb, cabinet, 2))  # the rejected answer, then this one
    assert answers[0]["answer"] == again
    sent = await eventually(lambda: _shows(tg, chat, card["message_id"], "Sent, waiting"))
    assert again[:40] in sent["text"] and "rejected" not in sent["text"]
    assert [r.status for r in await Reply.all().order_by("id")] == [ReplyStatus.SENT, ReplyStatus.SENT]


async def test_draft_and_approve_after_a_rejection(stack, tg, wb) -> None:
    chat, cabinet, card = await _rejected(stack, tg, wb)
    first = (await _answers(wb, cabinet))[0]["answer"]
    await tg.press(chat, card["message_id"], text="✍️ Draft")
    drafted = await eventually(lambda: _shows(tg, chat, card["message_id"], "Draft ("))
    assert "✅ Approve" in _buttons(drafted)
    await tg.press(chat, card["message_id"], text="✅ Approve")
    await eventually(lambda: _shows(tg, chat, card["message_id"], "Sent, waiting"))
    answers = await eventually(lambda: _answered_with(wb, cabinet, 2))
    assert answers[0]["answer"] != first  # the next variant: new wording
    assert await Reply.filter(status=ReplyStatus.SENT).count() == 2


async def test_the_card_shows_wbs_reason_when_it_gives_one(db, tg) -> None:
    from bot.render import render_card
    from core.i18n import translator
    from core.models import AnswerState, WbSyncState
    from tests.bot.conftest import make_interaction, make_seller

    seller = await make_seller(language="ru")
    item = await make_interaction(
        seller,
        answer="Спасибо!",
        answer_state=AnswerState.REJECTED,
        answer_state_raw="rejected",
        wb_sync_state=WbSyncState.CONFIRMED,
        rejection_reason="Ответ содержит ссылку на сторонний ресурс",
    )
    text = render_card(await item_view(item.id), translator("ru"))
    assert "❌ WB отклонил ответ: Ответ содержит ссылку на сторонний ресурс" in text
    await Interaction.filter(id=item.id).update(rejection_reason="rejected")
    text = render_card(await item_view(item.id), translator("ru"))
    assert "❌ WB отклонил ответ" in text and "ответ: rejected" not in text
