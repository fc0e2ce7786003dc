"""The seller's inbox: the listing query (the open items), skip and unskip, a cancelled draft, draft on arrival.

What one item shows and offers is `core.items` (stage, view, actions); who gets a card and its delivery is
`core.cards`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise import connections
from tortoise.expressions import Case, Q, RawSQL, When
from tortoise.transactions import in_transaction

from core import audit
from core.items.actions import Action
from core.items.stage import OPEN_STATUSES, ItemStage
from core.items.view import ItemView, require
from core.models import Channel, Draft, Interaction, InteractionStatus, Seller
from core.priority import PRE_PURCHASE_INTENTS
from core.reading import SAFETY
from core.seller_settings import SellerSettings

PAGE_SIZE = 8
NEGATIVE_MAX_RATING = 3


@dataclass(frozen=True)
class InboxPage:
    items: list[Interaction]
    page: int
    pages: int
    total: int


def _safety_first() -> RawSQL:
    """0 for an item whose stored reading holds harm or legal (`core.readings.is_safety`), else 1: such an item is
    urgent with the short safety SLA whatever its stars, so it sorts before every 1–3★ review. jsonb containment on
    PostgreSQL, json_each on SQLite (whose JSON lookups tortoise does not implement); the values are enum constants."""
    values = sorted(s.value for s in SAFETY)
    if connections.get("default").capabilities.dialect == "postgres":
        held = " OR ".join(f'"situations" @> \'["{v}"]\'::jsonb' for v in values)
    else:
        listed = ", ".join(f"'{v}'" for v in values)
        held = f'EXISTS (SELECT 1 FROM json_each("situations") WHERE json_each.value IN ({listed}))'
    return RawSQL(f"CASE WHEN {held} THEN 0 ELSE 1 END")


async def list_inbox(
    *, seller_id: int, channel: Channel | None = None, page: int = 0, page_size: int = PAGE_SIZE, oldest: bool = False
) -> InboxPage:
    """Open interactions, needs-response first, then harm/legal items (whatever their stars), then negatives and
    pre-purchase questions, then by priority/SLA; `oldest`: needs-response first, harm/legal next, then the oldest
    (a backlog worked through from its start)."""
    query = Interaction.filter(seller_id=seller_id, status__in=OPEN_STATUSES)
    if channel is not None:
        query = query.filter(channel=channel)
    total = await query.count()
    pages = max(1, -(-total // page_size))
    page = min(max(page, 0), pages - 1)
    top = Case(
        When(Q(channel=Channel.REVIEW, rating__lte=NEGATIVE_MAX_RATING), then="0"),
        When(
            Q(channel__in=[Channel.QUESTION, Channel.CHAT], intent__in=[str(i) for i in PRE_PURCHASE_INTENTS]), then="0"
        ),
        default="1",
    )
    order = ("safety", "occurred_at") if oldest else ("safety", "top", "priority_rank", "due_at", "-occurred_at")
    items = (
        await query.annotate(top=top, safety=_safety_first())
        .order_by("-needs_response", *order, "id")
        .offset(page * page_size)
        .limit(page_size)
    )
    return InboxPage(items=list(items), page=page, pages=pages, total=total)


async def skip(*, interaction_id: int, member_id: int | None = None, admin_id: int | None = None) -> None:
    """The seller decided not to answer: the item is closed (out of the queue, nothing can be sent) until Unskip."""
    async with in_transaction():
        item = await Interaction.filter(id=interaction_id).select_for_update().get()
        await require(item, Action.SKIP)
        before = item.status
        await Interaction.filter(id=item.id).update(
            status=InteractionStatus.SKIPPED, needs_response=False, skipped_at=datetime.now(UTC)
        )
    await audit.record(
        "interaction.skipped",
        seller_id=item.seller_id,
        interaction_id=item.id,
        member_id=member_id,
        admin_id=admin_id,
        before=str(before),
        after=str(InteractionStatus.SKIPPED),
    )


async def unskip(*, interaction_id: int, member_id: int | None = None, admin_id: int | None = None) -> None:
    """«Вернуть»: a skipped item is open again (back in the queue, answerable), whenever it was skipped."""
    async with in_transaction():
        item = await Interaction.filter(id=interaction_id).select_for_update().get()
        await require(item, Action.UNSKIP)
        await Interaction.filter(id=item.id).update(
            status=InteractionStatus.NEEDS_RESPONSE, needs_response=True, skipped_at=None
        )
    await audit.record("interaction.unskipped", seller_id=item.seller_id, interaction_id=item.id, member_id=member_id)


async def cancel_draft(*, interaction: Interaction, member_id: int) -> None:
    """Drop the current drafts of an interaction (the card returns to its first buttons)."""
    async with in_transaction():
        await require(await Interaction.filter(id=interaction.id).select_for_update().get(), Action.CANCEL)
        await Draft.filter(interaction_id=interaction.id, void=False).update(void=True)
    await audit.record(
        "draft.cancelled", seller_id=interaction.seller_id, interaction_id=interaction.id, member_id=member_id
    )


async def wants_auto_draft(data: ItemView) -> bool:
    """Draft on arrival: the seller switched it on and the interaction has no draft or reply yet."""
    if data.stage not in (ItemStage.NEW, ItemStage.OVERDUE) or not data.interaction.needs_response:
        return False
    if data.interaction.channel == Channel.RETURN:
        return False  # nothing about a claim is automatic, not even a draft
    seller = await Seller.get(id=data.interaction.seller_id)
    return SellerSettings.of(seller.settings).auto_draft
