"""Quiet hours: during the seller's night a new card is held (still synced, drafted and counted) unless the night
rule says it pages; when the night ends every member gets one digest message listing what was held.

Exactly once: a held card is a `Card` row in state `held` (the same unique interaction × member claim as a sent
card, so a redelivered notification holds nothing twice). A digest claims its member's held cards with one
conditional UPDATE (`state = held AND digest_id IS NULL` → `digested`, this digest) before sending, so a
redelivered or concurrent digest task finds nothing left to claim and sends nothing. Unlike cards (`core.cards`),
a digest lost between the claim and the send is not re-sent: the items stay in /inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from core.models import Card, Channel, DeliveryState, Digest, Interaction, Priority, Seller, SellerMember
from core.readings import is_safety
from core.seller_settings import QuietHours, SellerSettings

# The intent (core.intent) and the topic (core.topics) share this value.
RETURN = "return"
# Urgent first in the digest, then by arrival.
PRIORITY_ORDER = (Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW)
DIGEST_LINES = 20  # items with their own button; the rest are counted


def in_quiet_hours(quiet: QuietHours, zone: str, now: datetime) -> bool:
    """Whether `now` falls in the quiet window (which may span midnight) in the seller's zone."""
    if not quiet.enabled or quiet.start == quiet.end:
        return False
    local = now.astimezone(ZoneInfo(zone)).time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        return quiet.start <= local < quiet.end
    return local >= quiet.start or local < quiet.end


def is_return(interaction: Interaction) -> bool:
    """A buyer asking to return or refund: the intent (questions, chats) or the topic (reviews) says so."""
    return interaction.intent == RETURN or RETURN in (interaction.topics or [])


def pages_at_night(quiet: QuietHours, interaction: Interaction) -> bool:
    """The night rule: harm or legal (always), low-rated reviews (at or below the threshold) and, when chosen,
    returns still page."""
    if is_safety(interaction):
        return True
    if quiet.page_returns and is_return(interaction):
        return True
    return interaction.channel == Channel.REVIEW and (interaction.rating or 99) <= quiet.page_max_rating


async def should_hold(interaction: Interaction, now: datetime) -> bool:
    """Whether the interaction's cards are held for the digest instead of sent now."""
    raw = await Seller.filter(id=interaction.seller_id).values_list("settings", flat=True)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    current = SellerSettings.of(raw[0] if raw else None)  # type: ignore[arg-type]
    zone = current.business_hours.timezone
    return in_quiet_hours(current.quiet, zone, now) and not pages_at_night(current.quiet, interaction)


async def hold_card(interaction_id: int, member: SellerMember) -> bool:
    """Claim the (interaction, member) card as held (a new one, or the one the announcement owed); False when it
    was claimed already (redelivery)."""
    try:
        await Card.create(
            interaction_id=interaction_id, member_id=member.id, tg_chat_id=member.tg_chat_id, state=DeliveryState.HELD
        )
    except IntegrityError:
        owed = Card.filter(
            interaction_id=interaction_id, member_id=member.id, state=DeliveryState.CLAIMED, claimed_at=None
        )
        return await owed.update(state=DeliveryState.HELD) > 0
    return True


async def members_due(now: datetime) -> list[int]:
    """Members holding cards whose seller's quiet hours are over: their digest is due."""
    rows = await Card.filter(state=DeliveryState.HELD, digest_id=None).distinct().values_list("member_id", flat=True)
    due = []
    for member_id in sorted(set(rows)):
        member = await SellerMember.get(id=member_id).prefetch_related("seller")
        current = SellerSettings.of(member.seller.settings)
        if not in_quiet_hours(current.quiet, current.business_hours.timezone, now):
            due.append(member_id)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return due  # type: ignore[return-value]


@dataclass(frozen=True)
class DigestItem:
    interaction_id: int
    channel: Channel
    priority: Priority
    rating: int | None
    product_name: str | None
    text: str
    buyer_name: str | None = None


@dataclass(frozen=True)
class DigestContent:
    """What one digest lists: counts per channel and per priority, and the items urgent first."""

    digest_id: int
    member: SellerMember
    items: list[DigestItem]

    def by_channel(self) -> dict[Channel, int]:
        counts: dict[Channel, int] = {}
        for item in self.items:
            counts[item.channel] = counts.get(item.channel, 0) + 1
        return counts

    def by_priority(self) -> dict[Priority, int]:
        return {p: n for p in PRIORITY_ORDER if (n := sum(1 for i in self.items if i.priority == p))}


async def claim_digest(member_id: int) -> DigestContent | None:
    """Claim every held card of the member into a new digest; None when there was nothing left to claim."""
    member = await SellerMember.get(id=member_id)
    digest = await Digest.create(member_id=member_id)
    claimed = await Card.filter(member_id=member_id, state=DeliveryState.HELD, digest_id=None).update(
        state=DeliveryState.DIGESTED, digest_id=digest.id
    )
    if not claimed:
        await digest.delete()
        return None
    ids = await Card.filter(digest_id=digest.id).values_list("interaction_id", flat=True)
    rows = await Interaction.filter(id__in=ids).order_by("priority_rank", "occurred_at", "id")
    items = [DigestItem(i.id, i.channel, i.priority, i.rating, i.product_name, i.text, i.buyer_name) for i in rows]
    return DigestContent(digest.id, member, items)


async def digest_sent(digest_id: int, message_id: int, now: datetime | None = None) -> None:
    """Record the digest's Telegram message."""
    await Digest.filter(id=digest_id).update(tg_message_id=message_id, sent_at=now or datetime.now(UTC))
