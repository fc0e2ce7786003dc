"""Sellers, their Telegram members and invitations: onboarding, the WB token, settings, status.

Who may act on what is `core.access`.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from core import alerts, audit, memberships
from core.access import NotAllowed, require_member, require_owner
from core.i18n import LANGUAGES
from core.models import (
    Channel,
    Invite,
    MemberRole,
    Seller,
    SellerMember,
    SellerStatus,
    SyncCursor,
    SyncRun,
)
from core.secrets import SecretBox, SecretError, secret_box
from core.seller_settings import SellerSettings
from core.settings import Settings

INVITE_TTL = timedelta(days=2)


class TokenRejected(Exception):
    """The WB token cannot be used: `reason` is invalid | expired | no-scope | unreachable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InviteInvalid(Exception):
    """The invite code is unknown, used or expired."""


@dataclass(frozen=True)
class TokenCheck:
    """What a live check of a WB token found: the channels it can serve and when it expires."""

    channels: frozenset[Channel]
    expires_at: datetime | None


# Validates a token against WB (a live call); raises TokenRejected. Injected by the caller: core talks to no API.
TokenProbe = Callable[[str], Awaitable[TokenCheck]]


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


async def connect_token(*, member: SellerMember, token: str, probe: TokenProbe, settings: Settings) -> TokenCheck:
    """Validate `token` with a live WB call, then store it encrypted with its channels and expiry."""
    require_owner(member)
    check = await probe(token.strip())
    await set_token(seller_id=member.seller_id, token=token.strip(), check=check, settings=settings)
    await audit.record(
        "seller.token_connected",
        seller_id=member.seller_id,
        member_id=member.id,
        meta={"channels": sorted(check.channels)},
    )
    return check


async def set_token(*, seller_id: int, token: str, check: TokenCheck, settings: Settings) -> None:
    """Store the token encrypted and mark the seller active (also after a reconnect)."""
    await Seller.filter(id=seller_id).update(
        wb_token_enc=secret_box(settings).encrypt(token),
        token_scopes=sorted(check.channels),
        token_expires_at=check.expires_at,
        status=SellerStatus.ACTIVE,
        pause_reason=None,
    )
    # The reconnect is the cure of a "token invalid" alert: close it now, not at the next alerts round.
    await alerts.resolve_alert(kind=alerts.AlertKind.TOKEN_INVALID, seller_id=seller_id)


def get_token(seller: Seller, settings: Settings) -> str | None:
    """The seller's WB token in clear (for the WB client only; never log it)."""
    if not seller.wb_token_enc:
        return None
    return secret_box(settings).decrypt(seller.wb_token_enc)


async def reencrypt_tokens(settings: Settings) -> int:
    """Re-encrypt every stored WB token with the newest key (after a new key was put first); returns how many."""
    box = secret_box(settings)
    done = 0
    for seller_id in await Seller.filter(wb_token_enc__isnull=False).order_by("id").values_list("id", flat=True):
        done += await _reencrypt_one(box, seller_id)
    return done


async def _reencrypt_one(box: SecretBox, seller_id: int, attempts: int = 5) -> int:
    """Compare-and-set: the new ciphertext replaces exactly the one it was made from, so a token the seller
    reconnected meanwhile is never overwritten with the old one (it is re-read and rotated instead)."""
    for _ in range(attempts):
        current = await Seller.filter(id=seller_id).values_list("wb_token_enc", flat=True)
        if not current or current[0] is None:
            return 0
        if await Seller.filter(id=seller_id, wb_token_enc=current[0]).update(wb_token_enc=box.rotate(current[0])):
            return 1
    raise SecretError(f"seller {seller_id}: the token kept changing during the rotation; run it again")


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
        fresh = {"tg_chat_id": tg_chat_id, "name": name[:200], "language": language, "blocked_bot": False}
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


async def seller_settings(member: SellerMember) -> SellerSettings:
    """The member's seller's settings."""
    seller = await Seller.get(id=member.seller_id)
    return SellerSettings.of(seller.settings)


async def update_settings(member: SellerMember | None, changes: dict[str, Any]) -> SellerSettings:
    """Apply a validated partial change (nested groups merge) to the seller's settings; owners only."""
    owner = require_owner(member)
    return await change_settings(seller_id=owner.seller_id, changes=changes, member_id=owner.id)


