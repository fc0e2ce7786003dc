"""Seller (a WB cabinet), its Telegram members and invitations."""

from typing import Any

from tortoise import fields
from tortoise.models import Model

from core.models.enums import MemberRole, SellerStatus, SummaryEvery


class Seller(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200, db_default="")
    # Fernet ciphertext of the WB token; never the token itself (see core.secrets).
    wb_token_enc = fields.TextField(null=True)
    token_scopes: fields.JSONField[list[str]] = fields.JSONField(default=list)
    token_expires_at = fields.DatetimeField(null=True)
    # The WB token's type as far as WB's answers tell (core.tokens.TokenType): base | standard | test; None: unknown.
    token_type = fields.CharField(max_length=20, null=True)
    status = fields.CharEnumField(SellerStatus, max_length=20, default=SellerStatus.ONBOARDING)
    pause_reason = fields.CharField(max_length=500, null=True)
    language = fields.CharField(max_length=5, default="ru")
    # Parsed by core.seller_settings.SellerSettings: pending window, auto-draft/send, business hours, phrases.
    settings: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    llm_enabled = fields.BooleanField(default=False, db_default=False)
    # When the onboarding summary of the backlog (core.backlog) was claimed: it is sent once per seller.
    backlog_noticed_at = fields.DatetimeField(null=True)
    # The last time a member acted on one of the seller's cards: sync's live mode (core.live) while it is recent.
    live_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    members: fields.ReverseRelation["SellerMember"]

    class Meta:
        table = "seller"

    def __repr__(self) -> str:  # the token ciphertext stays out of reprs and logs
        return f"<Seller id={self.id} name={self.name!r} status={self.status}>"

    __str__ = __repr__


class SellerMember(Model):
    id = fields.IntField(primary_key=True)
    seller: fields.ForeignKeyRelation[Seller] = fields.ForeignKeyField(
        "models.Seller", related_name="members", on_delete=fields.CASCADE
    )
    seller_id: int  # the key column tortoise sets beside each relation, declared for the type checker
    tg_user_id = fields.BigIntField(db_index=True)
    tg_chat_id = fields.BigIntField()
    name = fields.CharField(max_length=200, db_default="")
    role = fields.CharEnumField(MemberRole, max_length=10)
    language = fields.CharField(max_length=5, null=True)
    blocked_bot = fields.BooleanField(default=False, db_default=False)
    active = fields.BooleanField(default=True, db_default=True)
    # A Telegram user may belong to several sellers: commands act on the one chosen last (see core.memberships).
    selected_at = fields.DatetimeField(null=True)
    # The pushed summary (/digest settings) and the last period it was claimed for (core.summary_push).
    summary_every = fields.CharEnumField(SummaryEvery, max_length=10, default=SummaryEvery.OFF, db_default="off")
    summary_period = fields.CharField(max_length=20, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "seller_member"
        unique_together = (("seller", "tg_user_id"),)


class Invite(Model):
    """A one-time code an owner hands to an operator."""

    id = fields.IntField(primary_key=True)
    seller: fields.ForeignKeyRelation[Seller] = fields.ForeignKeyField(
        "models.Seller", related_name="invites", on_delete=fields.CASCADE
    )
    seller_id: int
    code = fields.CharField(max_length=64, unique=True)
    role = fields.CharEnumField(MemberRole, max_length=10, default=MemberRole.OPERATOR)
    created_by: fields.ForeignKeyNullableRelation[SellerMember] = fields.ForeignKeyField(
        "models.SellerMember", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    expires_at = fields.DatetimeField()
    used_by_tg_user_id = fields.BigIntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "invite"
