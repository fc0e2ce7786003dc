"""The cards of an item: who gets one (active members the seller's switches let it through to), and each
(item, member) card's delivery — owed, claimed for a send, then sent or failed, the message shown again from
/inbox, the cards still to re-render.

At least once, one message per card: the sync commits an item's "notified" mark together with the cards it owes
(`owe_cards`: `claimed`, `claimed_at` NULL), so no crash leaves an item announced without its cards. A sender
claims a card with a lease (`claim_card` sets `claimed_at`); the claim covers the send, and a card whose claim
has not ended in a message when its lease is over (the worker died, Telegram stayed down past the retries) is
claimed again by the next notify, which the sweep (`stale_claims`, every tick) kicks. The lease outlives any live
send (`TelegramSettings.card_lease_s` > the task timeout), so two senders never hold one card: the only way to two
messages is a worker killed in the instant between Telegram's answer and recording the message id.

What a card shows is `core.inbox` (`item_view`); `bot.notify` delivers and refreshes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from core.models import Card, Channel, DeliveryState, Interaction, Seller, SellerMember
from core.readings import is_safety
from core.seller_settings import SellerSettings

# One sweep kicks at most this many items (the next tick takes the rest).
SWEEP_BATCH = 500


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


async def owe_cards(interaction_ids: Iterable[int]) -> int:
    """Create the cards the announced items owe their recipients (owed: `claimed`, nobody sending yet); run in the
    transaction that marks them notified. Returns how many were created."""
    # `situations`: a chat read at sync time may already be harm/legal (it pages whatever the switches say).
    fields = ("id", "seller_id", "channel", "rating", "situations")
    items = await Interaction.filter(id__in=list(interaction_ids)).only(*fields)
    if not items:
        return 0
    sellers = {s.id: s for s in await Seller.filter(id__in={i.seller_id for i in items}).only("id", "settings")}
    members: dict[int, list[SellerMember]] = {}
    for member in await SellerMember.filter(seller_id__in=list(sellers), active=True, blocked_bot=False).order_by("id"):
        members.setdefault(member.seller_id, []).append(member)
    owed = [
        Card(interaction_id=item.id, member_id=m.id, tg_chat_id=m.tg_chat_id, state=DeliveryState.CLAIMED)
        for item in items
        if wants_card(SellerSettings.of(sellers[item.seller_id].settings), item)
        for m in members.get(item.seller_id, [])
    ]
    if owed:
        await Card.bulk_create(owed, ignore_conflicts=True, batch_size=500)
    return len(owed)


async def claim_card(interaction_id: int, member: SellerMember, now: datetime, lease_s: float) -> Card | None:
    """Claim the (interaction, member) card for a send: a new one, an owed one, or one whose last claim's lease
    ran out without a message. None when it is sent, held, failed or being sent right now (a redelivery)."""
    try:
        return await Card.create(
            interaction_id=interaction_id,
            member_id=member.id,
            tg_chat_id=member.tg_chat_id,
            claimed_at=now,
            attempts=1,
        )
    except IntegrityError:
        pass
    # One conditional UPDATE: of two workers re-claiming the same card, one changes the row.
    won = (
        await Card.filter(
            interaction_id=interaction_id, member_id=member.id, state=DeliveryState.CLAIMED, tg_message_id=None
        )
        .filter(Q(claimed_at=None) | Q(claimed_at__lt=now - timedelta(seconds=lease_s)))
        .update(claimed_at=now, attempts=F("attempts") + 1, tg_chat_id=member.tg_chat_id)
    )
    return await Card.get(interaction_id=interaction_id, member_id=member.id) if won else None


async def drop_owed(interaction_id: int, recipients: Iterable[int]) -> int:
    """Owed cards of members who are no longer recipients (removed, blocked the bot, switched this kind off since
    the item was announced) fail instead of waiting for a send that will not come."""
    return (
        await Card.filter(interaction_id=interaction_id, state=DeliveryState.CLAIMED, claimed_at=None)
        .exclude(member_id__in=list(recipients))
        .update(state=DeliveryState.FAILED, error="no longer a recipient")
    )


async def stale_claims(now: datetime, lease_s: float, max_age_h: int) -> list[int]:
    """The items whose cards are owed or claimed with no message after the lease: their notify is kicked again.
    Cards older than `max_age_h` fail instead (the item is in /inbox and the digest)."""
    open_claims = Card.filter(state=DeliveryState.CLAIMED, tg_message_id=None)
    await open_claims.filter(created_at__lt=now - timedelta(hours=max_age_h)).update(
        state=DeliveryState.FAILED, error="not delivered in time"
    )
    stale = now - timedelta(seconds=lease_s)
    rows = (
        await open_claims.filter(Q(claimed_at__lt=stale) | Q(claimed_at=None, created_at__lt=stale))
        .order_by("created_at")
        .limit(SWEEP_BATCH)
        .values_list("interaction_id", flat=True)
    )
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return list(dict.fromkeys(rows))  # type: ignore[arg-type]


async def card_sent(card: Card, message_id: int) -> None:
    """Record the Telegram message that shows the card (it is edited in place from now on)."""
    card.tg_message_id = message_id
    card.state = DeliveryState.SENT
    await card.save(update_fields=["tg_message_id", "state", "updated_at"])


async def card_failed(card: Card, error: str) -> None:
    """Telegram refused the card for good (blocked, malformed): it is not retried."""
    card.state = DeliveryState.FAILED
    card.error = error[:1000]
    await card.save(update_fields=["state", "error", "updated_at"])


async def card_shown(interaction_id: int, member: SellerMember, chat_id: int, message_id: int) -> None:
    """The card was shown again (from /inbox): refreshes go to this newest message."""
    await Card.update_or_create(
        interaction_id=interaction_id,
        member_id=member.id,
        defaults={"tg_chat_id": chat_id, "tg_message_id": message_id, "state": DeliveryState.SENT},
    )


async def member_card(interaction_id: int, member_id: int) -> Card | None:
    """The member's delivered card of the interaction (where their preview's outcome is shown)."""
    return await Card.get_or_none(
        interaction_id=interaction_id, member_id=member_id, state=DeliveryState.SENT, tg_message_id__not_isnull=True
    )


async def announced(interaction_id: int) -> bool:
    """Whether the item's cards went out already (sent, held for the digest or failed): its arrival is past."""
    return await Card.filter(interaction_id=interaction_id).exists()


async def sent_cards(interaction_id: int) -> list[Card]:
    """The delivered cards of an interaction that may still be re-rendered: a removed member's or one who blocked
    the bot gets no further edits (the card keeps what it showed when they left)."""
    return await Card.filter(
        interaction_id=interaction_id,
        state=DeliveryState.SENT,
        tg_message_id__not_isnull=True,
        member__active=True,
        member__blocked_bot=False,
    )
