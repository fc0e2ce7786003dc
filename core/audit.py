"""The audit trail: who did what to which object, from the bot, the admin or the system."""

from __future__ import annotations

from typing import Any

from core.guardrails.patterns import redact
from core.models import AuditEvent


async def record(
    action: str,
    *,
    seller_id: int | None = None,
    interaction_id: int | None = None,
    member_id: int | None = None,
    admin_id: int | None = None,
    tg_user_id: int | None = None,
    object_type: str = "",
    object_id: int | None = None,
    before: str | None = None,
    after: str | None = None,
    meta: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event (never updated afterwards). A secret in its texts (a WB token pasted into a reply) is
    cut to its first characters first: the guardrails refuse such a text before it gets here, this is the backstop."""
    before = redact(before) if before else before
    after = redact(after) if after else after
    return await AuditEvent.create(
        action=action,
        seller_id=seller_id,
        interaction_id=interaction_id,
        actor_member_id=member_id,
        actor_admin_id=admin_id,
        actor_tg_user_id=tg_user_id,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        meta=meta,
    )
