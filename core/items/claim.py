"""What a claim (a buyer's return, `channel = return`) is, read from WB's claim JSON: status, WB's current actions,
media, price and order. The decision itself is `core.returns`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

UNDER_REVIEW = 0


@dataclass(frozen=True)
class ClaimView:
    """The parts of WB's claim JSON the product uses."""

    status: int = UNDER_REVIEW
    status_ex: int | None = None
    actions: tuple[str, ...] = ()
    claim_type: int | None = None
    photos: tuple[str, ...] = ()
    videos: tuple[str, ...] = ()
    price: float | None = None
    currency: str | None = None
    srid: str | None = None
    wb_comment: str | None = None

    @classmethod
    def of(cls, payload: Any) -> ClaimView:
        """Read a claim from its stored JSON (an Interaction's `raw_payload`); tolerant of missing fields."""
        data = payload if isinstance(payload, dict) else {}

        def strings(key: str) -> tuple[str, ...]:
            value = data.get(key)
            return tuple(str(v) for v in value if isinstance(v, str)) if isinstance(value, list) else ()

        price = data.get("price")
        return cls(
            status=int(data.get("status") or 0),
            status_ex=data.get("status_ex") if isinstance(data.get("status_ex"), int) else None,
            actions=strings("actions"),
            claim_type=data.get("claim_type") if isinstance(data.get("claim_type"), int) else None,
            photos=strings("photos"),
            videos=strings("video_paths"),
            price=float(price) if isinstance(price, int | float) else None,
            currency=data.get("currency_code") if isinstance(data.get("currency_code"), str) else None,
            srid=data.get("srid") if isinstance(data.get("srid"), str) else None,
            wb_comment=data.get("wb_comment") if isinstance(data.get("wb_comment"), str) else None,
        )

    @property
    def open(self) -> bool:
        """Under review with something to decide: the claim needs the seller."""
        return self.status == UNDER_REVIEW and bool(self.actions)

    @property
    def from_chat(self) -> bool:
        """WB's `claim_type` 3: the buyer raised the claim from a chat."""
        return self.claim_type == 3
