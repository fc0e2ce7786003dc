"""Interaction (one review, question or chat), chat messages and Telegram cards."""

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from core.models.enums import (
    AnswerState,
    Channel,
    ChatDirection,
    DeliveryState,
    FileState,
    InteractionSource,
    InteractionStatus,
    Priority,
    WbSyncState,
)

if TYPE_CHECKING:
    from core.models.seller import Seller, SellerMember


class Interaction(Model):
    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name="interactions", on_delete=fields.CASCADE
    )
    seller_id: int  # the key column tortoise sets beside each relation, declared for the type checker
    channel = fields.CharEnumField(Channel, max_length=10)
    external_id = fields.CharField(max_length=64)
    nm_id = fields.BigIntField(null=True)
    product_name = fields.CharField(max_length=300, null=True)
    supplier_article = fields.CharField(max_length=100, null=True)
    brand = fields.CharField(max_length=200, null=True)
    buyer_name = fields.CharField(max_length=200, null=True)
    # No longer filled: WB dropped chat `clientID` in 2026 and names no buyer anywhere else (kept for old rows).
    buyer_id = fields.CharField(max_length=100, null=True)
    text = fields.TextField(db_default="")
    pros = fields.TextField(null=True)
    cons = fields.TextField(null=True)
    rating = fields.SmallIntField(null=True)
    occurred_at = fields.DatetimeField()
    status = fields.CharEnumField(InteractionStatus, max_length=20, default=InteractionStatus.NEW)
    needs_response = fields.BooleanField(default=True, db_default=True)
    priority = fields.CharEnumField(Priority, max_length=10, default=Priority.NORMAL)
    priority_rank = fields.SmallIntField(default=2, db_default=2)
    intent = fields.CharField(max_length=30, null=True)
    # core.topics.Topic values the buyer raised (stable strings; analytics counts them). None: not detected yet.
    topics: fields.JSONField[Any] = fields.JSONField(null=True)
    # The rest of the buyer's reading (core.reading, stored with the topics by core.readings): core.reading.Situation
    # values (JSON list, like topics), the Mood, the reply language ("ru"/"en") and the ProductKind. Plain strings,
    # not enum columns: the reader may append values without a migration. None: not read yet.
    situations: fields.JSONField[Any] = fields.JSONField(null=True)
    mood = fields.CharField(max_length=12, null=True)
    reply_language = fields.CharField(max_length=5, null=True)
    product_kind = fields.CharField(max_length=12, null=True)
    due_at = fields.DatetimeField(null=True)
    answer = fields.TextField(null=True)
    answer_state = fields.CharEnumField(AnswerState, max_length=12, default=AnswerState.NONE)
    answer_state_raw = fields.CharField(max_length=50, null=True)
    answer_editable = fields.BooleanField(null=True)
    rejection_reason = fields.TextField(null=True)
    wb_sync_state = fields.CharEnumField(WbSyncState, max_length=10, default=WbSyncState.NONE)
    pending_until = fields.DatetimeField(null=True)
    # When the seller skipped it (status `skipped`); cleared by Unskip.
    skipped_at = fields.DatetimeField(null=True)
    source = fields.CharEnumField(InteractionSource, max_length=10, default=InteractionSource.WB_API)
    # WB supplements: a buyer's follow-up review points at the earlier one.
    parent_external_id = fields.CharField(max_length=64, null=True)
    # Chat: the goodCard's order id (rid) and the replySign WB requires to answer.
    order_ref = fields.CharField(max_length=100, null=True)
    reply_sign = fields.CharField(max_length=255, null=True)
    raw_payload: fields.JSONField[Any] = fields.JSONField(null=True)
    # WB's own last-change time of the item (claims: `dt_update`): a re-read with the same stamp changes nothing.
    wb_updated_at = fields.DatetimeField(null=True)
    first_response_at = fields.DatetimeField(null=True)
    answered_at = fields.DatetimeField(null=True)
    # Set once, when the "new interaction" event is emitted: the guard against a second notification.
    notified_at = fields.DatetimeField(null=True)
    # Set once, when the owner was paged about a harm/legal reading (core.readings.claim_page): its first cards, or
    # its card sent anew when a chat turned harmful after its cards went out.
    paged_at = fields.DatetimeField(null=True)
    # Set once, when the item's due time passed while it still waited: its open cards are re-rendered as overdue.
    overdue_noticed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "interaction"
        unique_together = (("seller", "channel", "external_id"),)
        indexes = (
            Index(fields=("seller_id", "needs_response", "priority_rank", "occurred_at"), name="ix_inbox_needs"),
            Index(fields=("seller_id", "status", "priority_rank", "occurred_at"), name="ix_inbox_status"),
            Index(fields=("due_at",), name="ix_interaction_due"),
            Index(fields=("seller_id", "channel", "occurred_at"), name="ix_watermark"),
            Index(fields=("seller_id", "nm_id", "occurred_at"), name="ix_link_product"),
            Index(fields=("seller_id", "buyer_name"), name="ix_buyer_name"),
            Index(fields=("seller_id", "buyer_id"), name="ix_buyer_id"),
            Index(fields=("wb_sync_state", "pending_until"), name="ix_pending"),
            # Linking: supplements looked up by parent id, chats by order.
            Index(fields=("seller_id", "parent_external_id"), name="ix_link_parent"),
            Index(fields=("seller_id", "order_ref"), name="ix_link_order"),
            # All-seller dashboards: covering indexes so 30-day aggregates are index-only scans (bench/README.md).
            Index(fields=("occurred_at", "channel", "first_response_at", "due_at"), name="ix_received_cover"),
            Index(fields=("first_response_at", "channel", "answer_state"), name="ix_answered_cover"),
            # The all-seller inbox/drill-down walks this in page order instead of sorting every open item.
            Index(fields=("priority_rank", "occurred_at"), name="ix_inbox_all"),
            # Moderation-rejection alerts: rejected rows are rare, so this finds them without a scan.
            Index(fields=("answer_state", "updated_at"), name="ix_answer_state"),
        )

    def __repr__(self) -> str:
        return f"<Interaction id={self.id} {self.channel}:{self.external_id} status={self.status}>"


