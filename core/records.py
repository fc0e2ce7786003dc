"""The ops views of single records: sellers with their cursors, recent sync runs, one interaction with its
history. The admin pages and its JSON API read the same functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tortoise.functions import Count

from core import linking
from core.models import (
    AuditEvent,
    Channel,
    ChatMessage,
    Draft,
    Interaction,
    Reply,
    Seller,
    SellerStatus,
    SyncCursor,
    SyncRun,
    SyncRunStatus,
)

SELLERS_PAGE = 100
SYNC_RUNS_LIMIT = 200


@dataclass
class SellerRow:
    """A seller with its member count and each channel's cursor (last success, failures)."""

    seller: Seller
    members: int
    cursors: dict[Channel, SyncCursor] = field(default_factory=dict)

    def token_expiring(self, now: datetime, days: int) -> bool:
        expires = self.seller.token_expires_at
        return expires is not None and expires <= now + timedelta(days=days)


async def seller_rows(
    *, status_filter: SellerStatus | None, page: int, seller_id: int | None = None
) -> tuple[list[SellerRow], int]:
    """One page of sellers (by id) with members and cursors, plus the total count; four queries in all."""
    base = Seller.all() if status_filter is None else Seller.filter(status=status_filter)
    if seller_id is not None:
        base = base.filter(id=seller_id)
    total = await base.count()
    sellers = await base.order_by("id").offset((page - 1) * SELLERS_PAGE).limit(SELLERS_PAGE)
    ids = [s.id for s in sellers]
    counts = dict(
        await Seller.filter(id__in=ids, members__active=True)
        .annotate(n=Count("members"))
        .group_by("id")
        .values_list("id", "n")
    )
    rows = {s.id: SellerRow(s, counts.get(s.id, 0)) for s in sellers}
    for cursor in await SyncCursor.filter(seller_id__in=ids):
        rows[cursor.seller_id].cursors[cursor.channel] = cursor
    return list(rows.values()), total


async def sync_runs(
    *, seller_id: int | None, channel: Channel | None, run_status: SyncRunStatus | None
) -> list[SyncRun]:
    """The newest runs (at most `SYNC_RUNS_LIMIT`) matching the filters."""
    query = SyncRun.all()
    if seller_id is not None:
        query = query.filter(seller_id=seller_id)
    if channel is not None:
        query = query.filter(channel=channel)
    if run_status is not None:
        query = query.filter(status=run_status)
    return await query.order_by("-started_at", "-id").limit(SYNC_RUNS_LIMIT)


@dataclass(frozen=True)
class InteractionDetail:
    """One interaction and everything around it (the page and `/api/interactions/{id}` share it)."""

    interaction: Interaction
    timeline: list[linking.TimelineItem]
    messages: list[ChatMessage]
    drafts: list[Draft]
    replies: list[Reply]
    audit: list[AuditEvent]


async def interaction_detail(interaction_id: int) -> InteractionDetail | None:
    """The interaction with its thread, chat messages, drafts, replies and audit trail; None when unknown."""
    interaction = await Interaction.get_or_none(id=interaction_id).prefetch_related("seller")
    if interaction is None:
        return None
    return InteractionDetail(
        interaction=interaction,
        timeline=await linking.timeline(interaction_id),
        messages=await ChatMessage.filter(interaction_id=interaction_id).order_by("occurred_at", "id"),
        drafts=await Draft.filter(interaction_id=interaction_id).order_by("-created_at", "-id"),
        replies=await Reply.filter(interaction_id=interaction_id)
        .order_by("-created_at", "-id")
        .prefetch_related("approved_by", "approved_by_admin"),
        audit=await AuditEvent.filter(interaction_id=interaction_id)
        .order_by("created_at", "id")
        .prefetch_related("actor_member", "actor_admin"),
    )
