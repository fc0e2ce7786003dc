"""JSON shapes of the API (read from ORM objects with `from_attributes`); secrets are never part of them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from core.models import (
    AlertSeverity,
    AnswerState,
    Channel,
    DraftOrigin,
    InteractionStatus,
    Priority,
    ReplyQuality,
    ReplyStatus,
    ReplyVia,
    SellerStatus,
    SyncRunStatus,
    WbSyncState,
)


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SessionOut(BaseModel):
    authenticated: bool
    email: str | None = None
    csrf_token: str


class LoginIn(BaseModel):
    email: str = Field(max_length=200)
    password: str = Field(max_length=200)


class CursorOut(_Out):
    channel: Channel
    last_success_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    consecutive_429: int


class SellerOut(_Out):
    id: int
    name: str
    status: SellerStatus
    pause_reason: str | None
    token_scopes: list[str]
    token_expires_at: datetime | None
    has_token: bool
    members: int
    cursors: list[CursorOut]


class PauseIn(BaseModel):
    reason: str = Field(default="", max_length=500)


class AlertOut(_Out):
    id: int
    kind: str
    severity: AlertSeverity
    seller_id: int | None
    text: str
    first_seen: datetime
    last_seen: datetime
    count: int
    delivered_at: datetime | None
    resolved_at: datetime | None


class SyncRunOut(_Out):
    id: int
    seller_id: int
    channel: Channel
    status: SyncRunStatus
    backfill: bool
    started_at: datetime
    finished_at: datetime | None
    pages: int
    fetched: int
    new: int
    updated: int
    skipped_malformed: int
    http_calls: int
    rate_limited: int
    duration_ms: int
    error: str | None


class InteractionOut(_Out):
    id: int
    seller_id: int
    channel: Channel
    external_id: str
    nm_id: int | None
    product_name: str | None
    buyer_name: str | None
    text: str
    pros: str | None
    cons: str | None
    rating: int | None
    occurred_at: datetime
    status: InteractionStatus
    priority: Priority
    intent: str | None
    # The buyer's reading (core.readings): stable values, None until read.
    topics: list[str] | None
    situations: list[str] | None
    mood: str | None
    reply_language: str | None
    product_kind: str | None
    due_at: datetime | None
    answer: str | None
    answer_state: AnswerState
    wb_sync_state: WbSyncState
    first_response_at: datetime | None


class DraftOut(_Out):
    id: int
    text: str
    origin: DraftOrigin
    model: str | None
    ok: bool
    void: bool
    verdict: dict
    created_at: datetime


class ReplyOut(_Out):
    id: int
    text: str
    status: ReplyStatus
    quality: ReplyQuality
    via: ReplyVia
    attempts: int
    last_error: str | None
    approved_by_id: int | None
    approved_by_admin_id: int | None
    created_at: datetime
    sent_at: datetime | None


class AuditOut(_Out):
    id: int
    action: str
    actor_member_id: int | None
    actor_admin_id: int | None
    actor_tg_user_id: int | None
    before: str | None
    after: str | None
    meta: dict | None
    created_at: datetime


class ReplyIn(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    draft_id: int | None = None


class ReplyAccepted(BaseModel):
    reply_id: int
    status: ReplyStatus


class ViolationOut(BaseModel):
    rule_id: str
    fragment: str
    start: int
    end: int
    severity: str
    reason: str


class GuardrailRefusal(BaseModel):
    detail: str
    violations: list[ViolationOut]


class CriterionOut(_Out):
    key: str
    ok: bool
    value: float | None
    threshold: float
    unit: str


class SellerReadinessOut(_Out):
    seller_id: int
    seller_name: str
    go: bool
    criteria: list[CriterionOut]


class ReadinessOut(_Out):
    go: bool
    criteria: list[CriterionOut]
    sellers: list[SellerReadinessOut]
