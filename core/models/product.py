"""Per-product facts a seller writes once (by WB nmId); the drafters quote them where the buyer's topic needs."""

from tortoise import fields
from tortoise.models import Model

# The kinds of fact and the most each may hold: short, so a reply stays a reply.
FACT_KINDS = ("sizing", "care", "known_issues", "in_box")
FACT_MAX_CHARS = 300


class ProductFacts(Model):
    id = fields.IntField(primary_key=True)
    seller = fields.ForeignKeyField("models.Seller", related_name="product_facts", on_delete=fields.CASCADE)
    nm_id = fields.BigIntField()
    sizing = fields.TextField(db_default="")
    care = fields.TextField(db_default="")
    known_issues = fields.TextField(db_default="")
    in_box = fields.TextField(db_default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "product_facts"
        unique_together = (("seller", "nm_id"),)

    def as_dict(self) -> dict[str, str]:
        """The non-empty facts by kind."""
        return {kind: getattr(self, kind) for kind in FACT_KINDS if getattr(self, kind)}
