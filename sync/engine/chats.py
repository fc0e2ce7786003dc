"""Buyer chats by WB's event cursor: ChatMessage rows (unique seller × event id), one Interaction per chat.

The cursor (`SyncCursor.wb_cursor`) is saved only after a packet's rows are committed, so a crash replays at most
that packet, and replays are absorbed by the unique event id. An idle seller costs one events request per run.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from core import readings, transitions
from core.backlog import is_backlog
from core.models import Channel, ChatDirection, ChatMessage, Interaction, Reply, ReplyStatus, Seller, SyncCursor
from core.priority import triage_new
from core.readings import READING_COLUMNS
from core.seller_settings import SellerSettings
from sync import chat_files
from sync.context import SyncContext
from sync.engine.stats import RunStats
from sync.wb import WBAuth
from sync.wb.models import Chat, ChatEvent

PACKETS_PER_RUN = 50
# Replies that may be in the feed already: posted or being posted (the outbox records the send after the POST).
IN_FLIGHT_OR_SENT = (ReplyStatus.SENDING, ReplyStatus.UNKNOWN, ReplyStatus.SENT)
# The buyer and the seller; any other sender (WB itself) writes system messages that neither answer nor close.
DIRECTIONS = {"client": ChatDirection.IN, "seller": ChatDirection.OUT}


def _fit(value: str | None, size: int) -> str | None:
    """A value for a varchar(size) column: cut (names, order ids); None when empty."""
    return value[:size] if value else None


def _chat_row(seller_id: int, chat_id: str, chat: Chat | None, first: ChatEvent | None, now: datetime) -> Interaction:
    card = chat.good_card if chat else None
    if card is None and first and first.message and first.message.attachments:
        card = first.message.attachments.good_card  # a new chat's first event carries the order's good card
    return Interaction(
        seller_id=seller_id,
        channel=Channel.CHAT,
        external_id=chat_id,
        buyer_name=_fit((chat.client_name if chat else None) or (first.client_name if first else None), 200),
        # A reply sign cut short would not work: one that does not fit is dropped (the chat list is asked again).
        reply_sign=next(
            (
                s
                for s in (chat.reply_sign if chat else None, first.reply_sign if first else None)
                if s and len(s) <= MAX_SIGN
            ),
            None,
        ),
        nm_id=card.nm_id if card else None,
        order_ref=_fit(card.rid if card else None, 100),
        text=(chat.last_message.text if chat and chat.last_message else ""),
        occurred_at=first.created_at if first else now,
        needs_response=False,
    )


MAX_SIGN = 255  # the column's size (and WB's limit on a send's replySign)


async def keep_sign(interaction_id: int, current: str | None, sign: str | None) -> str | None:
    """Store the chat's replySign WB just showed (a send's answer, the chat list) when it changed: WB may rotate a
    chat's sign and refuse the old one. Returns the sign to use now."""
    if sign and len(sign) <= MAX_SIGN and sign != current:
        await Interaction.filter(id=interaction_id).update(reply_sign=sign)
        return sign
    return current


async def refresh_signs(ctx: SyncContext, seller_id: int, auth: WBAuth) -> dict[str, str]:
    """Read WB's chat list and store every sign that changed; returns chat id → its current sign."""
    listed = {c.chat_id: c.reply_sign for c in await ctx.wb.list_chats(auth) if c.reply_sign}
    rows = await Interaction.filter(
        seller_id=seller_id, channel=Channel.CHAT, external_id__in=list(listed)
    ).values_list("id", "external_id", "reply_sign")
    for row_id, chat_id, sign in rows:
        await keep_sign(row_id, sign, listed[chat_id])
    return listed


