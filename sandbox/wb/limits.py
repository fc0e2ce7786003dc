"""WB's per-seller request limits as generic cell-rate buckets (GCRA): `interval` between requests, `burst` ahead."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

# bucket: (interval seconds, burst)
WB_LIMITS = {"feedbacks": (1 / 3, 6), "chat": (1.0, 10), "returns": (3.0, 10)}


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
    """Theoretical-arrival-time per (seller, bucket)."""

    def __init__(self) -> None:
        self._tat: dict[tuple[int, str], float] = {}

    def hit(self, seller: int, bucket: str) -> Verdict:
        """Count one request; refused when it would exceed the burst."""
        interval, burst = WB_LIMITS[bucket]
        now = time.monotonic()
        tat = max(self._tat.get((seller, bucket), now), now)
        allowed_at = tat - interval * (burst - 1)
        if allowed_at > now:
            return Verdict(False, 0, allowed_at - now, tat - now, burst)
        tat += interval
        self._tat[(seller, bucket)] = tat
        remaining = int((interval * burst - (tat - now)) / interval + 1e-9)
        return Verdict(True, max(remaining, 0), 0.0, tat - now, burst)
