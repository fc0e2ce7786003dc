"""Submitting a reply from the web (the reply form and `POST /api/interactions/{id}/reply` share it).

Both entry points queue through `core.sending.submit_reply` with `via=web`; the two ways the outbox can refuse map to
one `ReplyRefused` with its HTTP status, so the page and the API agree on 422 vs 409. The send step they hand to core
(`send_step`) kicks sync's send task on the app's broker; the re-check button uses it too.
"""

from __future__ import annotations

from fastapi import HTTPException, Request, status
from tortoise.exceptions import DoesNotExist

from core import sending
from core.guardrails import GuardrailViolation, Verdict
from core.models import AdminUser, Reply, ReplyVia
from core.replies import ReplyNotAllowed
from core.sending import Enqueue
from sync.broker import send_queue


class ReplyRefused(Exception):
    """The outbox refused the text: `verdict` when guardrails blocked it (422), else `reason` (409: "answered" or
    "in-flight", the tail of a locale key)."""

    def __init__(self, status_code: int, *, verdict: Verdict | None = None, reason: str = "") -> None:
        super().__init__(reason or "blocked by guardrails")
        self.status_code = status_code
        self.verdict = verdict
        self.reason = reason


def send_step(request: Request) -> Enqueue:
    """Core's send step for this app: a kick of sync's send task on the app's broker."""
    return send_queue(request.app.state.broker)


async def submit_web_reply(
    request: Request, admin: AdminUser, interaction_id: int, text: str, draft_id: int | None
) -> Reply:
    """Queue `text` as the admin's reply; raises ReplyRefused (422/409) or HTTPException 404 for an unknown item."""
    try:
        return await sending.submit_reply(
            interaction_id=interaction_id,
            text=text,
            draft_id=draft_id,
            admin_id=admin.id,
            via=ReplyVia.WEB,
            settings=request.app.state.settings,
            enqueue=send_step(request),
        )
    except GuardrailViolation as exc:
        raise ReplyRefused(status.HTTP_422_UNPROCESSABLE_CONTENT, verdict=exc.verdict) from None
    except ReplyNotAllowed as exc:
        raise ReplyRefused(status.HTTP_409_CONFLICT, reason=exc.reason) from None
    except DoesNotExist:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such interaction") from None