async def _ensure_chats(
    ctx: SyncContext, seller: Seller, auth: WBAuth, events: list[ChatEvent], now: datetime
) -> tuple[dict[str, Interaction], set[int]]:
    """The chat rows of `events`, creating missing ones (the chat list is read only when a replySign is missing)."""
    ids = list(dict.fromkeys(e.chat_id for e in events))
    rows = {
        r.external_id: r
        for r in await Interaction.filter(seller_id=seller.id, channel=Channel.CHAT, external_id__in=ids)
    }
    missing = [c for c in ids if c not in rows]
    if not missing:
        return rows, set()
    firsts = {c: next(e for e in events if e.chat_id == c) for c in missing}
    listed: dict[str, Chat] = {}
    if any(not firsts[c].reply_sign for c in missing):
        listed = {c.chat_id: c for c in await ctx.wb.list_chats(auth)}
        for row in rows.values():  # the list shows every chat's current sign: keep the ones WB changed
            found = listed.get(row.external_id)
            row.reply_sign = await keep_sign(row.id, row.reply_sign, found.reply_sign if found else None)
    fresh = [_chat_row(seller.id, c, listed.get(c), firsts[c], now) for c in missing]
    await Interaction.bulk_create(fresh, ignore_conflicts=True)
    created = await Interaction.filter(seller_id=seller.id, channel=Channel.CHAT, external_id__in=missing)
    rows.update({r.external_id: r for r in created})
    return rows, {r.id for r in created}


async def _our_replies(interaction_ids: list[int]) -> dict[int, list[str]]:
    """The text of each chat's latest reply when it is in flight or sent: the feed may show it before the outbox
    records the send (older replies are on the row already, or were confirmed)."""
    latest: dict[int, tuple[ReplyStatus, str]] = {}
    for interaction_id, status, text in (
        await Reply.filter(interaction_id__in=interaction_ids)
        .order_by("id")
        .values_list("interaction_id", "status", "text")
    ):
        latest[interaction_id] = (status, text)
    return {i: [text] for i, (status, text) in latest.items() if status in IN_FLIGHT_OR_SENT}


def _decide(
    row: Interaction, lines: list[transitions.ChatLine], now: datetime, ours: Collection[str], settings: SellerSettings
) -> transitions.Transition:
    """The chat's transition for its new lines, with triage when the buyer now waits for a response."""
    transition = transitions.apply_chat_messages(row, lines, now, ours)
    if transition.changes.get("needs_response"):
        intent, t = triage_new(
            channel=Channel.CHAT,
            text=lines[-1].text or "",
            rating=None,
            occurred_at=lines[-1].at,
            business_hours=settings.business_hours,
        )
        # The buyer wrote again: the stored reading is void (read anew once the lines are applied, see ingest_events).
        transition.changes.update(
            intent=intent,
            priority=t.priority,
            priority_rank=t.priority_rank,
            due_at=t.due_at,
            **dict.fromkeys(("topics", *READING_COLUMNS)),
        )
    return transition


def _backlog(stats: RunStats, last_message_at: datetime) -> bool:
    """A chat the first sync finds waiting since before the connection: no card (core.backlog), until the buyer
    writes again (its announcement is still unclaimed then)."""
    return stats.backlog_before is not None and is_backlog(
        occurred_at=last_message_at, connected_at=stats.backlog_before
    )


