"""HTTP transport of the WB client: auth header, timeouts, bounded retries, typed errors, item parsing.

One client per process (it pools connections); every call takes the seller's `WBAuth`. Retries are bounded:
reads retry 5xx/timeouts with jittered exponential backoff; a 429 penalizes the seller's bucket in the shared
`RateGate` and is retried after the wait WB's headers ask for. Sends (answers, edits, chat messages) are never
retried when their outcome is unknown: a timeout, a reset connection, a 5xx or a 2xx that does not parse on a send
raises `WBOutcomeUnknown`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Protocol, Self, TypeVar

import httpx
import structlog
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from core.metrics import WB_REQUESTS
from core.ratelimit import BASE_SUFFIX, BudgetExhausted
from core.settings import WBSettings
from sync.wb.errors import (
    WBAuthError,
    WBBadRequest,
    WBCategoryRefused,
    WBOutcomeUnknown,
    WBPaymentRequired,
    WBRateLimited,
    WBServerError,
    WBTimeout,
)

log = structlog.get_logger(__name__)

FEEDBACKS = "feedbacks"  # the shared reviews+questions budget
CHAT = "chat"
RETURNS = "returns"  # buyer returns (claims): 20/min, burst 10
# WB's documented interval per bucket: the wait when a 429 carries no headers.
_INTERVAL_S = {FEEDBACKS: 1 / 3, CHAT: 1.0, RETURNS: 3.0}

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class WBAuth:
    """A seller's API token and the key their rate limits are kept under; the token never shows in repr. `base`: a
    Base token, held to WB's hourly Base budgets (`core.ratelimit.BASE_SUFFIX` buckets)."""

    token: str = field(repr=False)
    seller_key: str
    base: bool = False


class RateGate(Protocol):
    """Per-seller request budget shared by all workers (core/ratelimit.py implements it)."""

    async def acquire(self, seller_key: str, bucket: str) -> None:
        """Wait until the seller's `bucket` ("feedbacks", "chat" or "returns") allows one more request."""

    async def penalize(self, seller_key: str, bucket: str, seconds: float) -> None:
        """Pause the seller's `bucket` for `seconds` after WB answered 429."""


class Observer(Protocol):
    """Sees every WB answer (the drift radar, `sync.drift.DriftRadar`)."""

    async def observe(self, method: str, path: str, status: int, body: Any) -> None:
        """One answer of `method path`: its status and decoded JSON body (None when it had none)."""


class _NotSent(WBTimeout):
    """The connection could not be made: the request never left, so even a send may be retried."""


# JSON escapes of what no database column stores: NUL, and UTF-16 surrogates (lone ones cannot be encoded).
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
# An error answer is read this far at most (its text is shown cut to 200 characters anyway).
ERROR_BODY_CAP = 64 * 1024
# After json.loads a valid pair is one character: any surrogate code point left is a lone one.
_LONE = re.compile("[\x00\ud800-\udfff]")


def _clean(value: Any) -> Any:
    """`value` with NULs and lone surrogates replaced by U+FFFD in every string (PostgreSQL refuses both; an id
    carrying U+FFFD is then rejected by the models)."""
    if isinstance(value, str):
        return _LONE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def _retry_after(headers: httpx.Headers, bucket: str) -> float:
    try:
        return max(0.0, float(headers["X-Ratelimit-Retry"]))
    except (KeyError, ValueError):
        return _INTERVAL_S[bucket]


