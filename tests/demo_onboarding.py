"""The demo's first visit, as a newcomer walks it in the Telegram sandbox (issue 29): /start offers the language,
the token prompt offers the WB sandbox store's token as a button, then the shop name is asked."""

from __future__ import annotations

import asyncio

import httpx

SELLER_CHAT = 1001
SHOP_NAME = "Лето"


async def _message_with(http: httpx.AsyncClient, tg_url: str, text: str) -> dict:
    messages: list[dict] = []
    try:
        async with asyncio.timeout(60):
            while True:
                messages = (await http.get(f"{tg_url}/_sandbox/chats/{SELLER_CHAT}/messages")).json()
                found = [m for m in messages if m["from_bot"] and text in (m["text"] or "")]
                if found:
                    return found[-1]
                await asyncio.sleep(0.3)
    except TimeoutError:
        raise AssertionError(f"no message with {text!r}: {[m['text'] for m in messages]}") from None


async def _quiet(http: httpx.AsyncClient, chat: str, seconds: float = 2.0) -> None:
    """Until no new message arrived in the chat for `seconds`."""
    count = -1
    async with asyncio.timeout(60):
        while count != (count := len((await http.get(f"{chat}/messages")).json())):
            await asyncio.sleep(seconds)


async def onboard(http: httpx.AsyncClient, tg_url: str) -> None:
    """Русский → the demo token's button → the shop's name; returns once the shop is named."""
    chat = f"{tg_url}/_sandbox/chats/{SELLER_CHAT}"
    choose = await _message_with(http, tg_url, "Choose")
    assert [b["text"] for row in choose["buttons"] for b in row] == ["Русский", "English"]
    await http.post(f"{chat}/press", json={"message_id": choose["message_id"], "text": "Русский"})
    ask = await _message_with(http, tg_url, "токен API WB")
    assert ask["buttons"], ask
    await http.post(f"{chat}/press", json={"message_id": ask["message_id"], "text": ask["buttons"][0][0]["text"]})
    await _message_with(http, tg_url, "Как называется ваш магазин")
    # The first sync's returns come as cards with their photos at once: the name is typed once they are in (the
    # bot's answer would otherwise meet the sandbox's per-chat limit, as in Telegram).
    await _message_with(http, tg_url, "Без ответа с момента до подключения")
    await _quiet(http, chat)
    await http.post(f"{chat}/send", json={"text": SHOP_NAME})
    await _message_with(http, tg_url, f"✅ Магазин: {SHOP_NAME}")
