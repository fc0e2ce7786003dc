"""Telegram user → `member` (with its seller) in handler data; None for users who belong to no seller.

Commands act as the user's active membership (core.memberships). A card's buttons (return cards' too) — and
the reply text typed after *Edit*/*Reply* on a card, or a return's comment — act as the user's membership in
the seller that owns the card's interaction, so a user of several sellers can answer every card they receive;
without a membership there it stays the active one, and the access check refuses the button. Acting on a card
switches the seller's live mode on (core.live).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, TelegramObject, User

from bot.callbacks import CardCb, ClaimCb, FactsCb
from bot.states import ClaimComment, EditDraft
from core import live, members, memberships


async def _card_interaction(event: TelegramObject, data: dict[str, Any]) -> int | None:
    """The interaction a card button or a card's reply text is about, if any."""
    if isinstance(event, CallbackQuery):
        for factory in (CardCb, FactsCb, ClaimCb):
            try:
                return factory.unpack(event.data or "").interaction_id
            except (TypeError, ValueError):
                continue
        return None
    if data.get("raw_state") in (EditDraft.text.state, ClaimComment.text.state) and data.get("state") is not None:
        interaction_id = (await data["state"].get_data()).get("interaction_id")
        return interaction_id if isinstance(interaction_id, int) else None
    return None


class MemberMiddleware(BaseMiddleware):
    """Outer middleware on messages and callback queries."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        member = await members.member_of(user.id) if user else None
        interaction_id = await _card_interaction(event, data) if member is not None else None
        if interaction_id is not None and user is not None:
            member = await memberships.membership_for_interaction(user.id, interaction_id) or member
            if member is not None and (settings := data.get("settings")) is not None:
                # The seller is answering right now: its new items are polled for every few seconds (core.live).
                await live.mark_live(member.seller_id, datetime.now(UTC), settings.sync)
        if member is not None:
            # Writing to the bot again means the user unblocked it: resume their cards.
            await members.mark_unblocked(member)
        data["member"] = member
        data["tg_user_id"] = user.id if user else 0
        return await handler(event, data)
