"""What happens when a new interaction arrives, before anyone is told: its reading (topics, situations, mood), draft
on arrival, auto-send, and who gets its card now.

The order is the policy: a draft is made first (when the seller switched drafting on arrival on), auto-send runs
before any card is rendered (so a card shows the auto-sent reply instead of buttons that would answer it again),
and in quiet hours the cards are held for the morning digest unless the night rule pages. The bot only renders and
delivers what this decides (`bot.notify.notify_interaction`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import openai

from core import cards, inbox, quiet
from core.autosend import autosend
from core.drafting.service import create_draft
from core.items.view import ItemView, item_view
from core.models import SellerMember
from core.readings import claim_page, is_safety, reading_of
from core.sending import Enqueue
from core.settings import Settings


@dataclass(frozen=True)
class Arrival:
    """A new interaction made ready for its cards: what they show and whether it was answered automatically."""

    data: ItemView
    auto_sent: bool


async def prepare(
    interaction_id: int, *, settings: Settings, enqueue: Enqueue, llm_client: openai.AsyncOpenAI | None
) -> Arrival:
    """Store the item's reading, draft it on arrival and auto-send it when the seller's switches say so
    (`llm_client`: the process's LLM client, None without one)."""
    data = await item_view(interaction_id)
    # The reading is stored for every announced item (analytics counts it, the card shows it, a harm/legal one
    # becomes urgent and pages), drafted or not.
    await reading_of(data.interaction)
    if await inbox.wants_auto_draft(data):
        await create_draft(interaction_id=interaction_id, settings=settings, arrival=True, llm_client=llm_client)
        data = await item_view(interaction_id)
    auto_reply = await autosend(
        interaction_id=interaction_id, settings=settings, enqueue=enqueue, llm_client=llm_client
    )
    if auto_reply is not None:
        data = await item_view(interaction_id)
    return Arrival(data, auto_reply is not None)


async def recipients_now(arrival: Arrival, now: datetime) -> list[SellerMember]:
    """The members whose card goes out now; in quiet hours each card is held for the digest instead (none now)."""
    members = await cards.card_recipients(arrival.data.interaction)
    if not await quiet.should_hold(arrival.data.interaction, now):
        if is_safety(arrival.data.interaction):
            # A harm/legal item is never held: these cards are its page (a later refresh pages no second time).
            await claim_page(arrival.data.interaction.id, now)
        return members
    for member in members:
        await quiet.hold_card(arrival.data.interaction.id, member)
    return []
