"""Taps at least once: the bot confirms an update to Telegram (the getUpdates offset) only after its handler
finished, so a bot that dies mid-handler gets the tap again; a tap that fails on our side ends the spinner with
"tap again" instead of spinning. Through the real polling loop against the Telegram sandbox."""

from __future__ import annotations

import asyncio

import pytest

from bot.notify import notify_interaction
from core.models import InteractionStatus
from core.settings import Settings
from tests.bot.conftest import eventually, make_interaction, make_member, make_seller


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    """Sends that give up within a few seconds (the failing tap's test waits them out)."""
    telegram = bot_settings.telegram.model_copy(update={"send_retry_s": 3.0, "request_timeout_s": 5})
    return bot_settings.model_copy(update={"telegram": telegram})


async def _pending(tg) -> int:
    (bot,) = (await tg.http.get("/_sandbox/bots")).json()
    return bot["pending_updates"]


async def _card(tg, notifier, chat: int):
    seller = await make_seller()
    await make_member(seller, chat)
    item = await make_interaction(seller)
    assert await notify_interaction(item.id, notifier) == 1
    card = [m for m in await tg.messages(chat) if m["from_bot"]][-1]
    return item, card


async def test_a_tap_is_confirmed_only_after_its_handler_finished(stack, tg, notifier) -> None:
    chat = await tg.user()
    await eventually(lambda: _pending_is(tg, 0))
    item, card = await _card(tg, notifier, chat)
    # The handler's edit of the card hangs for a while (Telegram slow), so the handler is still running.
    await tg.http.post(
        "/_sandbox/faults", json={"error": "timeout", "hold_s": 1.5, "count": 1, "methods": ["editMessageText"]}
    )
    pressed = await tg.press(chat, card["message_id"], text="⏭ Skip")
    await asyncio.sleep(0.8)
    assert (await item.refresh_from_db()) is None and item.status == InteractionStatus.SKIPPED
    assert await _pending(tg) == 1  # handled in part: not confirmed, a restart now would get it again
    await eventually(lambda: _pending_is(tg, 0))
    answered = await tg.callback(pressed["callback_query_id"])
    assert answered["answered"] and "again" not in (answered["text"] or "")


async def _pending_is(tg, count: int) -> bool:
    return await _pending(tg) == count


async def test_a_tap_that_fails_on_our_side_says_tap_again(stack, tg, notifier, bot_settings) -> None:
    chat = await tg.user()
    _, card = await _card(tg, notifier, chat)
    # Telegram keeps failing the card's edit past the retries: the handler fails.
    await tg.http.post("/_sandbox/faults", json={"error": "5xx", "methods": ["editMessageText"]})
    pressed = await tg.press(chat, card["message_id"], text="⏭ Skip")
    answered = await eventually(lambda: _answered(tg, pressed["callback_query_id"]), within=60)
    await tg.http.post("/_sandbox/faults", json={"error": None})
    assert answered["show_alert"] and "tap the button again" in answered["text"]


async def _answered(tg, callback_query_id: str) -> dict | None:
    found = await tg.callback(callback_query_id)
    return found if found.get("answered") else None