async def ingest_events(
    ctx: SyncContext, seller: Seller, auth: WBAuth, events: list[ChatEvent], stats: RunStats, now: datetime
) -> None:
    """Store the packet's messages once and move each chat's state."""
    events = [e for e in events if e.event_type in (None, "message") and e.message is not None]
    if not events:
        return
    known = set(
        await ChatMessage.filter(seller_id=seller.id, event_id__in=[e.event_id for e in events]).values_list(
            "event_id", flat=True
        )
    )
    fresh = [e for e in events if e.event_id not in known]
    if known:
        # A replayed packet: the run that stored it died before announcing, and its messages are known now. Chats
        # still waiting for their announcement get it, like reviews' known-but-unannounced rows.
        replayed = {e.chat_id for e in events if e.event_id in known}
        waiting = await Interaction.filter(
            seller_id=seller.id, channel=Channel.CHAT, external_id__in=list(replayed), needs_response=True
        ).filter(notified_at=None)
        stats.notify_ids += [r.id for r in waiting if not _backlog(stats, r.occurred_at)]
    if not fresh:
        return
    rows, created = await _ensure_chats(ctx, seller, auth, fresh, now)
    messages = [
        ChatMessage(
            seller_id=seller.id,
            interaction_id=rows[e.chat_id].id,
            event_id=e.event_id,
            direction=DIRECTIONS.get(e.sender or "", ChatDirection.SYSTEM),
            sender=(e.sender or "")[:20],
            text=e.message.text if e.message else "",
            attachments=e.message.attachments.model_dump(mode="json", by_alias=True, exclude_none=True)
            if e.message and e.message.attachments
            else None,
            occurred_at=e.created_at,
        )
        for e in fresh
    ]
    await ChatMessage.bulk_create(messages, ignore_conflicts=True)
    await chat_files.register(seller.id, messages)
    settings = SellerSettings.of(seller.settings)
    wants_notice: list[int] = []
    ours = await _our_replies([r.id for r in rows.values()])
    for chat_id, row in rows.items():
        lines = [
            transitions.ChatLine(e.sender == "client", e.message.text if e.message else "", e.created_at)
            for e in sorted(fresh, key=lambda e: e.add_timestamp)
            if e.chat_id == chat_id and e.sender in DIRECTIONS  # system messages move nothing
        ]
        transition = _decide(row, lines, now, ours.get(row.id, ()), settings)
        applied = await transitions.apply(row, transition)
        if not applied and transition:
            # The outbox recorded a send between our read and this write: decide again on the fresh row (these
            # messages are behind the cursor now, no later sync would see them again).
            row = await Interaction.get(id=row.id)
            transition = _decide(row, lines, now, ours.get(row.id, ()), settings)
            applied = await transitions.apply(row, transition)
        if applied:
            stats.updated += row.id not in created
            if transition.changes.get("needs_response") and not _backlog(stats, lines[-1].at):
                # Read at once, not at the next draft: a harm or legal line in an open chat must make it urgent
                # and page (the card refresh below does), like a new item does on arrival.
                await readings.store(await Interaction.get(id=row.id))
                wants_notice.append(row.id)
            if row.id not in created:
                stats.refresh_ids.append(row.id)
    stats.fetched += len(fresh)
    stats.new += len(created)
    stats.link_ids += sorted(created)
    stats.notify_ids += wants_notice
    # The buyer's files before the cards go out, so a file WB has already cleared is sent with its card.
    stats.refresh_ids += [i for i in await chat_files.fetch_due(ctx.wb, seller.id, auth, now) if i not in created]
    await stats.flush_notifications(ctx.broker)


async def sync(
    ctx: SyncContext, seller: Seller, auth: WBAuth, cursor: SyncCursor, stats: RunStats, now: datetime
) -> None:
    """Read event packets from the saved cursor until WB has no more (or the per-run budget is spent)."""
    for _ in range(PACKETS_PER_RUN):
        if stats.pages and stats.out_of_time():
            break
        page = await ctx.wb.chat_events(auth, int(cursor.wb_cursor) if cursor.wb_cursor else None)
        stats.pages += 1
        stats.malformed += page.malformed
        if page.total_events == 0 and not page.events:
            break
        await ingest_events(ctx, seller, auth, page.events, stats, now)
        # WB's `next` is the packet's last event time; when it is missing or unusable the events tell it.
        nxt = page.next if page.next is not None else max((e.add_timestamp for e in page.events), default=None)
        if nxt is not None and str(nxt) != cursor.wb_cursor:
            cursor.wb_cursor = str(nxt)
            await cursor.save(update_fields=["wb_cursor", "updated_at"])
    else:
        stats.more = True
    # Files WB was still moderating: asked again once their wait is over (their cards are refreshed).
    stats.refresh_ids += await chat_files.fetch_due(ctx.wb, seller.id, auth, now)
    # The first sync goes on until the history is read: what it finds is backlog (see `_backlog`).
    if not cursor.backfill_done and not stats.more:
        cursor.backfill_done = True
        await cursor.save(update_fields=["backfill_done", "updated_at"])
