"""Who may act on what: the one access rule of the bot and the refusal it raises.

A Telegram user acts on an object only as an active member of the seller that owns it (`authorize`); owner-only
actions need an owner (`require_owner`). A card's buttons are checked once, by the bot's card routers
(`bot.middlewares.access`), which hand the handler the checked `Access` pair. The bot answers every `NotAllowed`
with a message and `record_refusal()` audits it.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import audit
from core.models import Interaction, MemberRole, SellerMember


class NotAllowed(Exception):
    """The user may not do this; `reason` is the tail of a locale key (`bot-denied-<reason>`)."""

    def __init__(self, reason: str = "not-member") -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Access:
    """A member checked to act on an interaction of their seller."""

    member: SellerMember
    interaction: Interaction


def require_member(member: SellerMember | None) -> SellerMember:
    """The member itself, or NotAllowed for users who belong to no seller."""
    if member is None or not member.active:
        raise NotAllowed("not-member")
    return member


def require_owner(member: SellerMember | None) -> SellerMember:
    """The member if it is an owner of its seller, else NotAllowed."""
    if member is None or not member.active:
        raise NotAllowed("not-member")
    if member.role != MemberRole.OWNER:
        raise NotAllowed("owner-only")
    return member


def authorize(member: SellerMember | None, interaction: Interaction | None) -> Access:
    """Pass only an active member of the seller owning `interaction`, else NotAllowed (the caller audits it)."""
    member = require_member(member)
    if interaction is None or interaction.seller_id != member.seller_id:
        raise NotAllowed("stale")
    return Access(member, interaction)


async def access(member: SellerMember | None, interaction_id: int | None) -> Access:
    """Load an interaction the member may act on (see `authorize`); a missing id is a stale button."""
    interaction = await Interaction.get_or_none(id=interaction_id) if interaction_id is not None else None
    return authorize(member, interaction)


async def record_refusal(member: SellerMember | None, *, tg_user_id: int, reason: str, detail: str) -> None:
    """Audit a refused action (forged, foreign or stale button; a command of a non-member)."""
    await audit.record(
        "access.denied",
        seller_id=member.seller_id if member else None,
        member_id=member.id if member else None,
        tg_user_id=tg_user_id,
        meta={"reason": reason, "detail": detail[:200]},
    )