async def change_settings(
    *, seller_id: int, changes: dict[str, Any], member_id: int | None = None, admin_id: int | None = None
) -> SellerSettings:
    """Apply a validated partial change to a seller's settings and audit who made it (owner or admin)."""
    seller = await Seller.get(id=seller_id)
    before = SellerSettings.of(seller.settings)
    merged = before.model_dump(mode="json")
    for key, value in changes.items():
        merged[key] = {**merged[key], **value} if isinstance(value, dict) else value
    after = SellerSettings.model_validate(merged)
    seller.settings = after.model_dump(mode="json")
    await seller.save(update_fields=["settings", "updated_at"])
    await audit.record(
        "settings.changed",
        seller_id=seller.id,
        member_id=member_id,
        admin_id=admin_id,
        object_type="seller",
        object_id=seller.id,
        before=before.model_dump_json(),
        after=after.model_dump_json(),
    )
    return after


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


async def _change_status(
    seller_id: int, action: str, decide: Callable[[Seller], SellerStatus], reason: str | None, **actor: int | None
) -> Seller:
    """Set the seller's status under a row lock and audit the change (who, before, after, why)."""
    async with in_transaction():
        seller = await Seller.select_for_update().get(id=seller_id)
        before = seller.status
        seller.status, seller.pause_reason = decide(seller), reason
        await seller.save(update_fields=["status", "pause_reason", "updated_at"])
    await audit.record(
        action,
        seller_id=seller_id,
        admin_id=actor.get("admin_id"),
        member_id=actor.get("member_id"),
        object_type="seller",
        object_id=seller_id,
        before=str(before),
        after=str(seller.status),
        meta={"reason": reason} if reason else None,
    )
    return seller


async def pause_seller(
    *, seller_id: int, reason: str, admin_id: int | None = None, member_id: int | None = None
) -> Seller:
    """Stop syncing and notifying for the seller (e.g. by an admin); audited with the reason."""
    return await _change_status(
        seller_id,
        "seller.paused",
        lambda _seller: SellerStatus.PAUSED,
        reason[:500],
        admin_id=admin_id,
        member_id=member_id,
    )


async def mark_token_invalid(*, seller_id: int, reason: str) -> bool:
    """WB refused the seller's token: syncs and sends stop until it is reconnected. Audited by whichever worker saw
    it first; False when the seller was not active (paused already, or by someone else meanwhile)."""
    changed = await Seller.filter(id=seller_id, status=SellerStatus.ACTIVE).update(
        status=SellerStatus.TOKEN_INVALID, pause_reason=reason[:500]
    )
    if changed:
        await audit.record(
            "seller.token_invalid",
            seller_id=seller_id,
            object_type="seller",
            object_id=seller_id,
            before=str(SellerStatus.ACTIVE),
            after=str(SellerStatus.TOKEN_INVALID),
            meta={"reason": reason[:500]},
        )
    return bool(changed)


async def resume_seller(*, seller_id: int, admin_id: int | None = None, member_id: int | None = None) -> Seller:
    """Undo a pause: active again when a token is stored, back to onboarding otherwise; audited."""
    return await _change_status(
        seller_id,
        "seller.resumed",
        lambda seller: SellerStatus.ACTIVE if seller.wb_token_enc else SellerStatus.ONBOARDING,
        None,
        admin_id=admin_id,
        member_id=member_id,
    )


@dataclass(frozen=True)
class BackfillProgress:
    """The first sync of a seller: items fetched so far per channel and which channels are done."""

    fetched: dict[Channel, int]
    done: frozenset[Channel]
    channels: frozenset[Channel]

    @property
    def finished(self) -> bool:
        return self.channels <= self.done


async def backfill_progress(seller_id: int) -> BackfillProgress:
    """Read the sync's cursors and runs of the seller's connected channels."""
    seller = await Seller.get(id=seller_id)
    channels = frozenset(Channel(c) for c in seller.token_scopes or ())
    cursors = await SyncCursor.filter(seller_id=seller_id)
    fetched = {channel: 0 for channel in channels}
    for run in await SyncRun.filter(seller_id=seller_id).values("channel", "fetched"):
        fetched[Channel(run["channel"])] = fetched.get(Channel(run["channel"]), 0) + run["fetched"]
    done = frozenset(c.channel for c in cursors if c.backfill_done)
    return BackfillProgress(fetched=fetched, done=done, channels=channels)


async def seller_of(seller_id: int) -> Seller:
    """The seller row."""
    return await Seller.get(id=seller_id)
