"""The Telegram sandbox's injected faults: each error in the shape aiogram sees from Telegram or the network, for a
share of calls, a number of calls or a time window, and never applied (the message was not sent)."""

from __future__ import annotations

import asyncio

import pytest
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError

from tests.sandbox.telegram_support import Tg, server, tg

__all__ = ["server", "tg"]


async def _faults(tg: Tg, **rule: object) -> dict:
    response = await tg.control.post("/_sandbox/faults", json=rule)
    response.raise_for_status()
    return response.json()


async def test_each_error_has_telegrams_shape_and_sends_nothing(tg: Tg) -> None:
    await tg.user(1001)
    await _faults(tg, error="5xx", count=1)
    with pytest.raises(TelegramServerError):
        await tg.bot.send_message(1001, "a")
    await _faults(tg, error="429", count=1, retry_after=3)
    with pytest.raises(TelegramRetryAfter) as limited:
        await tg.bot.send_message(1001, "b")
    assert limited.value.retry_after == 3
    await _faults(tg, error="reset", count=1)
    with pytest.raises(TelegramNetworkError):
        await tg.bot.send_message(1001, "c")
    await _faults(tg, error="timeout", count=1, hold_s=2)
    with pytest.raises(TelegramNetworkError):
        await tg.bot.send_message(1001, "d", request_timeout=1)
    sent = await tg.bot.send_message(1001, "e")  # the count is spent: calls go through again
    texts = [m["text"] for m in (await tg.control.get("/_sandbox/chats/1001/messages")).json() if m["from_bot"]]
    assert texts == ["e"] and sent.text == "e"
    view = (await tg.control.get("/_sandbox/faults")).json()
    assert view["rule"] is None and view["taken"] == {"sendMessage": 4}


async def test_share_and_window(tg: Tg) -> None:
    await tg.user(1001)
    await tg.control.post("/_sandbox/limits", json={"enabled": False})
    await _faults(tg, error="5xx", share=0.5, seed=3, methods=["sendMessage"])
    outcomes = []
    for i in range(40):
        try:
            await tg.bot.send_message(1001, f"m{i}")
            outcomes.append(True)
        except TelegramServerError:
            outcomes.append(False)
    assert 10 <= outcomes.count(False) <= 30
    await tg.bot.get_me()  # another method is not affected
    await _faults(tg, error="5xx", seconds=0.3)
    with pytest.raises(TelegramServerError):
        await tg.bot.get_me()
    await asyncio.sleep(0.35)
    await tg.bot.get_me()  # the window is over
    assert (await tg.control.delete("/_sandbox/faults")).json()["rule"] is None
    bad = await tg.control.post("/_sandbox/faults", json={"error": "boom"})
    assert bad.status_code == 400
    await tg.control.post("/_sandbox/limits", json={"enabled": True})
