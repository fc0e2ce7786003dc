"""Read what a WB API token allows without calling WB.

WB tokens are JWTs (ES256, signed by WB: the signature cannot be checked here). The payload carries `exp` (Unix
seconds) and the access categories as a bit mask in `s`; `t` marks a test-environment token and bit 30 a read-only
token. The bit numbers below are those the WB community decodes (UNCONFIRMED by WB's docs): the connect flow probes
one cheap read per channel as the ground truth and uses this only to explain to the seller what the token covers.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from core.models.enums import Channel

# Access-category bits of the `s` claim (1 << n).
BIT_FEEDBACKS_QUESTIONS = 7
BIT_BUYER_CHAT = 9
BIT_BUYER_RETURNS = 11
BIT_READ_ONLY = 30

_CHANNEL_BITS: dict[Channel, int] = {
    Channel.REVIEW: BIT_FEEDBACKS_QUESTIONS,
    Channel.QUESTION: BIT_FEEDBACKS_QUESTIONS,
    Channel.CHAT: BIT_BUYER_CHAT,
    Channel.RETURN: BIT_BUYER_RETURNS,
}


@dataclass(frozen=True)
class TokenInfo:
    """What the token's payload says. `scopes` is None when the payload has no readable category mask."""

    well_formed: bool
    scopes: frozenset[Channel] | None = None
    expires_at: datetime | None = None
    read_only: bool = False
    test: bool = False
    token_id: str | None = None
    seller_id: int | None = None

    def expired(self, now: datetime | None = None) -> bool:
        """True when the payload's expiry is in the past."""
        return self.expires_at is not None and self.expires_at <= (now or datetime.now(UTC))


def _b64json(segment: str) -> dict[str, object]:
    padded = segment + "=" * (-len(segment) % 4)
    data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    if not isinstance(data, dict):
        raise ValueError("payload is not an object")
    return data


def scopes_from_mask(mask: int) -> frozenset[Channel]:
    """The channels whose category bit is set in `mask`."""
    return frozenset(ch for ch, bit in _CHANNEL_BITS.items() if mask & (1 << bit))


def mask_for(channels: frozenset[Channel] | set[Channel]) -> int:
    """The category mask granting `channels` (used by the sandbox's token minting and tests)."""
    mask = 0
    for channel in channels:
        mask |= 1 << _CHANNEL_BITS[channel]
    return mask


def inspect_token(token: str) -> TokenInfo:
    """Decode the token's payload without verifying it; never raises (a non-JWT gives `well_formed=False`)."""
    parts = token.strip().removeprefix("Bearer ").split(".")
    if len(parts) != 3:
        return TokenInfo(well_formed=False)
    try:
        payload = _b64json(parts[1])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return TokenInfo(well_formed=False)
    exp = payload.get("exp")
    mask = payload.get("s")
    seller = payload.get("oid")
    return TokenInfo(
        well_formed=True,
        scopes=scopes_from_mask(mask) if isinstance(mask, int) else None,
        expires_at=datetime.fromtimestamp(exp, tz=UTC) if isinstance(exp, int | float) else None,
        read_only=isinstance(mask, int) and bool(mask & (1 << BIT_READ_ONLY)),
        test=payload.get("t") is True,
        token_id=str(payload["id"]) if "id" in payload else None,
        seller_id=seller if isinstance(seller, int) else None,
    )
