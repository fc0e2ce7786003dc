"""Auto-send end to end: a clearly positive 5★ review arriving through the WB sandbox is answered in the WB sandbox
with no button pressed, audited, and its card says so; negative reviews, mixed text and questions wait for a
person; with the switch off nothing is sent; a redelivered notification sends nothing more. The /settings switch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.notify import notify_interaction
from core.autosend import RULES_VERSION, autosend
from core.models import AuditEvent, Channel, Interaction, Reply, ReplyQuality, ReplyVia, Seller
from core.seller_settings import SellerSettings
from sync.engine import sync_channel
from tests.bot.conftest import eventually, make_member, make_seller, shared_send_queue
from tests.bot.test_cards import _answers, _buttons, _card, _connected, _shows

POSITIVE = "Отличный товар, всем рекомендую"
# Auto-draft is on by default: a card waiting for a person arrives with its template draft.
DRAFTED_BUTTONS = ["✅ Approve", "✏️ Edit", "🔄 Regenerate"]
FIRST_BUTTONS = ["✍️ Draft", "💬 Reply", "⏭ Skip"]


async def _auto_send(seller: Seller, on: bool) -> None:
    await Seller.filter(id=seller.id).update(settings={"auto_send": on})


async def _review(wb, cabinet: int, text: str, rating: int) -> None:
    await wb.control("POST", f"/sellers/{cabinet}/reviews", text=text, rating=rating, pros="", cons="")


async def test_positive_review_is_sent_automatically_once(stack, tg, wb, notifier) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await _auto_send(seller, True)
    await _review(wb, cabinet, POSITIVE, 5)
    await sync_channel(stack, seller.id, Channel.REVIEW)

    answers = await eventually(lambda: _answers(wb, cabinet))
    assert len(answers) == 1 and answers[0]["answer_calls"] == 1 and answers[0]["channel"] == Channel.REVIEW
    card = await eventually(lambda: _card(tg, chat, POSITIVE))
    sent = await eventually(lambda: _shows(tg, chat, card["message_id"], "Sent, waiting"))
    assert "🤖 Sent automatically" in sent["text"]
    assert _buttons(sent) == ["🧵 Timeline", "🛍 Open product"]

    reply = await Reply.get(interaction__seller=seller)
    assert reply.via == ReplyVia.AUTO and reply.quality == ReplyQuality.AUTO
    assert answers[0]["answer"] == reply.text
    event = await AuditEvent.get(action="reply.auto_sent")
    assert event.interaction_id == reply.interaction_id and event.object_id == reply.id

    # Redelivered notification and a second auto-send: no new card, no new reply, no second call to WB.
    assert await notify_interaction(reply.interaction_id, notifier) == 0
    assert (
        await autosend(interaction_id=reply.interaction_id, settings=stack.settings, enqueue=shared_send_queue())
    ).id == reply.id
    assert await Reply.filter(interaction__seller=seller).count() == 1
    assert (await _answers(wb, cabinet))[0]["answer_calls"] == 1
    assert await AuditEvent.filter(action="reply.auto_sent").count() == 1
    assert len([m for m in await tg.messages(chat) if m["from_bot"] and POSITIVE in (m["text"] or "")]) == 1


async def test_negative_mixed_and_questions_wait_for_a_person(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await _auto_send(seller, True)
    await _review(wb, cabinet, "Подошва отклеилась через неделю", 2)
    await _review(wb, cabinet, "Хорошие, но маломерят", 5)
    await wb.control("POST", f"/sellers/{cabinet}/questions", text="Отличная куртка, есть размер XL?")
    await sync_channel(stack, seller.id, Channel.REVIEW)
    await sync_channel(stack, seller.id, Channel.QUESTION)

    for text in ("Подошва отклеилась", "Хорошие, но маломерят", "есть размер XL?"):
        card = await eventually(lambda text=text: _card(tg, chat, text))
        assert _buttons(card)[:3] == DRAFTED_BUTTONS
        assert "🤖" not in card["text"]
    assert await _answers(wb, cabinet) == []
    assert not await Reply.exists()
    skipped = await AuditEvent.filter(action="reply.auto_send_skipped").order_by("id")
    reasons = {(await Interaction.get(id=e.interaction_id)).rating: e.meta["reason"] for e in skipped}
    assert reasons == {2: "rating", 5: "text"}  # questions are not auto-send candidates at all


async def test_switch_off_sends_nothing(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await _review(wb, cabinet, POSITIVE, 5)
    await sync_channel(stack, seller.id, Channel.REVIEW)
    card = await eventually(lambda: _card(tg, chat, POSITIVE))
    assert _buttons(card)[:3] == FIRST_BUTTONS  # make_seller switches auto-draft off for the manual flow
    assert await _answers(wb, cabinet) == []
    assert not await Reply.exists()
    assert not await AuditEvent.filter(action__startswith="reply.auto_send").exists()


async def test_settings_switch_goes_through_the_30_day_replay(db, tg, feed) -> None:
    """Issue 31 item 6: the switch opens «what would have gone out in 30 days» first (the shop's real reviews replayed
    through today's rules and drafts); only its «Switch on» turns auto-send on; switching off is one tap."""
    seller = await make_seller()
    chat = await tg.user()
    await make_member(seller, chat)
    now = datetime.now(UTC)
    msk = timezone(timedelta(hours=3))  # WB's offsets
    for n, (text, rating, days) in enumerate(
        [
            (POSITIVE, 5, 2),
            ("Всё отлично, спасибо!", 5, 10),
            ("Маломерит на размер, пришлось вернуть", 2, 3),
            ("Нормально, но молния туговата", 4, 5),
            ("Отличный товар", 5, 45),  # older than 30 days: not replayed
        ]
    ):
        await Interaction.create(
            seller=seller,
            channel=Channel.REVIEW,
            external_id=f"replay-{n}",
            text=text,
            rating=rating,
            occurred_at=(now - timedelta(days=days)).astimezone(msk),
            needs_response=False,
            status="answered",
        )
    await tg.send(chat, "/settings")
    await feed()
    screen = (await tg.messages(chat))[-1]
    await tg.press(chat, screen["message_id"], text="❌ Auto-reply to 4–5★")
    await feed()
    assert not SellerSettings.of((await Seller.get(id=seller.id)).settings).auto_send  # not yet: the replay first
    replay = (await tg.messages(chat))[-1]
    assert "Of 4 reviews auto-send would have answered 2 (50%)" in replay["text"]
    assert "Отличный товар, всем рекомендую" in replay["text"] and "Маломерит" in replay["text"]
    await tg.press(chat, replay["message_id"], text="✅ Switch auto-send on")
    await feed()
    saved = SellerSettings.of((await Seller.get(id=seller.id)).settings)
    assert saved.auto_send and saved.auto_send_rules == RULES_VERSION
    screen = (await tg.messages(chat))[-1]
    assert "✅ Auto-reply to 4–5★" in _buttons(screen)
    await tg.press(chat, screen["message_id"], text="✅ Auto-reply to 4–5★")
    await feed()
    assert not SellerSettings.of((await Seller.get(id=seller.id)).settings).auto_send
