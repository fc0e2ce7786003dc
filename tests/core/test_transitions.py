"""Issue 15: the chat rules take a seller message matching our in-flight reply (whitespace-normalised) for ours."""

from __future__ import annotations

from datetime import UTC, datetime

from core.models import Channel, Interaction, InteractionStatus, WbSyncState
from core.transitions import ChatLine, apply_chat_messages

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _open_chat() -> Interaction:
    return Interaction(
        seller_id=1,
        channel=Channel.CHAT,
        external_id="c1",
        text="Есть размер M?",
        occurred_at=NOW,
        status=InteractionStatus.NEEDS_RESPONSE,
        needs_response=True,
        wb_sync_state=WbSyncState.NONE,
    )


async def test_in_flight_reply_in_the_feed_confirms_not_answered_elsewhere(db) -> None:
    lines = [ChatLine(False, "Да,  размер M\nесть.", NOW)]
    t = apply_chat_messages(_open_chat(), lines, NOW, ["Да, размер M есть. "])
    assert t.changes["wb_sync_state"] == WbSyncState.CONFIRMED
    assert t.changes["status"] == InteractionStatus.ANSWERED and t.changes["needs_response"] is False
    assert not t.void_drafts


async def test_a_seller_message_we_did_not_send_still_answers_elsewhere(db) -> None:
    lines = [ChatLine(False, "Ответили из кабинета", NOW)]
    t = apply_chat_messages(_open_chat(), lines, NOW, ["Да, размер M есть."])
    assert t.changes["status"] == InteractionStatus.CLOSED and t.void_drafts
    assert "wb_sync_state" not in t.changes


async def test_buyer_writing_after_our_in_flight_reply_needs_a_response(db) -> None:
    lines = [ChatLine(False, "Да, размер M есть.", NOW), ChatLine(True, "А L?", NOW)]
    t = apply_chat_messages(_open_chat(), lines, NOW, ["Да, размер M есть."])
    assert t.changes["wb_sync_state"] == WbSyncState.CONFIRMED and t.changes["needs_response"] is True
