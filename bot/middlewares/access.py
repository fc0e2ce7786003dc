"""Card access, checked once per router: a router made by `card_router` hands each of its handlers the checked
`access` (member × interaction, `core.access.Access`) and never runs a handler for a forged or foreign id.

The interaction comes from the button's callback data (`interaction_id`) or, for text typed after a card's button
(an edit, a claim comment, a product fact), from the FSM state the button stored. A handler on such a router
cannot forget the check: the refusal (`NotAllowed`) is raised here, before it, and the errors router answers it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.types import TelegramObject

from core import access


async def _interaction_id(data: dict[str, Any]) -> int | None:
    callback_data = data.get("callback_data")
    if callback_data is not None:
        return getattr(callback_data, "interaction_id", None)
    state = data.get("state")
    stored = (await state.get_data()).get("interaction_id") if state is not None else None
    return stored if isinstance(stored, int) else None


class InteractionAccess(BaseMiddleware):
    """Inner middleware (runs after the handler's filters matched): puts the checked `access` in handler data."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        data["access"] = await access.access(data.get("member"), await _interaction_id(data))
        return await handler(event, data)


def card_router(name: str) -> Router:
    """A router whose every handler acts on one interaction, checked before the handler runs."""
    router = Router(name=name)
    router.callback_query.middleware(InteractionAccess())
    router.message.middleware(InteractionAccess())
    return router
