"""Typed errors of the WB seller API client.

Every failure the client raises is a `WBError`. Callers decide by type:
auth problems stop a seller's sync and tell them; rate limits wait; server errors and timeouts back off;
bad requests surface WB's `errorText` to the seller; an unknown outcome of a send must be checked on WB first.
"""

from __future__ import annotations


class WBError(Exception):
    """Any failure talking to WB. `status` is the HTTP status when there was a response."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class WBAuthError(WBError):
    """The token is invalid, expired or lacks the access category (HTTP 401/403)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message, status=status)


class WBCategoryRefused(WBAuthError):
    """WB answered 403: the token lacks the category of the operation (`bucket`: feedbacks, chat or returns). Only
    that channel stops; the seller makes a token with the category (WB 2026: one 403 body on every operation)."""

    def __init__(self, message: str, *, bucket: str) -> None:
        super().__init__(message, status=403)
        self.bucket = bucket


class WBPaymentRequired(WBError):
    """WB answered 402: the service's WB balance is empty (WB returns it only to services of its Business Solutions
    Catalogue). Nothing was applied; sends wait and syncs pause until the balance is topped up. The message is WB's
    problem+json `detail`."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, status=402)
        self.detail = detail


class WBRateLimited(WBError):
    """WB answered 429; `retry_after` is the wait in seconds taken from its headers."""

    def __init__(self, retry_after: float, *, message: str = "too many requests", local: bool = False) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after
        # True: our own budget of a Base token refused it before it was sent (WB never saw it).
        self.local = local


class WBServerError(WBError):
    """WB failed on its side (HTTP 5xx) or answered something that is not its contract."""


class WBBadRequest(WBError):
    """WB refused the request (HTTP 400/404/422); `error_text` is WB's own explanation, fit to show the seller."""

    def __init__(self, error_text: str, *, status: int) -> None:
        super().__init__(error_text or f"HTTP {status}", status=status)
        self.error_text = error_text


class WBTimeout(WBError):
    """No answer from WB within the configured timeout (or the connection broke mid-request)."""


class WBOutcomeUnknown(WBError):
    """A send (answer, edit, chat message) may or may not have been applied by WB.

    Raised instead of retrying when a non-idempotent request timed out or got a 5xx: the caller must read
    WB's state (the item's answer, the chat's events) before deciding to send again. `cause` is the underlying error.
    """

    def __init__(self, cause: WBError) -> None:
        super().__init__(f"outcome unknown: {cause}", status=cause.status)
        self.cause = cause
