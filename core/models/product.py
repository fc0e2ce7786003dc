"""Per-product facts a seller writes once (by WB nmId); the drafters quote them where the buyer's topic needs."""

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

if TYPE_CHECKING:
    from core.models.seller import Seller

# The kinds of fact and the most each may hold: short, so a reply stays a reply. A fact is quoted only where its
# content answers what the buyer wrote (core.drafting.facts).
FACT_KINDS = (
    "sizing",
    "care",
    "known_issues",
    "in_box",
    "composition",
    "dimensions",
    "compatibility",
    "warranty",
    "restock",
    "origin",
)
FACT_MAX_CHARS = 300


class ProductFacts(Model):
    id = fields.IntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name="product_facts", on_delete=fields.CASCADE
    )
    seller_id: int  # the key column tortoise sets beside each relation, declared for the type checker
    nm_id = fields.BigIntField()
    sizing = fields.TextField(db_default="")
    care = fields.TextField(db_default="")
    known_issues = fields.TextField(db_default="")
    in_box = fields.TextField(db_default="")
    composition = fields.TextField(db_default="")  # composition / material
    dimensions = fields.TextField(db_default="")  # dimensions / weight
    compatibility = fields.TextField(db_default="")
    warranty = fields.TextField(db_default="")
    restock = fields.TextField(db_default="")
    origin = fields.TextField(db_default="")  # origin / authenticity
    # The seller's English text of a fact, by kind (optional): an English reply quotes it, never the Russian one.
    english: fields.JSONField[Any] = fields.JSONField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "product_facts"
        unique_together = (("seller", "nm_id"),)

    def as_dict(self, language: str = "ru") -> dict[str, str]:
        """The non-empty facts by kind in `language`: an English reply takes the English text of a fact where the
        seller gave one, else the main text (the drafters leave out a main text written in Russian)."""
        english = (self.english or {}) if language == "en" else {}
        texts = {kind: english.get(kind) or getattr(self, kind) for kind in FACT_KINDS}
        return {kind: text for kind, text in texts.items() if text}


class ProductSpike(Model):
    """A topic jumping on one product of a seller (core.spikes): open while the jump lasts, one per product ×
    topic (`open_key`, like ops alerts), delivered once to the owners."""

    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int
    nm_id = fields.BigIntField()
    topic = fields.CharField(max_length=40)
    product_name = fields.CharField(max_length=300, null=True)
    recent = fields.IntField()
    baseline = fields.IntField()
    rating_recent = fields.FloatField(null=True)
    rating_baseline = fields.FloatField(null=True)
    # "seller:nm:topic" while open, NULL once resolved.
    open_key = fields.CharField(max_length=100, null=True, unique=True)
    first_seen = fields.DatetimeField()
    last_seen = fields.DatetimeField()
    delivered_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "product_spike"
        indexes = (Index(fields=("seller_id", "nm_id", "first_seen"), name="ix_spike_product"),)


class SpikeMute(Model):
    """An owner muted spikes of this product × topic until `until`."""

    id = fields.IntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int
    nm_id = fields.BigIntField()
    topic = fields.CharField(max_length=40)
    until = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "spike_mute"
        unique_together = (("seller", "nm_id", "topic"),)
