"""A seller's Telegram members: onboarding (a new seller and its owner), invitations, the member list, the chosen
seller and language, and whether a member still reads the bot.

Which of a user's memberships is active is `core.memberships`; who may act on what is `core.access`.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from core import audit, memberships
from core.access import NotAllowed, require_member, require_owner
from core.i18n import LANGUAGES
from core.models import Invite, MemberRole, Seller, SellerMember

INVITE_TTL = timedelta(days=2)


class InviteInvalid(Exception):
    """The invite code is unknown, used or expired."""


async def member_of(tg_user_id: int) -> SellerMember | None:
    """The user's active membership (the one chosen last, see core.memberships), with its seller loaded."""
    return await memberships.active_membership(tg_user_id)


async def select_seller(tg_user_id: int, member_id: int) -> SellerMember:
    """Make one of the user's memberships the active one; NotAllowed when it is not theirs (a forged button)."""
    chosen = await memberships.choose(tg_user_id, member_id)
    if chosen is None:
        raise NotAllowed("stale")
    await audit.record("member.selected", seller_id=chosen.seller_id, member_id=chosen.id, tg_user_id=tg_user_id)
    return chosen


async def start_seller(*, tg_user_id: int, tg_chat_id: int, name: str, language: str) -> SellerMember:
    """Create a seller with this user as its owner, or return the user's existing membership."""
    existing = await member_of(tg_user_id)
    if existing is not None:
        return existing
    async with in_transaction():
        seller = await Seller.create(name=name[:200], language=language)
        member = await SellerMember.create(
            seller=seller,
            tg_user_id=tg_user_id,
            tg_chat_id=tg_chat_id,
            name=name[:200],
            role=MemberRole.OWNER,
            language=language,
        )
    await audit.record("seller.created", seller_id=seller.id, member_id=member.id, tg_user_id=tg_user_id)
    return await SellerMember.get(id=member.id).prefetch_related("seller")


async def set_language(member: SellerMember, language: str) -> None:
    """The member's interface language (the owner's also becomes the seller's); only a known language."""
    if language not in LANGUAGES:
        raise NotAllowed("stale")
    member.language = language
    await member.save(update_fields=["language"])
    if member.role == MemberRole.OWNER:
        await Seller.filter(id=member.seller_id).update(language=language)


async def create_invite(member: SellerMember | None, *, role: MemberRole = MemberRole.OPERATOR) -> Invite:
    """A one-time invitation code to the member's seller (owners only)."""
    owner = require_owner(member)
    invite = await Invite.create(
        seller_id=owner.seller_id,
        code=secrets.token_urlsafe(12),
        role=role,
        created_by=owner,
        expires_at=datetime.now(UTC) + INVITE_TTL,
    )
    await audit.record(
        "member.invited", seller_id=owner.seller_id, member_id=owner.id, object_type="invite", object_id=invite.id
    )
    return invite


async def accept_invite(*, code: str, tg_user_id: int, tg_chat_id: int, name: str, language: str) -> SellerMember:
    """Join a seller with an invite code; the code works once and until it expires.

    Joining adds a membership: every other membership of the user stays, and so does their active choice (see
    core.memberships). An active member of the seller keeps their role (an owner is never demoted by an invite);
    a removed one comes back with the invite's role.
    """
    current = await member_of(tg_user_id)
    async with in_transaction():
        used = await Invite.filter(code=code, used_by_tg_user_id=None, expires_at__gt=datetime.now(UTC)).update(
            used_by_tg_user_id=tg_user_id
        )
        if not used:
            raise InviteInvalid(code)
        invite = await Invite.get(code=code)
        member = await SellerMember.get_or_none(seller_id=invite.seller_id, tg_user_id=tg_user_id)
        fresh: dict[str, Any] = {
            "tg_chat_id": tg_chat_id,
            "name": name[:200],
            "language": language,
            "blocked_bot": False,
        }
        if member is None:
            member = await SellerMember.create(
                seller_id=invite.seller_id, tg_user_id=tg_user_id, role=invite.role, active=True, **fresh
            )
        else:
            if not member.active:
                member.role, member.active = invite.role, True
            member.update_from_dict(fresh)
            await member.save()
        if current is not None and current.id != member.id:
            await memberships.keep_active(current)
    await audit.record(
        "member.joined",
        seller_id=invite.seller_id,
        member_id=member.id,
        tg_user_id=tg_user_id,
        object_type="invite",
        object_id=invite.id,
    )
    return await SellerMember.get(id=member.id).prefetch_related("seller")


async def list_members(member: SellerMember | None) -> list[SellerMember]:
    """The seller's active members, owners first."""
    member = require_member(member)
    return await SellerMember.filter(seller_id=member.seller_id, active=True).order_by("role", "id")


async def remove_member(member: SellerMember | None, member_id: int) -> SellerMember:
    """Deactivate another member of the owner's seller (an owner cannot remove themself)."""
    owner = require_owner(member)
    target = await SellerMember.get_or_none(id=member_id, seller_id=owner.seller_id, active=True)
    if target is None or target.id == owner.id:
        raise NotAllowed("stale")
    target.active = False
    await target.save(update_fields=["active"])
    await audit.record(
        "member.removed", seller_id=owner.seller_id, member_id=owner.id, object_type="member", object_id=target.id
    )
    return target


async def mark_blocked(member_id: int) -> None:
    """The member blocked the bot: stop sending them cards — of every seller they belong to — until they write
    again (a block is the user's, not one membership's)."""
    users = await SellerMember.filter(id=member_id).values_list("tg_user_id", flat=True)
    await SellerMember.filter(tg_user_id__in=users).update(blocked_bot=True)


async def mark_unblocked(member: SellerMember) -> None:
    """The member wrote to the bot again: cards resume (for all of their memberships)."""
    if member.blocked_bot:
        member.blocked_bot = False
        await SellerMember.filter(tg_user_id=member.tg_user_id, blocked_bot=True).update(blocked_bot=False)