class ChatMessage(Model):
    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int
    interaction: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="messages", on_delete=fields.CASCADE
    )
    interaction_id: int
    event_id = fields.CharField(max_length=100)
    direction = fields.CharEnumField(ChatDirection, max_length=3)
    sender = fields.CharField(max_length=20, db_default="")
    text = fields.TextField(db_default="")
    attachments: fields.JSONField[Any] = fields.JSONField(null=True)
    occurred_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "chat_message"
        unique_together = (("seller", "event_id"),)
        indexes = (Index(fields=("interaction_id", "occurred_at"), name="ix_chat_msg_time"),)


class ChatFile(Model):
    """A file the buyer attached in a chat (WB downloadID), fetched once through the chat bucket for the cards.

    `tg_file_id` caches Telegram's copy after the first upload, so other members get it without a second upload.
    """

    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int
    interaction: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="files", on_delete=fields.CASCADE
    )
    interaction_id: int
    download_id = fields.CharField(max_length=100)
    name = fields.CharField(max_length=255, db_default="")
    content_type = fields.CharField(max_length=100, null=True)
    state = fields.CharEnumField(FileState, max_length=12, default=FileState.NEW)
    # When to ask WB again while it moderates the file (its `retrySeconds`).
    retry_at = fields.DatetimeField(null=True)
    content = fields.BinaryField(null=True)
    tg_file_id = fields.CharField(max_length=255, null=True)
    # Set once (a conditional UPDATE) when a file that became ready after the cards went out was sent to them.
    followed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "chat_file"
        unique_together = (("seller", "download_id"),)
        indexes = (Index(fields=("seller_id", "state", "retry_at"), name="ix_chat_file_due"),)


class Card(Model):
    """One Telegram card per interaction and member: the unique pair makes notification idempotent."""

    id = fields.BigIntField(primary_key=True)
    interaction: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="cards", on_delete=fields.CASCADE
    )
    interaction_id: int
    member: fields.ForeignKeyRelation["SellerMember"] = fields.ForeignKeyField(
        "models.SellerMember", related_name="cards", on_delete=fields.CASCADE
    )
    member_id: int
    tg_chat_id = fields.BigIntField()
    tg_message_id = fields.BigIntField(null=True)
    state = fields.CharEnumField(DeliveryState, max_length=10, default=DeliveryState.CLAIMED)
    # A claimed card's current send attempt began then (its lease, see core.cards); NULL: owed, nobody sending yet.
    claimed_at = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0, db_default=0)
    error = fields.TextField(null=True)
    # The quiet-hours digest that listed this held card (claimed by one UPDATE, so a card is in one digest only).
    digest: fields.ForeignKeyNullableRelation["Digest"] = fields.ForeignKeyField(
        "models.Digest", related_name="cards", null=True, on_delete=fields.SET_NULL
    )
    digest_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "card"
        unique_together = (("interaction", "member"),)
        indexes = (
            Index(fields=("tg_chat_id", "tg_message_id"), name="ix_card_message"),
            Index(fields=("state", "created_at"), name="ix_card_state"),
        )


class Digest(Model):
    """One quiet-hours digest message to a member: the cards held overnight, listed once in the morning."""

    id = fields.BigIntField(primary_key=True)
    member: fields.ForeignKeyRelation["SellerMember"] = fields.ForeignKeyField(
        "models.SellerMember", related_name=None, on_delete=fields.CASCADE
    )
    member_id: int
    tg_message_id = fields.BigIntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "digest"
