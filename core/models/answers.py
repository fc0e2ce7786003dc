"""What the seller's published answers leave behind: repetition signatures, answers taught once per product, and the
daily line of what auto-send published."""

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

if TYPE_CHECKING:
    from core.models.interaction import Interaction
    from core.models.reply import Reply
    from core.models.seller import Seller, SellerMember


class AnswerSignature(Model):
    """The repetition guard's trace of one public answer (core.repetition): a hash of its first 120 normalised
    characters and the hashes of its word 5-shingles, never the text again."""

    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int  # the key column tortoise sets beside each relation, declared for the type checker
    interaction: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name=None, on_delete=fields.CASCADE
    )
    interaction_id: int
    reply: fields.OneToOneRelation["Reply"] = fields.OneToOneField(
        "models.Reply", related_name=None, on_delete=fields.CASCADE
    )
    reply_id: int
    prefix = fields.CharField(max_length=32)
    # How many shingles, and their 4-byte hashes packed as hex (one string: nothing to decode but what is compared).
    size = fields.IntField(default=0)
    shingles = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "answer_signature"
        indexes = (Index(fields=("seller_id", "created_at"), name="ix_signature_recent"),)


class ProductAnswer(Model):
    """An answer the seller gave once to a buyer's question about a product, kept to draft the next buyer's same
    question ("teach once", core.taught): the question, its key words, and the seller's answer."""

    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int
    nm_id = fields.BigIntField()
    question = fields.TextField()
    keywords: fields.JSONField[list[str]] = fields.JSONField(default=list)
    answer = fields.TextField()
    interaction: fields.ForeignKeyNullableRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    interaction_id: int | None
    created_by: fields.ForeignKeyNullableRelation["SellerMember"] = fields.ForeignKeyField(
        "models.SellerMember", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "product_answer"
        unique_together = (("seller", "interaction"),)
        indexes = (Index(fields=("seller_id", "nm_id"), name="ix_product_answer"),)


class AutoSendReport(Model):
    """The daily line of what auto-send published, claimed once per seller and local day before it is sent."""

    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int
    day = fields.CharField(max_length=10)
    count = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "autosend_report"
        unique_together = (("seller", "day"),)


class RecoveryReport(Model):
    """The weekly "answers that won buyers back" line (core.recovery_report), claimed once per seller and ISO week
    (e.g. "2026-W50", of the seller's zone) before it is sent."""

    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int
    week = fields.CharField(max_length=10)
    recovered = fields.IntField(default=0)
    answered = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "recovery_report"
        unique_together = (("seller", "week"),)
