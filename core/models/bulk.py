"""Backlog bulk approvals (core.backlog_bulk): one batch per confirmed cluster, one row per item it answers."""

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from core.models.interaction import Interaction
    from core.models.reply import Reply
    from core.models.seller import Seller, SellerMember


class BulkBatch(Model):
    """A cluster of backlog reviews the seller approved with one tap. Its items are queued at the send pace and
    stop being queued while `paused`."""

    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int  # the key column tortoise sets beside each relation, declared for the type checker
    cluster = fields.CharField(max_length=40)
    # The confirm button's nonce: a double tap (or a redelivered update) finds this batch instead of a second one.
    token = fields.CharField(max_length=64, unique=True)
    total = fields.IntField(default=0)
    paused = fields.BooleanField(default=False)
    created_by: fields.ForeignKeyNullableRelation["SellerMember"] = fields.ForeignKeyField(
        "models.SellerMember", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    # The progress message edited in place, and when it was last edited (edits are rate-limited).
    chat_id = fields.BigIntField(null=True)
    message_id = fields.BigIntField(null=True)
    progress_at = fields.DatetimeField(null=True)
    # When the progress message last showed the batch done: no more edits.
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "bulk_batch"


class BulkItem(Model):
    """One backlog item in a batch: at most one per interaction ever (the unique key is the exactly-once guard),
    its reply once queued, or why it was left for the seller."""

    id = fields.BigIntField(primary_key=True)
    batch: fields.ForeignKeyRelation[BulkBatch] = fields.ForeignKeyField(
        "models.BulkBatch", related_name="items", on_delete=fields.CASCADE
    )
    batch_id: int
    interaction: fields.OneToOneRelation["Interaction"] = fields.OneToOneField(
        "models.Interaction", related_name=None, on_delete=fields.CASCADE
    )
    interaction_id: int
    reply: fields.ForeignKeyNullableRelation["Reply"] = fields.ForeignKeyField(
        "models.Reply", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    reply_id: int | None
    refused = fields.CharField(max_length=60, null=True)

    class Meta:
        table = "bulk_item"
