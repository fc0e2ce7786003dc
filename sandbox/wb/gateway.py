"""What stands in front of every WB path: auth, per-seller limits, and the request-level faults."""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from sandbox.wb import faults, responses, tokens
from sandbox.wb.limits import Limiter
from sandbox.wb.records import QuestionRec, Review
from sandbox.wb.seller import Seller
from sandbox.wb.store import Store, TokenRec

_MASKS = {"feedbacks": tokens.FEEDBACKS_MASK, "chat": tokens.CHAT_MASK, "returns": tokens.RETURNS_MASK}


class Refused(Exception):
    """Stop handling the request and answer `response` (raised by the gateway and the routes)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


@dataclass
class Pass:
    """A request let through: its seller, headers to add, and whether a fault fails it after it was applied."""

    seller: Seller
    headers: dict[str, str] = field(default_factory=dict)
    fail_after: bool = False

    def finish(self, response: Response) -> Response:
        """The route's response, or a 500 when the fault plan says the write is applied but the answer is lost."""
        if self.fail_after:
            return responses.gateway_error(500, "internal server error", "sandbox fault: applied, answer lost")
        response.headers.update(self.headers)
        return response


class Gateway:
    """Auth → 402/403 on demand → latency → 429 storm → limits (by the token's type) → 5xx faults, in WB's order."""

    def __init__(self, store: Store, seed: int) -> None:
        self.store = store
        self.config = store.config
        self.limiter = Limiter()
        self.rng = random.Random(f"{seed}:faults")

    @property
    def edit_window(self) -> timedelta:
        return timedelta(days=self.config.edit_window_days)

    async def enter(self, request: Request, bucket: str, *, write: bool = False, limit: str | None = None) -> Pass:
        """Admit the request or raise `Refused` with WB's error answer; `limit` names a budget of its own (the
        download path's, for a Base token)."""
        rec = self._authenticate(request, bucket, write=write)
        seller = rec.seller
        refusal = seller.refusals.get(bucket)
        if refusal == 402:
            raise Refused(responses.payment_required())
        if refusal == 403:
            raise Refused(responses.wrong_category())
        config = self.config
        outcome, body = seller.script.take("send" if write else "read", request.url.path)
        request.scope[faults.SCOPE_KEY], request.scope[faults.BODY_KEY] = outcome, body
        if outcome == "429":
            retry = f"{config.storm_retry_after:g}"
            headers = {"X-Ratelimit-Retry": retry, "X-Ratelimit-Limit": "6", "X-Ratelimit-Reset": retry}
            raise Refused(responses.gateway_error(429, "too many requests", "scripted by the sandbox", headers))
        if outcome in faults.BEFORE:
            # FaultMiddleware holds or drops this answer; nothing is applied.
            raise Refused(responses.gateway_error(503, "service unavailable", "scripted by the sandbox"))
        if config.latency_ms > 0:
            await asyncio.sleep(config.latency_ms / 1000)
        if config.storm_requests > 0:
            config.storm_requests -= 1
            retry = f"{config.storm_retry_after:g}"
            headers = {"X-Ratelimit-Retry": retry, "X-Ratelimit-Limit": "6", "X-Ratelimit-Reset": retry}
            raise Refused(responses.gateway_error(429, "too many requests", "limited by sandbox storm", headers))
        headers: dict[str, str] = {}
        if config.limits:
            verdict = self.limiter.hit(seller.num, limit or bucket, rec.kind)
            if not verdict.allowed:
                detail = f"limited by {bucket} bucket of seller {seller.num} ({rec.kind} token)"
                raise Refused(responses.gateway_error(429, "too many requests", detail, verdict.headers()))
            headers = verdict.headers()
        fail_after = False
        if config.error_rate > 0 and self.rng.random() < config.error_rate:
            if not write or self.rng.random() < 0.5:
                status = self.rng.choice((500, 502, 503))
                raise Refused(responses.gateway_error(status, "internal server error", "sandbox fault"))
            fail_after = True
        return Pass(seller, headers, fail_after)

    def _authenticate(self, request: Request, bucket: str, *, write: bool) -> TokenRec:
        raw = request.headers.get("Authorization", "").strip()
        token = raw[7:].strip() if raw.lower().startswith("bearer ") else raw
        if not token:
            raise Refused(responses.gateway_error(401, "unauthorized", "empty Authorization header"))
        rec = self.store.tokens.get(token)
        if rec is None:
            detail = "token problem; token is malformed: could not base64 decode signature"
            if token.count(".") == 2:
                detail = "token problem; token is not valid: signature is invalid"
            raise Refused(responses.gateway_error(401, "unauthorized", detail))
        if rec.expires_at <= time.time():
            raise Refused(responses.gateway_error(401, "unauthorized", "token problem; token is expired"))
        if not rec.allows(_MASKS[bucket], write=write):
            raise Refused(responses.wrong_category())  # 2026: one 403 body on every operation
        return rec

    def serve(self, items: list[Review] | list[QuestionRec]) -> list[bytes]:
        """Items encoded for a page, with the item-level faults: malformed items and dates that move between
        requests (index lag)."""
        config, wall = self.config, datetime.now(UTC)
        out = []
        for item in items:
            if config.malformed_rate > 0 and self.rng.random() < config.malformed_rate:
                out.append(
                    _encode({**item.wb(self.edit_window, wall), "createdDate": "вчера", "productValuation": "пять"})
                )
            elif config.moving_dates_rate > 0 and self.rng.random() < config.moving_dates_rate:
                data = item.wb(self.edit_window, wall)
                moved = _shift(data["createdDate"], self.rng.randint(1, config.moving_dates_max_s))
                out.append(_encode({**data, "createdDate": moved}))
            else:
                out.append(item.wb_bytes(self.edit_window, wall))
        return out

    def serve_events(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Chat events with the malformed-item fault applied."""
        if self.config.malformed_rate <= 0:
            return events
        return [
            {**e, "addTimestamp": "сейчас"} if self.rng.random() < self.config.malformed_rate else e for e in events
        ]

    def duplicate_shift(self, skip: int) -> int:
        """With `duplicate_rate`, a page starts one item early (the previous page's last item shows again)."""
        if skip > 0 and self.config.duplicate_rate > 0 and self.rng.random() < self.config.duplicate_rate:
            return skip - 1
        return skip


def _encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _shift(stamp: str, seconds: int) -> str:
    moved = datetime.fromisoformat(stamp.replace("Z", "+00:00")) - timedelta(seconds=seconds)
    return moved.isoformat(timespec="seconds")
