"""A Telegram user's memberships: one per seller they belong to, and which of them is active.

A user may own one seller and operate others. Commands (/inbox, /settings, /invite…) act on the active membership,
the one chosen last (`/sellers`); a card's buttons act as the user's membership in the card's own seller. Joining
another seller adds a membership and never removes or replaces one, and it does not take over the active choice
of a user who already had one — tapping a stranger's invite cannot cost anybody their seller.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.models import Interaction, SellerMember

_NEVER = datetime.min.replace(tzinfo=UTC)


def _choice_order(member: SellerMember) -> tuple[datetime, int]:
    # Chosen last wins; never chosen: the oldest membership first (the seller the user started with).
    return (member.selected_at or _NEVER, -member.id)


async def memberships_of(tg_user_id: int) -> list[SellerMember]:
    """The user's active memberships with their sellers, the active one first."""
    found = await SellerMember.filter(tg_user_id=tg_user_id, active=True).prefetch_related("seller")
    return sorted(found, key=_choice_order, reverse=True)


async def active_membership(tg_user_id: int) -> SellerMember | None:
    """The membership the user's commands act on (None for users who belong to no seller)."""
    found = await memberships_of(tg_user_id)
    return found[0] if found else None


async def membership_in(tg_user_id: int, seller_id: int) -> SellerMember | None:
    """The user's active membership in this seller, with the seller loaded."""
    return await SellerMember.get_or_none(tg_user_id=tg_user_id, seller_id=seller_id, active=True).prefetch_related(
        "seller"
    )


async def choose(tg_user_id: int, member_id: int) -> SellerMember | None:
    """Make one of the user's own active memberships the active one; None when it is not theirs or not active."""
    chosen = await SellerMember.filter(id=member_id, tg_user_id=tg_user_id, active=True).update(
        selected_at=datetime.now(UTC)
    )
    return await SellerMember.get(id=member_id).prefetch_related("seller") if chosen else None


async def membership_for_interaction(tg_user_id: int, interaction_id: int) -> SellerMember | None:
    """The user's active membership in the seller that owns the interaction (None if they have none there)."""
    seller_id = await Interaction.filter(id=interaction_id).values_list("seller_id", flat=True)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return await membership_in(tg_user_id, seller_id[0]) if seller_id else None  # type: ignore[arg-type]


async def keep_active(member: SellerMember) -> None:
    """Pin `member` as the active choice (e.g. before another membership is added)."""
    await SellerMember.filter(id=member.id).update(selected_at=datetime.now(UTC))
