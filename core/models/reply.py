"""Drafts and the reply outbox."""

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from core.models.enums import DraftOrigin, ReplyQuality, ReplyStatus, ReplyVia

if TYPE_CHECKING:
    from core.models.interaction import Interaction
    from core.models.ops import AdminUser
    from core.models.seller import SellerMember


class Draft(Model):
    id = fields.BigIntField(primary_key=True)
    interaction: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="drafts", on_delete=fields.CASCADE
    )
    interaction_id: int  # the key column tortoise sets beside each relation, declared for the type checker
    text = fields.TextField()
    origin = fields.CharEnumField(DraftOrigin, max_length=10)
    model = fields.CharField(max_length=100, null=True)
    variant = fields.IntField(db_default=0, default=0)
    # Guardrail verdict as stored by core.guardrails (ok + violations).
    verdict: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    ok = fields.BooleanField(default=True, db_default=True)
    void = fields.BooleanField(default=False, db_default=False)
    prompt_tokens = fields.IntField(default=0, db_default=0)
    completion_tokens = fields.IntField(default=0, db_default=0)
    # What the buyer asked that neither templates nor product facts answer (core.drafting): the seller must answer;
    # the text is then only an honest holding line. NULL: the draft answers everything.
    asked = fields.TextField(null=True)
    # "interaction:variant" for generated drafts (core.drafting.service): a double tap that generates the same
    # variant twice stores it once, on every dialect. NULL for other drafts (NULLs never collide).
    dedupe_key = fields.CharField(max_length=40, null=True, unique=True)
    created_by: fields.ForeignKeyNullableRelation["SellerMember"] = fields.ForeignKeyField(
        "models.SellerMember", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "draft"
        indexes = (Index(fields=("interaction_id", "created_at"), name="ix_draft_interaction"),)


class Reply(Model):
    id = fields.BigIntField(primary_key=True)
    interaction: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="replies", on_delete=fields.CASCADE
    )
    interaction_id: int
    draft: fields.ForeignKeyNullableRelation["Draft"] = fields.ForeignKeyField(
        "models.Draft", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    draft_id: int | None
    text = fields.TextField()
    # Claims (channel return): WB's action (`approve1`, `rejectcustom`…); `text` is then the comment, "" for none.
    action = fields.CharField(max_length=30, null=True)
    # interaction + text hash + attempt: a double approve maps to the same key and the same row.
    idempotency_key = fields.CharField(max_length=128, unique=True)
    status = fields.CharEnumField(ReplyStatus, max_length=10, default=ReplyStatus.QUEUED)
    quality = fields.CharEnumField(ReplyQuality, max_length=10, default=ReplyQuality.MANUAL)
    via = fields.CharEnumField(ReplyVia, max_length=10, default=ReplyVia.TELEGRAM)
    attempts = fields.IntField(default=0, db_default=0)
    last_error = fields.TextField(null=True)
    approved_by: fields.ForeignKeyNullableRelation["SellerMember"] = fields.ForeignKeyField(
        "models.SellerMember", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    approved_by_id: int | None
    approved_by_admin: fields.ForeignKeyNullableRelation["AdminUser"] = fields.ForeignKeyField(
        "models.AdminUser", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    approved_by_admin_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    sending_at = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    # Written before the first POST leaves: from then on WB may hold this answer, so no POST without a read-back.
    posted_at = fields.DatetimeField(null=True)
    # Since when the outcome is unknown (the "not sure it was sent" deadline counts from here); read-backs made.
    unknown_since = fields.DatetimeField(null=True)
    checks = fields.IntField(default=0, db_default=0)

    class Meta:
        table = "reply"
        indexes = (
            Index(fields=("interaction_id", "status"), name="ix_reply_interaction"),
            Index(fields=("status", "created_at"), name="ix_reply_status"),
        )


class ReplyFile(Model):
    """A file the seller sends into a chat with a reply (JPEG, PNG or PDF), POSTed with its text once."""

    id = fields.BigIntField(primary_key=True)
    reply: fields.ForeignKeyRelation["Reply"] = fields.ForeignKeyField(
        "models.Reply", related_name="files", on_delete=fields.CASCADE
    )
    reply_id: int
    name = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=50)
    content = fields.BinaryField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "reply_file"
