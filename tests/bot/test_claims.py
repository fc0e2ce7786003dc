"""Returns end to end through both sandboxes: a claim appears in WB → its card with the allowed actions → reject with
a custom comment (guardrails, confirm) → the WB sandbox holds exactly one decision; every action has a confirm step;
a decision made in the WB cabinet redraws the card."""

from __future__ import annotations

import asyncio
from typing import Any

from core.models import Channel, Interaction, Link, LinkKind, Reply
from sync.engine import sync_channel
from tests.bot.conftest import bot_message, buttons, connected_cabinet, eventually

COMMENT = "На фото другой товар: пришлите, пожалуйста, фото бирки и упаковки."


async def _connected(stack, tg, wb) -> tuple[Any, int, int]:
    return await connected_cabinet(stack, tg, wb, Channel.RETURN)


async def _decisions(wb, cabinet: int) -> list[dict]:
    rows = (await wb.control("GET", f"/answers?seller_id={cabinet}"))["answers"]
    return [r for r in rows if r["channel"] == "return"]


async def test_claim_card_reject_with_custom_comment_once(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    claim = await wb.control(
        "POST", f"/sellers/{cabinet}/claims", user_comment="Шов разошёлся после первой носки", photos=2, pickup=False
    )
    await sync_channel(stack, seller.id, Channel.RETURN)
    card = await eventually(lambda: bot_message(tg, chat, "Шов разошёлся"))
    assert "Return" in card["text"] and "under review" in card["text"] and "photo 2" in card["text"]
    assert buttons(card)[:2] == ["✅ Approve (defect check at the warehouse)", "✅ Approve, item back to me"]
    assert "✍️ Reject with my comment" in buttons(card) and "🧵 Timeline" in buttons(card)

    await tg.press(chat, card["message_id"], text="✍️ Reject with my comment")
    await eventually(lambda: bot_message(tg, chat, "send the comment for the buyer"))
    await tg.send(chat, "Нет брака")  # 9 characters: WB wants 10–1000
    await eventually(lambda: bot_message(tg, chat, "Too short"))
    await tg.send(chat, "Напишите нам в whatsapp +7 999 123-45-67, разберёмся")
    blocked = await eventually(lambda: bot_message(tg, chat, "whatsapp"))
    assert blocked["text"].count("•") >= 2
    assert await _decisions(wb, cabinet) == [] and not await Reply.exists()

    await tg.send(chat, COMMENT)
    check = await eventually(lambda: bot_message(tg, chat, "The buyer will read"))
    assert buttons(check) == ["✅ Confirm: ✍️ Reject with my comment", "✖️ Cancel"]
    assert await _decisions(wb, cabinet) == []  # nothing before the confirm
    await asyncio.gather(*(tg.press(chat, check["message_id"], text=buttons(check)[0]) for _ in range(2)))
    decisions = await eventually(lambda: _decisions(wb, cabinet))
    assert len(decisions) == 1 and decisions[0]["item_id"] == claim["id"]
    assert (decisions[0]["action"], decisions[0]["answer"], decisions[0]["answer_calls"]) == (
        "rejectcustom",
        COMMENT,
        1,
    )
    assert await Reply.filter(interaction__seller=seller).count() == 1
    sent = await eventually(lambda: bot_message(tg, chat, "Your decision", card["message_id"]))
    assert buttons(sent) == ["🧵 Timeline", "🛍 Open product"]  # no second decision while WB shows ours

    await sync_channel(stack, seller.id, Channel.RETURN)
    shown = await eventually(lambda: bot_message(tg, chat, "WB shows it", card["message_id"]))
    assert "rejected" in shown["text"] and COMMENT in shown["text"]


async def test_every_action_has_a_confirm_step_and_cabinet_decisions_redraw(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    claim = await wb.control("POST", f"/sellers/{cabinet}/claims", user_comment="Не тот цвет", pickup=True)
    await sync_channel(stack, seller.id, Channel.RETURN)
    card = await eventually(lambda: bot_message(tg, chat, "Не тот цвет"))
    assert buttons(card)[0] == "🏬 Approve return to my store"  # In-Store Pickup: its own action set
    await tg.press(chat, card["message_id"], text="💸 Refund, item stays with the buyer")
    asking = await eventually(lambda: bot_message(tg, chat, "Не тот цвет", card["message_id"]))
    await eventually(lambda: _confirming(tg, chat, card["message_id"]))
    await tg.press(chat, card["message_id"], text="✖️ Cancel")
    back = await eventually(lambda: _has_button(tg, chat, card["message_id"], "🏬 Approve return to my store"))
    assert back and asking and await _decisions(wb, cabinet) == []

    await wb.control("POST", f"/sellers/{cabinet}/claim-decisions", claim_id=claim["id"], action="autorefund1")
    await sync_channel(stack, seller.id, Channel.RETURN)
    redrawn = await eventually(lambda: bot_message(tg, chat, "stays with the buyer (approved)", card["message_id"]))
    assert buttons(redrawn) == ["🧵 Timeline", "🛍 Open product"]
    assert await _decisions(wb, cabinet) == []  # decided in the cabinet, not by us
    assert not (await Interaction.get(seller_id=seller.id, external_id=claim["id"])).needs_response


async def _confirming(tg, chat: int, message_id: int) -> bool:
    return await _has_button(tg, chat, message_id, "✅ Confirm: 💸 Refund, item stays with the buyer")


async def _has_button(tg, chat: int, message_id: int, text: str) -> bool:
    return any(m["message_id"] == message_id and text in buttons(m) for m in await tg.messages(chat))


async def test_claim_raised_from_a_chat_shows_in_that_chats_timeline(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    opened = await wb.control("POST", f"/sellers/{cabinet}/chat-messages", text="Пришла куртка с дыркой на рукаве")
    claim = await wb.control(
        "POST", f"/sellers/{cabinet}/claims", chat_id=opened["chatID"], user_comment="Дырка на рукаве"
    )
    assert claim["claim_type"] == 3
    await sync_channel(stack, seller.id, Channel.CHAT)
    await sync_channel(stack, seller.id, Channel.RETURN)
    chat_card = await eventually(lambda: bot_message(tg, chat, "дыркой на рукаве"))
    await eventually(lambda: bot_message(tg, chat, "Raised from a buyer chat"))
    await tg.press(chat, chat_card["message_id"], text="🧵 Timeline")
    thread = await eventually(lambda: bot_message(tg, chat, "This buyer's thread"))
    assert "↩️" in thread["text"] and "Дырка на рукаве" in thread["text"] and "(100%)" in thread["text"]
    claim_row = await Interaction.get(seller_id=seller.id, channel=Channel.RETURN, external_id=claim["id"])
    chat_row = await Interaction.get(seller_id=seller.id, channel=Channel.CHAT, external_id=opened["chatID"])
    link = await Link.get(a_id=min(claim_row.id, chat_row.id), b_id=max(claim_row.id, chat_row.id))
    assert (link.kind, link.confidence, link.reason) == (LinkKind.DETERMINISTIC, 1.0, "claim_from_chat")
