"""Fixtures for the Telegram sandbox tests: one sandbox per module, a fresh bot per test, the real aiogram client."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from cli.serving import serve_app
from sandbox.telegram.server import create_app

TOKEN = "123456:sandbox-secret"


@dataclass
class Tg:
    """A running sandbox: the aiogram bot pointed at it and a client for the control API."""

    url: str
    bot: Bot
    control: httpx.AsyncClient

    async def user(self, user_id: int = 1001, **extra: object) -> None:
        """A user who has /start-ed the bot."""
        response = await self.control.post(
            "/_sandbox/users", json={"id": user_id, "first_name": "Ann", "start": True, **extra}
        )
        response.raise_for_status()

    async def messages(self, chat_id: int) -> list[dict]:
        """The chat as the client shows it."""
        return (await self.control.get(f"/_sandbox/chats/{chat_id}/messages")).json()


def make_bot(url: str, token: str = TOKEN) -> Bot:
    """The real aiogram client against the sandbox."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(url, is_local=False))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode="HTML"))


@pytest.fixture(scope="module")
async def server() -> AsyncIterator[tuple[str, AiohttpSession]]:
    """One sandbox for the module; each test gets its own bot there, so tests share no state."""
    async with serve_app(create_app()) as url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(url, is_local=False))
        try:
            yield url, session
        finally:
            await session.close()


_bot_ids = itertools.count(200_001)


@pytest.fixture
async def tg(server: tuple[str, AiohttpSession]) -> AsyncIterator[Tg]:
    """A fresh bot (flood limits on) with the real aiogram client; the control client addresses that bot."""
    url, session = server
    bot_id = next(_bot_ids)
    async with httpx.AsyncClient(base_url=url, params={"bot": bot_id}) as control:
        await control.post("/_sandbox/bots", json={"token": f"{bot_id}:sandbox-secret"})
        bot = Bot(f"{bot_id}:sandbox-secret", session=session, default=DefaultBotProperties(parse_mode="HTML"))
        yield Tg(url, bot, control)
