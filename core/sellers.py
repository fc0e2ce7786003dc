"""A seller's status (paused, resumed, stopped when WB refuses the token), settings and first-sync progress.

Members and invitations are `core.members`, the WB token `core.tokens`, who may act on what `core.access`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from core import audit
from core.access import require_owner
from core.models import Channel, Seller, SellerMember, SellerStatus, SyncCursor, SyncRun
from core.seller_settings import SellerSettings


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
