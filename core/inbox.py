"""The seller's inbox: the listing query, what one Telegram card shows (its stage), skip and its undo, a cancelled
draft, and the stale-draft check every draft button goes through.

Everything the bot renders comes from here, read from the database: a card re-rendered after any state change
(sending, sent, published, moderation, rejected, answered elsewhere) shows the same thing a fresh one would.
Who gets a card, and its delivery, is `core.cards`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from tortoise import connections
from tortoise.expressions import Case, Q, RawSQL, When

from core import audit, chat_files, replies
from core.access import NotAllowed
from core.linking import mentioned_nm_ids
from core.models import (
    AnswerState,
    AuditEvent,
    Channel,
    ChatFile,
    Draft,
    Interaction,
    InteractionStatus,
    Link,
    Reply,
    ReplyStatus,
    Seller,
    SellerMember,
    WbSyncState,
)
from core.priority import PRE_PURCHASE_INTENTS
from core.reading import SAFETY
from core.seller_settings import SellerSettings
from core.timezones import DEFAULT_ZONE

PAGE_SIZE = 8
SKIP_UNDO = timedelta(hours=1)
NEGATIVE_MAX_RATING = 3


class CardStage(StrEnum):
    """Where an interaction is in its reply lifecycle, as a card shows it.

    new (overdue once its due time passed) → drafted → sending → sent (waiting for WB) → published (reviews,
    questions) or delivered (chats); or moderation / rejected (reason) / failed (reason) / expired (WB never
    showed it within the pending window); answered elsewhere and skipped end it without our reply.
    """

    NEW = "new"
    OVERDUE = "overdue"
    DRAFTED = "drafted"
    SENDING = "sending"
    SENT = "sent"
    PUBLISHED = "published"
    DELIVERED = "delivered"
    MODERATION = "moderation"
    REJECTED = "rejected"
    FAILED = "failed"
    EXPIRED = "expired"
    # Our reply's outcome has been unknown past the deadline: "not sure it was sent — check WB" + re-check.
    UNKNOWN = "unknown"
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    SKIPPED = "skipped"


# Stages in which nobody has answered yet: the card offers Draft / Reply / Skip.
OPEN_STAGES = (CardStage.NEW, CardStage.OVERDUE, CardStage.FAILED, CardStage.REJECTED, CardStage.EXPIRED)


@dataclass(frozen=True)
class CardData:
    """One interaction with the parts its card shows."""

    interaction: Interaction
    draft: Draft | None
    reply: Reply | None
    link_count: int
    stage: CardStage
    # The seller's time zone: every time on the card is shown in it.
    zone: str = DEFAULT_ZONE
    # Who sent the reply on a final card: a member's name, or None (auto-send and the web admin say so).
    sent_by: str | None = None
    # A skipped card offers Undo for SKIP_UNDO after the skip.
    undo_skip: bool = False
    # A chat's files the buyer attached (name and state; core.chat_files).
    files: tuple[ChatFile, ...] = ()
    # The latest edit of the published answer (core.answer_edits), kept apart from the answer's own reply.
    edit: Reply | None = None


@dataclass(frozen=True)
class InboxPage:
    items: list[Interaction]
    page: int
    pages: int
    total: int


_ANSWER_STAGE = {
    AnswerState.PUBLISHED: CardStage.PUBLISHED,
    AnswerState.MODERATION: CardStage.MODERATION,
    AnswerState.REJECTED: CardStage.REJECTED,
}


def _sent_stage(interaction: Interaction) -> CardStage:
    """After WB accepted our reply: a chat message is delivered once it shows in the chat's events; a review or
    question answer follows WB's answer state (a new answer after a rejection is "sent" until WB shows it);
    neither shown within the pending window → expired."""
    if interaction.wb_sync_state == WbSyncState.EXPIRED:
        return CardStage.EXPIRED
    if interaction.channel == Channel.CHAT:
        return CardStage.DELIVERED if interaction.wb_sync_state == WbSyncState.CONFIRMED else CardStage.SENT
    if interaction.wb_sync_state == WbSyncState.PENDING:
        return CardStage.SENT
    return _ANSWER_STAGE.get(interaction.answer_state, CardStage.SENT)


# A reply that ended in one of these left the item open again: a draft made after it is the card's new draft.
_REOPENED = (CardStage.FAILED, CardStage.REJECTED, CardStage.EXPIRED)


def rejection_reason(interaction: Interaction) -> str | None:
    """WB's reason for rejecting the answer, when it gave one (WB's raw moderation state is not a reason)."""
    reason = (interaction.rejection_reason or "").strip()
    if not reason or reason in (interaction.answer_state_raw, AnswerState.REJECTED.value):
        return None
    return reason


def card_stage(
    interaction: Interaction, draft: Draft | None, reply: Reply | None, now: datetime | None = None
) -> CardStage:
    """The lifecycle stage: our reply's progress first, else what WB or the seller did; an unanswered item past
    its due time is overdue."""
    if reply is not None:
        if reply.status == ReplyStatus.UNKNOWN:
            return CardStage.UNKNOWN if replies.unsure(reply, now) else CardStage.SENDING
        if reply.status in (ReplyStatus.QUEUED, ReplyStatus.SENDING):
            return CardStage.SENDING
        stage = CardStage.FAILED if reply.status == ReplyStatus.FAILED else _sent_stage(interaction)
        # Answering again (Draft, Reply) after WB refused or rejected the answer: the new draft is the card's.
        if stage in _REOPENED and draft is not None and draft.created_at > reply.created_at:
            return CardStage.DRAFTED
        return stage
    if interaction.answer_state == AnswerState.REJECTED and interaction.needs_response:
        # An answer given in the WB cabinet that moderation rejected: open again, as after our own.
        return CardStage.DRAFTED if draft is not None else CardStage.REJECTED
    if interaction.status == InteractionStatus.ANSWERED or interaction.answer_state != AnswerState.NONE:
        return CardStage.ANSWERED_ELSEWHERE
    if interaction.status in (InteractionStatus.SKIPPED, InteractionStatus.CLOSED):
        return CardStage.SKIPPED
    if draft is not None:
        return CardStage.DRAFTED
    return CardStage.OVERDUE if is_overdue(interaction, now or datetime.now(UTC)) else CardStage.NEW


def is_overdue(interaction: Interaction, now: datetime) -> bool:
    """Still waiting for a reply after its SLA due time."""
    return bool(interaction.needs_response and interaction.due_at is not None and interaction.due_at <= now)


async def card_data(interaction_id: int) -> CardData:
    """Everything a card shows, from the database."""
    interaction = await Interaction.get(id=interaction_id)
    draft = await Draft.filter(interaction_id=interaction_id, void=False).order_by("-id").first()
    all_replies = await Reply.filter(interaction_id=interaction_id).order_by("-id")
    # The card's stage follows the answer's reply; an edit of the published answer is shown beside it.
    reply = next((r for r in all_replies if r.action != replies.EDIT), None)
    edit = next((r for r in all_replies if r.action == replies.EDIT), None)
    links = await Link.filter(Q(a_id=interaction_id) | Q(b_id=interaction_id)).count()
    zone = await seller_zone(interaction.seller_id)
    await _product_named_in_chat(interaction)
    sent_by = None
    if reply is not None and reply.approved_by_id is not None:
        sent_by = await SellerMember.filter(id=reply.approved_by_id).first().values_list("name", flat=True)
    stage = card_stage(interaction, draft, reply)
    undo = stage == CardStage.SKIPPED and await _skipped_since(interaction) is not None
    files = await chat_files.listed(interaction_id) if interaction.channel == Channel.CHAT else ()
    return CardData(interaction, draft, reply, links, stage, zone, sent_by, undo, files, edit)


async def _skipped_since(interaction: Interaction) -> datetime | None:
    """When the seller skipped the item, if that is recent enough to undo."""
    if interaction.status != InteractionStatus.SKIPPED:
        return None
    event = await AuditEvent.filter(interaction_id=interaction.id, action="interaction.skipped").order_by("-id").first()
    if event is None or event.created_at < datetime.now(UTC) - SKIP_UNDO:
        return None
    return event.created_at


async def _product_named_in_chat(interaction: Interaction) -> None:
    """A chat shows its product's name: WB gives a chat only the nmID, so the name comes from the seller's other items
    about it; a chat about no product that names an nmID of the seller's shows that product. For display only: the
    row is not changed (linking already reads the same mention)."""
    if interaction.channel != Channel.CHAT or interaction.product_name:
        return
    candidates = [interaction.nm_id] if interaction.nm_id is not None else mentioned_nm_ids(interaction.text)
    for candidate in candidates:
        known = (
            await Interaction.filter(seller_id=interaction.seller_id, nm_id=candidate, product_name__not_isnull=True)
            .order_by("-id")
            .first()
            .values_list("product_name", flat=True)
        )
        if known:
            interaction.nm_id, interaction.product_name = candidate, known
            return


async def seller_zone(seller_id: int) -> str:
    """The seller's time zone (business hours' zone), in which cards, lists and /stats show times."""
    raw = await Seller.filter(id=seller_id).values_list("settings", flat=True)
    return SellerSettings.of(raw[0] if raw else None).business_hours.timezone


async def current_draft(interaction_id: int, draft_id: int) -> Draft:
    """The card's draft if the button was rendered with it; a superseded or cancelled draft is stale (NotAllowed).
    Every button that acts on a draft (approve, send, regenerate, discard, a claim's comment) goes through here."""
    data = await card_data(interaction_id)
    if data.stage != CardStage.DRAFTED or data.draft is None or data.draft.id != draft_id:
        raise NotAllowed("stale")
    return data.draft


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
    query = Interaction.filter(seller_id=seller_id).exclude(
        status__in=(InteractionStatus.ANSWERED, InteractionStatus.SKIPPED, InteractionStatus.CLOSED)
    )
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


async def skip(*, interaction: Interaction, member_id: int) -> None:
    """The seller decided not to answer: out of the queue, recorded."""
    before = interaction.status
    interaction.status = InteractionStatus.SKIPPED
    interaction.needs_response = False
    await interaction.save(update_fields=["status", "needs_response", "updated_at"])
    await audit.record(
        "interaction.skipped",
        seller_id=interaction.seller_id,
        interaction_id=interaction.id,
        member_id=member_id,
        before=str(before),
        after=str(interaction.status),
    )


async def unskip(*, interaction: Interaction, member_id: int) -> None:
    """Undo a recent Skip: the item is back in the queue. A skip older than SKIP_UNDO stays (stale button)."""
    if await _skipped_since(interaction) is None:
        raise NotAllowed("stale")
    undone = await Interaction.filter(id=interaction.id, status=InteractionStatus.SKIPPED).update(
        status=InteractionStatus.NEEDS_RESPONSE, needs_response=True
    )
    if undone:
        await audit.record(
            "interaction.unskipped", seller_id=interaction.seller_id, interaction_id=interaction.id, member_id=member_id
        )


async def cancel_draft(*, interaction: Interaction, member_id: int) -> None:
    """Drop the current drafts of an interaction (the card returns to its first buttons)."""
    await Draft.filter(interaction_id=interaction.id, void=False).update(void=True)
    await audit.record(
        "draft.cancelled", seller_id=interaction.seller_id, interaction_id=interaction.id, member_id=member_id
    )


async def wants_auto_draft(data: CardData) -> bool:
    """Draft on arrival: the seller switched it on and the interaction has no draft or reply yet."""
    if data.stage not in (CardStage.NEW, CardStage.OVERDUE) or not data.interaction.needs_response:
        return False
    if data.interaction.channel == Channel.RETURN:
        return False  # nothing about a claim is automatic, not even a draft
    seller = await Seller.get(id=data.interaction.seller_id)
    return SellerSettings.of(seller.settings).auto_draft
