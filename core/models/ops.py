"""Links, sync state, alerts, audit trail and admin users."""

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from core.models.enums import AdminRole, AdminTokenPurpose, AlertSeverity, Channel, LinkKind, SyncRunStatus

if TYPE_CHECKING:
    from core.models.interaction import Interaction
    from core.models.seller import Seller, SellerMember


class Link(Model):
    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, on_delete=fields.CASCADE
    )
    seller_id: int  # the key column tortoise sets beside each relation, declared for the type checker
    # Stored with a.id < b.id so a pair has one row.
    a: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="links_out", on_delete=fields.CASCADE
    )
    a_id: int
    b: fields.ForeignKeyRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="links_in", on_delete=fields.CASCADE
    )
    b_id: int
    kind = fields.CharEnumField(LinkKind, max_length=15)
    confidence = fields.FloatField()
    reason = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "link"
        unique_together = (("a", "b"),)
        indexes = (Index(fields=("b_id",), name="ix_link_b"),)


class SyncCursor(Model):
    id = fields.IntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name="cursors", on_delete=fields.CASCADE
    )
    seller_id: int
    channel = fields.CharEnumField(Channel, max_length=10)
    watermark = fields.DatetimeField(null=True)
    wb_cursor = fields.CharField(max_length=100, null=True)
    backfill_done = fields.BooleanField(default=False, db_default=False)
    # Resumable backfill: where the last page ended (skip offset, answered flag) and how much was done.
    backfill_state: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    next_due_at = fields.DatetimeField(null=True)
    last_success_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    last_error_at = fields.DatetimeField(null=True)
    consecutive_failures = fields.IntField(default=0, db_default=0)
    consecutive_429 = fields.IntField(default=0, db_default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sync_cursor"
        unique_together = (("seller", "channel"),)
        indexes = (Index(fields=("next_due_at",), name="ix_cursor_due"),)


class SyncRun(Model):
    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name="sync_runs", on_delete=fields.CASCADE
    )
    seller_id: int
    channel = fields.CharEnumField(Channel, max_length=10)
    status = fields.CharEnumField(SyncRunStatus, max_length=10, default=SyncRunStatus.RUNNING)
    backfill = fields.BooleanField(default=False, db_default=False)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    pages = fields.IntField(default=0, db_default=0)
    fetched = fields.IntField(default=0, db_default=0)
    new = fields.IntField(default=0, db_default=0)
    updated = fields.IntField(default=0, db_default=0)
    skipped_malformed = fields.IntField(default=0, db_default=0)
    http_calls = fields.IntField(default=0, db_default=0)
    rate_limited = fields.IntField(default=0, db_default=0)
    duration_ms = fields.IntField(default=0, db_default=0)
    error = fields.TextField(null=True)

    class Meta:
        table = "sync_run"
        indexes = (Index(fields=("seller_id", "channel", "started_at"), name="ix_sync_run_seller"),)


class Alert(Model):
    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=50)
    severity = fields.CharEnumField(AlertSeverity, max_length=10)
    seller: fields.ForeignKeyNullableRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name="alerts", null=True, on_delete=fields.CASCADE
    )
    seller_id: int | None
    text = fields.TextField()
    # "kind:seller" while open, NULL once resolved: one open alert per kind × seller, on every dialect.
    open_key = fields.CharField(max_length=100, null=True, unique=True)
    first_seen = fields.DatetimeField()
    last_seen = fields.DatetimeField()
    count = fields.IntField(default=1, db_default=1)
    # Set once Telegram accepted every message of the alert; `claimed_at` is the current attempt's lease and
    # `delivered_chats` the chats that have it already (a re-sent alert skips them).
    delivered_at = fields.DatetimeField(null=True)
    claimed_at = fields.DatetimeField(null=True)
    delivered_chats: fields.JSONField[Any] = fields.JSONField(null=True)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "alert"
        indexes = (Index(fields=("seller_id", "resolved_at"), name="ix_alert_seller"),)


class AuditEvent(Model):
    id = fields.BigIntField(primary_key=True)
    seller: fields.ForeignKeyNullableRelation["Seller"] = fields.ForeignKeyField(
        "models.Seller", related_name=None, null=True, on_delete=fields.CASCADE
    )
    seller_id: int | None
    interaction: fields.ForeignKeyNullableRelation["Interaction"] = fields.ForeignKeyField(
        "models.Interaction", related_name="audit", null=True, on_delete=fields.CASCADE
    )
    interaction_id: int | None
    actor_member: fields.ForeignKeyNullableRelation["SellerMember"] = fields.ForeignKeyField(
        "models.SellerMember", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    actor_member_id: int | None
    actor_admin: fields.ForeignKeyNullableRelation["AdminUser"] = fields.ForeignKeyField(
        "models.AdminUser", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    actor_admin_id: int | None
    actor_tg_user_id = fields.BigIntField(null=True)
    action = fields.CharField(max_length=50)
    object_type = fields.CharField(max_length=30, db_default="")
    object_id = fields.BigIntField(null=True)
    before = fields.TextField(null=True)
    after = fields.TextField(null=True)
    meta: fields.JSONField[Any] = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "audit_event"
        indexes = (Index(fields=("seller_id", "created_at"), name="ix_audit_seller"),)


class AdminUser(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=200, unique=True)
    password_hash = fields.CharField(max_length=200)
    role = fields.CharEnumField(AdminRole, max_length=10, default=AdminRole.ADMIN)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)
    # Every session carries the version it was signed in with; bumping it (logout, password or role change,
    # disabling) ends all sessions of the account at their next request.
    session_version = fields.IntField(default=1, db_default=1)
    disabled = fields.BooleanField(default=False, db_default=False)

    class Meta:
        table = "admin_user"

    def __repr__(self) -> str:  # the hash stays out of reprs
        return f"<AdminUser id={self.id} email={self.email!r}>"


class AdminToken(Model):
    """A one-time link for an admin account (admin.accounts): an invite or a password reset. Only the SHA-256 of
    the random token is stored; the link works once (`used_at`) and until `expires_at`."""

    id = fields.IntField(primary_key=True)
    admin: fields.ForeignKeyRelation["AdminUser"] = fields.ForeignKeyField(
        "models.AdminUser", related_name="tokens", on_delete=fields.CASCADE
    )
    admin_id: int
    purpose = fields.CharEnumField(AdminTokenPurpose, max_length=10)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_by: fields.ForeignKeyNullableRelation["AdminUser"] = fields.ForeignKeyField(
        "models.AdminUser", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "admin_token"
