"""`agentiq wb check`: a read-only contract check of one token against WB (or the sandbox).

It reads one page of each channel with the raw JSON and reports, per channel, whether the token has access,
how many items parsed, which items did not, and which fields differ from our models (unknown or missing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from sync.wb import models
from sync.wb.client import WBClient
from sync.wb.errors import WBAuthError, WBError
from sync.wb.returns import Claim
from sync.wb.token import TokenInfo, inspect_token
from sync.wb.transport import CHAT, FEEDBACKS, RETURNS, WBAuth


@dataclass
class ChannelCheck:
    """The outcome for one endpoint."""

    name: str
    items: int = 0
    malformed: int = 0
    unknown_fields: set[str] = field(default_factory=set)
    missing_fields: set[str] = field(default_factory=set)
    error: str | None = None
    denied: bool = False

    @property
    def ok(self) -> bool:
        """Reachable, allowed and every item parsed."""
        return self.error is None and self.malformed == 0


@dataclass
class CheckReport:
    """The whole check."""

    token: TokenInfo
    channels: list[ChannelCheck]

    @property
    def ok(self) -> bool:
        """Every channel passed."""
        return all(c.ok for c in self.channels)


def _aliases(model: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()} - {"malformed"}


def _compare(check: ChannelCheck, model: type[BaseModel], raw_items: Any) -> None:
    known, seen = _aliases(model), set()
    for entry in raw_items if isinstance(raw_items, list) else []:
        check.items += 1
        try:
            model.model_validate(entry)
        except ValidationError:
            check.malformed += 1
        if isinstance(entry, dict):
            seen |= set(entry)
    if check.items:
        # A field is reported missing only when no item on the page carried it (many are optional per item).
        check.unknown_fields, check.missing_fields = seen - known, known - seen


async def _probe(check: ChannelCheck, call: Any) -> Any:
    try:
        return await call
    except WBAuthError as exc:
        check.error, check.denied = str(exc), True
    except WBError as exc:
        check.error = f"{type(exc).__name__}: {exc}"
    return None


async def run_check(
    client: WBClient,
    auth: WBAuth,
    *,
    feedbacks_url: str,
    chat_url: str | None,
    returns_url: str | None = None,
    take: int = 20,
) -> CheckReport:
    """Read one page per channel and compare shapes with the models (chats when `chat_url` is given, claims when
    `returns_url` is: WB's own sandbox has neither)."""
    page = {"take": take, "skip": 0, "order": "dateDesc"}
    plan: list[tuple[str, str, str, dict[str, Any] | None, str | None, str | None, type[BaseModel]]] = [
        (
            "feedbacks",
            FEEDBACKS,
            f"{feedbacks_url}/api/v1/feedbacks",
            {**page, "isAnswered": "false"},
            "data",
            "feedbacks",
            models.Feedback,
        ),
        (
            "feedbacks_answered",
            FEEDBACKS,
            f"{feedbacks_url}/api/v1/feedbacks",
            {**page, "isAnswered": "true"},
            "data",
            "feedbacks",
            models.Feedback,
        ),
        (
            "questions",
            FEEDBACKS,
            f"{feedbacks_url}/api/v1/questions",
            {**page, "isAnswered": "false"},
            "data",
            "questions",
            models.Question,
        ),
    ]
    if chat_url:
        plan += [
            ("chats", CHAT, f"{chat_url}/api/v1/seller/chats", None, "result", None, models.Chat),
            ("chat_events", CHAT, f"{chat_url}/api/v1/seller/events", None, "result", "events", models.ChatEvent),
        ]
    if returns_url:
        claims = {"is_archive": "false", "limit": take}
        plan.append(("claims", RETURNS, f"{returns_url}/api/v1/claims", claims, None, "claims", Claim))
    checks = []
    for name, bucket, url, params, envelope, key, model in plan:
        check = ChannelCheck(name)
        body = await _probe(check, client.get_json(auth, bucket, url, params))
        if body is not None:
            container = (body.get(envelope) if envelope else body) if isinstance(body, dict) else None
            raw = container.get(key) if key and isinstance(container, dict) else container
            if raw is None and not isinstance(container, dict | list):
                check.error = f"no '{envelope}' in the answer"
            else:
                _compare(check, model, raw)
        checks.append(check)
    return CheckReport(inspect_token(auth.token), checks)
