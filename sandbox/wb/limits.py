"""WB's per-seller request limits as generic cell-rate buckets (GCRA): `interval` between requests, `burst` ahead."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

# bucket: (interval seconds, burst) for Personal, Service and Base-with-secret tokens.
WB_LIMITS = {"feedbacks": (1 / 3, 6), "chat": (1.0, 10), "download": (1.0, 10), "returns": (3.0, 10)}
# A Base token's budgets (WB, 2026): 5 per hour for reviews+questions, 1 per hour for chats and claims, 10 per hour
# for chat file downloads; burst 1.
BASE_LIMITS = {"feedbacks": (720.0, 1), "chat": (3600.0, 1), "download": (360.0, 1), "returns": (3600.0, 1)}
BASE = "base"


@dataclass
class Verdict:
    """The outcome of one request against a bucket, with the numbers WB's headers carry."""

    allowed: bool
    remaining: int
    retry_after: float
    reset_after: float
    burst: int

    def headers(self) -> dict[str, str]:
        """X-Ratelimit-* headers (seconds, up to milliseconds)."""
        if self.allowed:
            return {"X-Ratelimit-Remaining": str(self.remaining), "X-Ratelimit-Limit": str(self.burst)}
        return {
            "X-Ratelimit-Retry": _secs(self.retry_after),
            "X-Ratelimit-Limit": str(self.burst),
            "X-Ratelimit-Reset": _secs(self.reset_after),
        }


def _secs(value: float) -> str:
    return f"{math.ceil(value * 1000) / 1000:g}"


class Limiter:
    """Theoretical-arrival-time per (seller, bucket, Base or not): a Base token has budgets of its own."""

    def __init__(self) -> None:
        self._tat: dict[tuple[int, str, bool], float] = {}

    def hit(self, seller: int, bucket: str, kind: str = "personal") -> Verdict:
        """Count one request of a `kind` token; refused when it would exceed the burst."""
        base = kind == BASE
        if not base and bucket == "download":
            bucket = "chat"  # one chat budget for every chat path, except a Base token's downloads
        interval, burst = (BASE_LIMITS if base else WB_LIMITS)[bucket]
        key = (seller, bucket, base)
        now = time.monotonic()
        tat = max(self._tat.get(key, now), now)
        allowed_at = tat - interval * (burst - 1)
        if allowed_at > now:
            return Verdict(False, 0, allowed_at - now, tat - now, burst)
        tat += interval
        self._tat[key] = tat
        remaining = int((interval * burst - (tat - now)) / interval + 1e-9)
        return Verdict(True, max(remaining, 0), 0.0, tat - now, burst)
