"""Builders for admin tests: a seller with a few interactions across channels, a link, drafts, replies, runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.models import (
    Alert,
    AlertSeverity,
    Card,
    Channel,
    DeliveryState,
    Interaction,
    InteractionStatus,
    Link,
    LinkKind,
    MemberRole,
    Priority,
    ReplyStatus,
    Seller,
    SellerMember,
    SellerStatus,
    SyncCursor,
    SyncRun,
    SyncRunStatus,
)
from tests.factories import make_draft, make_reply, new_seller


@dataclass
class Seeded:
    seller: Seller
    review: Interaction
    chat: Interaction
    question: Interaction


async def seed(now: datetime | None = None) -> Seeded:
    """One active seller: a 2★ review (open, urgent), the same buyer's chat (linked), an answered question."""
    now = now or datetime.now(UTC)
    seller = await new_seller("Shop <b>One</b>", status=SellerStatus.ACTIVE, token_scopes=["review"])
    member = await SellerMember.create(seller=seller, tg_user_id=1, tg_chat_id=1, name="Owner", role=MemberRole.OWNER)
    review = await Interaction.create(
        seller=seller,
        channel=Channel.REVIEW,
        external_id="fb-1",
        nm_id=777001,
        product_name="Чайник",
        buyer_name="Анна",
        text="Пришёл сломанный <script>alert(1)</script>",
        rating=2,
        occurred_at=now - timedelta(hours=2),
        status=InteractionStatus.NEEDS_RESPONSE,
        priority=Priority.URGENT,
        priority_rank=0,
        due_at=now - timedelta(minutes=30),
    )
    chat = await Interaction.create(
        seller=seller,
        channel=Channel.CHAT,
        external_id="chat-1",
        nm_id=777001,
        buyer_name="Анна",
        text="Когда вернёте деньги за чайник?",
        occurred_at=now - timedelta(hours=1),
        status=InteractionStatus.NEEDS_RESPONSE,
        priority=Priority.HIGH,
        priority_rank=1,
    )
    question = await Interaction.create(
        seller=seller,
        channel=Channel.QUESTION,
        external_id="q-1",
        nm_id=777002,
        text="Есть ли гарантия?",
        occurred_at=now - timedelta(days=1),
        status=InteractionStatus.ANSWERED,
        needs_response=False,
        first_response_at=now - timedelta(hours=20),
        answer="Да, год.",
    )
    await Link.create(
        seller=seller, a=review, b=chat, kind=LinkKind.DETERMINISTIC, confidence=0.95, reason="same buyer"
    )
    draft = await make_draft(question, "Да, год.")
    await make_reply(question, "Да, год.", draft=draft, idempotency_key="q-1:1")
    await make_reply(review, "Извините", idempotency_key="fb-1:1", status=ReplyStatus.FAILED)
    await Card.create(interaction=review, member=member, tg_chat_id=1, tg_message_id=10, state=DeliveryState.SENT)
    await SyncCursor.create(seller=seller, channel=Channel.REVIEW, last_success_at=now - timedelta(minutes=1))
    await SyncRun.create(
        seller=seller,
        channel=Channel.REVIEW,
        status=SyncRunStatus.OK,
        started_at=now - timedelta(minutes=1),
        fetched=5,
        new=2,
        http_calls=3,
        rate_limited=1,
    )
    await SyncRun.create(
        seller=seller, channel=Channel.CHAT, status=SyncRunStatus.FAILED, started_at=now, http_calls=1, error="timeout"
    )
    await Alert.create(
        kind="stale_sync",
        severity=AlertSeverity.CRITICAL,
        seller=seller,
        text="Chats not synced for 20 min",
        open_key=f"stale_sync:{seller.id}",
        first_seen=now,
        last_seen=now,
    )
    return Seeded(seller, review, chat, question)
