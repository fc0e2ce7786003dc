"""The cards of an item: who gets one (active members the seller's switches let it through to), and each
(item, member) card's delivery — claimed once before sending, then sent or failed, the message shown again from
/inbox, the cards still to re-render.

What a card shows is `core.inbox` (`card_data`); `bot.notify` delivers and refreshes them.
"""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from core.models import Card, CardState, Channel, Interaction, Seller, SellerMember
from core.readings import is_safety
from core.seller_settings import SellerSettings


def wants_card(settings: SellerSettings, interaction: Interaction) -> bool:
    """Whether the seller's notification switches let this interaction through."""
    notify = settings.notify
    if interaction.channel == Channel.RETURN or is_safety(interaction):
        # A return waits for the seller's decision; harm or legal pages the owner: neither is filtered out.
        return True
    if interaction.channel == Channel.REVIEW:
        return notify.reviews and (interaction.rating or 0) <= notify.max_review_rating
    return notify.questions if interaction.channel == Channel.QUESTION else notify.chats


async def card_recipients(interaction: Interaction) -> list[SellerMember]:
    """Members who get this interaction's card: active, not blocking the bot, and the switches allow it."""
    seller = await Seller.get(id=interaction.seller_id)
    if not wants_card(SellerSettings.of(seller.settings), interaction):
        return []
    return await SellerMember.filter(seller_id=seller.id, active=True, blocked_bot=False).order_by("id")


async def claim_card(interaction_id: int, member: SellerMember) -> Card | None:
    """Claim the (interaction, member) card before sending it; None when it was claimed already (redelivery)."""
    try:
        return await Card.create(interaction_id=interaction_id, member_id=member.id, tg_chat_id=member.tg_chat_id)
    except IntegrityError:
        return None


async def card_sent(card: Card, message_id: int) -> None:
    """Record the Telegram message that shows the card (it is edited in place from now on)."""
    card.tg_message_id = message_id
    card.state = CardState.SENT
    await card.save(update_fields=["tg_message_id", "state", "updated_at"])


async def card_failed(card: Card, error: str) -> None:
    """The card could not be delivered; it is not retried (see bot.notify)."""
    card.state = CardState.FAILED
    card.error = error[:1000]
    await card.save(update_fields=["state", "error", "updated_at"])


async def card_shown(interaction_id: int, member: SellerMember, chat_id: int, message_id: int) -> None:
    """The card was shown again (from /inbox): refreshes go to this newest message."""
    await Card.update_or_create(
        interaction_id=interaction_id,
        member_id=member.id,
        defaults={"tg_chat_id": chat_id, "tg_message_id": message_id, "state": CardState.SENT},
    )


async def member_card(interaction_id: int, member_id: int) -> Card | None:
    """The member's delivered card of the interaction (where their preview's outcome is shown)."""
    return await Card.get_or_none(
        interaction_id=interaction_id, member_id=member_id, state=CardState.SENT, tg_message_id__not_isnull=True
    )


async def announced(interaction_id: int) -> bool:
    """Whether the item's cards went out already (sent, held for the digest or failed): its arrival is past."""
    return await Card.filter(interaction_id=interaction_id).exists()


async def sent_cards(interaction_id: int) -> list[Card]:
    """The delivered cards of an interaction that may still be re-rendered: a removed member's or one who blocked
    the bot gets no further edits (the card keeps what it showed when they left)."""
    return await Card.filter(
        interaction_id=interaction_id,
        state=CardState.SENT,
        tg_message_id__not_isnull=True,
        member__active=True,
        member__blocked_bot=False,
    )
