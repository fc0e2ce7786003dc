"""Settings of one WB sandbox: store size, limits, moderation and fault injection (all changeable at runtime)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any


@dataclass
class SandboxConfig:
    """Every option `create_app(**options)` and `PATCH /_sandbox/config` accept."""

    # Store generated at start-up: `sellers` sellers with these many items each; `now` pins the clock of the seed.
    sellers: int = 1
    reviews: int = 120
    questions: int = 40
    chats: int = 10
    # Buyer return applications of the last 14 days per seller (the demo turns them on).
    claims: int = 0
    now: datetime | None = None
    # WB's per-seller limits (3/s burst 6 shared by reviews+questions; chat 10 per 10 s burst 10).
    limits: bool = True
    # Moderation of review answers: this fraction goes `reviewRequired`, then after `moderation_delay_s`
    # (None: only when forced via the control API) `rejected` with probability `reject_rate`, else `wbRu`.
    moderation_rate: float = 0.2
    moderation_delay_s: float | None = 20.0
    reject_rate: float = 0.3
    edit_window_days: int = 60
    events_page: int = 100
    # After an approval that sends the item back, its item status (`status_ex`) moves on this much later
    # (None: never by itself).
    claim_settle_s: float | None = 30.0
    # Faults.
    latency_ms: float = 0.0
    error_rate: float = 0.0
    storm_requests: int = 0
    storm_retry_after: float = 1.0
    malformed_rate: float = 0.0
    duplicate_rate: float = 0.0
    moving_dates_rate: float = 0.0
    moving_dates_max_s: int = 600
    index_lag_s: float = 0.0
    # Scripted per-call faults (sandbox.wb.faults): how long a "timeout" holds the answer (longer than the client
    # waits) and how late a "slow" answer comes.
    fault_hold_s: float = 30.0
    slow_s: float = 1.0

    def update(self, changes: dict[str, Any]) -> None:
        """Apply `changes`; unknown names raise KeyError, values are coerced to the field's type."""
        known = {f.name: f for f in fields(self)}
        for name, value in changes.items():
            if name not in known:
                raise KeyError(name)
            current = getattr(self, name)
            if value is not None and isinstance(current, bool):
                value = bool(value)
            elif value is not None and isinstance(current, int | float) and not isinstance(current, bool):
                value = type(current)(value)
            setattr(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        data = asdict(self)
        data["now"] = self.now.isoformat() if self.now else None
        return data