def _error_text(status: int, body: bytes) -> str:
    """WB's own words for a refusal: the problem+json `detail` first (what logs and alerts quote), else the
    feedbacks envelope's `errorText`, the chat API's `error` or the `title`."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return body[:200].decode(errors="replace")
    if isinstance(parsed, dict):
        for key in ("detail", "errorText", "error", "title"):
            if isinstance(parsed.get(key), str) and parsed[key]:
                return str(parsed[key])
    return f"HTTP {status}"


async def _read_capped(response: httpx.Response, cap: int) -> bytes | None:
    """The body, or None as soon as it proves longer than `cap` bytes: the declared length is checked before
    reading, then the bytes are counted as they arrive (decoded ones: a compressed bomb counts what it becomes),
    so a hostile answer costs at most `cap` plus one chunk of memory."""
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > cap:
        return None
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > cap:
            return None
    return bytes(body)


@dataclass(frozen=True)
class Download:
    """A file WB answered with: its status (200, or 202 while WB moderates it), type and bytes (None: over the cap)."""

    status: int
    content_type: str | None
    content: bytes | None


class WBTransport:
    """Connection pool, retries and error mapping shared by every WB call (`WBClient` adds the calls)."""

    def __init__(
        self,
        settings: WBSettings,
        *,
        gate: RateGate | None = None,
        http: httpx.AsyncClient | None = None,
        backoff_s: float = 0.5,
        observer: Observer | None = None,
    ) -> None:
        self._settings = settings
        self._gate = gate
        self._observer = observer
        self._backoff_s = backoff_s
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 5.0)),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )
        # The burst WB's `X-Ratelimit-Limit` header last named, per seller key and bucket: 1 means a Base token.
        self.observed_burst: dict[str, dict[str, int]] = {}
        self._feedbacks = settings.feedbacks_base_url.rstrip("/")
        self._chat = settings.chat_base_url.rstrip("/")
        self._returns = settings.returns_base_url.rstrip("/")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._feedbacks} {self._chat}>"

    async def aclose(self) -> None:
        """Close the connection pool (only when the client created it)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- transport -------------------------------------------------------------------------------------------

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, WBRateLimited):
            # With a gate, `penalize` already holds the bucket and the next `acquire` waits it out.
            return 0.0 if self._gate else exc.retry_after
        return wait_exponential_jitter(multiplier=self._backoff_s, max=self._backoff_s * 16, jitter=self._backoff_s)(
            state
        )

    async def _call(
        self, auth: WBAuth, bucket: str, method: str, url: str, *, idempotent: bool, cap: int | None = None, **kw: Any
    ) -> Any:
        """One logical request with bounded retries; returns the decoded JSON body (None for an empty body), or, with
        `cap`, a `Download` (a file: its bytes up to `cap`, or WB's 202 while it moderates one)."""

        def retryable(exc: BaseException) -> bool:
            if isinstance(exc, WBRateLimited | _NotSent):
                return True  # WB did not act on the request
            return idempotent and isinstance(exc, WBServerError | WBTimeout)

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._settings.max_retries + 1),
            retry=retry_if_exception(retryable),
            wait=self._wait,
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._once(auth, bucket, method, url, idempotent=idempotent, cap=cap, **kw)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    async def _once(
        self, auth: WBAuth, bucket: str, method: str, url: str, *, idempotent: bool, cap: int | None = None, **kw: Any
    ) -> Any:
        if self._gate is not None:
            try:
                await self._gate.acquire(auth.seller_key, bucket + (BASE_SUFFIX if auth.base else ""))
            except BudgetExhausted as exc:
                raise WBRateLimited(exc.retry_after, message=str(exc), local=True) from None
        request = self._http.build_request(method, url, headers={"Authorization": auth.token}, **kw)
        try:
            # Streamed: the body is read below, within its cap, never whole before anyone looked at its size.
            response = await self._http.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            WB_REQUESTS.labels(bucket, "unreachable").inc()
            raise _NotSent(f"cannot connect to WB: {type(exc).__name__}") from None
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            WB_REQUESTS.labels(bucket, "timeout").inc()
            err = WBTimeout(f"no answer from WB: {type(exc).__name__}")
            raise err if idempotent else WBOutcomeUnknown(err) from None
        WB_REQUESTS.labels(bucket, str(response.status_code)).inc()
        try:
            return await self._answer(auth, bucket, method, response, idempotent=idempotent, cap=cap)
        except (httpx.TimeoutException, httpx.TransportError) as exc:  # the body broke off
            err = WBTimeout(f"no answer from WB: {type(exc).__name__}")
            raise err if idempotent else WBOutcomeUnknown(err) from None
        finally:
            await response.aclose()

    async def _answer(
        self, auth: WBAuth, bucket: str, method: str, response: httpx.Response, *, idempotent: bool, cap: int | None
    ) -> Any:
        status = response.status_code
        self._observe(auth, bucket, response.headers)
        if status == 429:
            wait = _retry_after(response.headers, bucket)
            if self._gate is not None:
                await self._gate.penalize(auth.seller_key, bucket + (BASE_SUFFIX if auth.base else ""), wait)
            raise WBRateLimited(wait)
        if status >= 400:
            raw_body = await _read_capped(response, ERROR_BODY_CAP) or b""
            await self._observe_body(method, response, raw_body)
            text = _error_text(status, raw_body)
            if status >= 500:
                err = WBServerError(f"WB error {status}: {text}", status=status)
                raise err if idempotent else WBOutcomeUnknown(err)
            if status == 402:
                raise WBPaymentRequired(text)  # nothing was applied: never an unknown outcome
            if status == 403:
                raise WBCategoryRefused(text, bucket=bucket)
            if status == 401:
                raise WBAuthError(text, status=status)
            raise WBBadRequest(text, status=status)
        if cap is not None:
            content = await _read_capped(response, cap)
            await self._observe_body(method, response, content or b"")
            return Download(status, response.headers.get("content-type"), content)
        await response.aread()
        if not response.content:
            return None
        try:
            body = response.json()
        except ValueError:
            err = WBServerError(f"WB answered {status} with a non-JSON body", status=status)
            # WB may well have applied a send whose answer we cannot read: its outcome is unknown.
            raise err if idempotent else WBOutcomeUnknown(err) from None
        if "\\u0000" in response.text or _SURROGATE.search(response.text):
            body = _clean(body)
        if self._observer is not None:
            await self._observer.observe(method, response.url.path, status, body)
        if isinstance(body, dict) and body.get("error") is True:
            raise WBBadRequest(str(body.get("errorText") or ""), status=status)
        return body

    async def _observe_body(self, method: str, response: httpx.Response, content: bytes) -> None:
        """Show the drift radar an error answer or a raw one (a file's 202/451), JSON or not."""
        if self._observer is None:
            return
        body = None
        if "json" in response.headers.get("content-type", ""):
            try:
                body = json.loads(content)
            except ValueError:
                body = None
        await self._observer.observe(method, response.url.path, response.status_code, body)

    def _observe(self, auth: WBAuth, bucket: str, headers: httpx.Headers) -> None:
        try:
            self.observed_burst.setdefault(auth.seller_key, {})[bucket] = int(headers["X-Ratelimit-Limit"])
        except (KeyError, ValueError):
            return

    def base_token_seen(self, seller_key: str) -> bool | None:
        """Whether WB's answers to `seller_key` named a Base token's burst (1): True, a larger one: False, none
        seen: None."""
        seen = self.observed_burst.get(seller_key)
        return None if not seen else min(seen.values()) == 1

    async def get_json(self, auth: WBAuth, bucket: str, url: str, params: dict[str, Any] | None = None) -> Any:
        """A raw read with the usual retries (the contract check compares WB's raw shapes with the models)."""
        return await self._call(auth, bucket, "GET", url, idempotent=True, params=params)

    def _items(self, auth: WBAuth, model: type[M], raw: Any, kind: str) -> tuple[list[M], int]:
        """Parse a list of items, skipping (and logging by id) those that do not fit the model."""
        if raw is None:
            return [], 0
        if not isinstance(raw, list):
            raise WBServerError(f"WB sent {kind} that are not a list")
        items: list[M] = []
        bad = 0
        for entry in raw:
            try:
                items.append(model.model_validate(entry))
            except ValidationError as exc:
                bad += 1
                item_id = (
                    entry.get("id") or entry.get("eventID") or entry.get("chatID") if isinstance(entry, dict) else None
                )
                log.warning(
                    "wb.malformed_item",
                    kind=kind,
                    item_id=item_id,
                    seller_key=auth.seller_key,
                    errors=exc.error_count(),
                )
        return items, bad

    @staticmethod
    def _data(body: Any) -> dict[str, Any]:
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            raise WBServerError("WB answer has no data object")
        return data

    @staticmethod
    def _query(**params: Any) -> dict[str, Any]:
        return {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in params.items() if v is not None}
