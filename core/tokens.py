"""The seller's WB token: checked live when connected, stored encrypted, read in clear only for the WB client, and
re-encrypted when the key rotates."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from core import alerts, audit, members
from core.access import require_owner
from core.i18n import Translator
from core.models import Channel, Seller, SellerMember, SellerStatus
from core.secrets import SecretBox, SecretError, secret_box
from core.settings import Settings


class TokenRejected(Exception):
    """The WB token cannot be used: `reason` is invalid | expired | no-scope | unreachable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TokenType(StrEnum):
    """A WB token's type as far as it can be told (WB, 2026: Personal, Service, Base with secret, Base).

    WB's JWT names no type (its payload carries `exp`, the category mask `s`, `t` for a test token, ids): the type
    shows in WB's answers. A Base token's limits are WB's Base ones, and WB's `X-Ratelimit-Limit` (the burst) is 1 on
    its answers, against 6/10 for every other type. Personal, Service and Base-with-secret share one set of limits,
    so nothing tells them apart: they are `STANDARD`. `TEST` is a «Тестовый контур» token (`t: true`), good for
    WB's sandbox only.
    """

    BASE = "base"
    STANDARD = "standard"
    TEST = "test"


@dataclass(frozen=True)
class TokenCheck:
    """What a live check of a WB token found: the channels it can serve, when it expires and its type (None: WB's
    answers did not tell)."""

    channels: frozenset[Channel]
    expires_at: datetime | None
    token_type: TokenType | None = None


# Validates a token against WB (a live call); raises TokenRejected. Injected by the caller: core talks to no API.
TokenProbe = Callable[[str], Awaitable[TokenCheck]]


# A WB token is a JWT: base64url parts and dots. Anything else (Cyrillic, spaces, a sentence) is not one, and is
# refused before it goes near an HTTP header (which takes ASCII only).
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_\-.=+/]{20,4096}")


def check_shape(token: str) -> str:
    """`token` stripped, or TokenRejected("not-a-token") when it cannot be a WB token at all."""
    token = token.strip()
    if not _TOKEN_SHAPE.fullmatch(token):
        raise TokenRejected("not-a-token")
    return token


async def connect_token(*, member: SellerMember, token: str, probe: TokenProbe, settings: Settings) -> TokenCheck:
    """Validate `token` with a live WB call, then store it encrypted with its channels and expiry."""
    require_owner(member)
    token = check_shape(token)
    check = await probe(token)
    await set_token(seller_id=member.seller_id, token=token.strip(), check=check, settings=settings)
    await audit.record(
        "seller.token_connected",
        seller_id=member.seller_id,
        member_id=member.id,
        meta={"channels": sorted(check.channels)},
    )
    return check


async def connect_new_seller(
    *, tg_user_id: int, tg_chat_id: int, name: str, language: str, token: str, probe: TokenProbe, settings: Settings
) -> tuple[SellerMember, TokenCheck]:
    """A stranger's first token: checked live before anything is written, and only an accepted one creates the
    seller (this user its owner, in `language`) with the token stored. Until then a Telegram user who pressed
    /start is nobody to the database: no seller row, no NO-GO in the readiness list."""
    token = check_shape(token)
    check = await probe(token)
    member = await members.start_seller(tg_user_id=tg_user_id, tg_chat_id=tg_chat_id, name=name, language=language)
    if member.seller.wb_token_enc:  # a second message raced this one and connected first: that token stays
        return member, check
    return member, await connect_token(member=member, token=token, probe=_known(check), settings=settings)


def _known(check: TokenCheck) -> TokenProbe:
    """A probe answering what a live check just found (the token is not checked twice)."""

    async def probe(_token: str) -> TokenCheck:
        return check

    return probe


async def set_token(*, seller_id: int, token: str, check: TokenCheck, settings: Settings) -> None:
    """Store the token encrypted and mark the seller active (also after a reconnect)."""
    await Seller.filter(id=seller_id).update(
        wb_token_enc=secret_box(settings).encrypt(token),
        token_scopes=sorted(check.channels),
        token_expires_at=check.expires_at,
        token_type=check.token_type,
        status=SellerStatus.ACTIVE,
        pause_reason=None,
    )
    # The reconnect is the cure of a "token invalid" or "category missing" alert: close it now, not at the next
    # alerts round (a category still missing is raised again by the next run that meets WB's 403).
    for kind in (
        alerts.AlertKind.TOKEN_INVALID,
        alerts.AlertKind.TOKEN_CATEGORY_FEEDBACKS,
        alerts.AlertKind.TOKEN_CATEGORY_CHAT,
        alerts.AlertKind.TOKEN_CATEGORY_RETURNS,
    ):
        await alerts.resolve_alert(kind=kind, seller_id=seller_id)


def token_type_note(token_type: str | None, t: Translator) -> str:
    """What the seller reads about the token's type (at connect time and in /settings): a Base token is told
    plainly that new items come hours late and which token to create instead."""
    return t(f"wb-token-type-{token_type or 'unknown'}")


def get_token(seller: Seller, settings: Settings, box: SecretBox | None = None) -> str | None:
    """The seller's WB token in clear (for the WB client only; never log it); `box` saves re-reading the keys."""
    if not seller.wb_token_enc:
        return None
    return (box or secret_box(settings)).decrypt(seller.wb_token_enc)


async def reencrypt_tokens(settings: Settings) -> int:
    """Re-encrypt every stored WB token with the newest key (after a new key was put first); returns how many."""
    box = secret_box(settings)
    done = 0
    for seller_id in await Seller.filter(wb_token_enc__isnull=False).order_by("id").values_list("id", flat=True):
        # tortoise types values_list(flat=True) as tuples; it gives the bare values
        done += await _reencrypt_one(box, seller_id)  # type: ignore[arg-type]
    return done


async def _reencrypt_one(box: SecretBox, seller_id: int, attempts: int = 5) -> int:
    """Compare-and-set: the new ciphertext replaces exactly the one it was made from, so a token the seller
    reconnected meanwhile is never overwritten with the old one (it is re-read and rotated instead)."""
    for _ in range(attempts):
        current = await Seller.filter(id=seller_id).values_list("wb_token_enc", flat=True)
        if not current or current[0] is None:
            return 0
        # tortoise types values_list(flat=True) as tuples; it gives the bare values
        if await Seller.filter(id=seller_id, wb_token_enc=current[0]).update(wb_token_enc=box.rotate(current[0])):  # type: ignore[arg-type]
            return 1
    raise SecretError(f"seller {seller_id}: the token kept changing during the rotation; run it again")


# How many stored tokens a readiness check tries (the newest sellers first): enough to catch a wrong key list.
KEY_CHECK_SAMPLE = 50


async def key_problem(settings: Settings) -> str | None:
    """Why the configured keys cannot open the stored WB tokens (how many of the sample fail), or None.

    A wrong `AGENTIQ_ENCRYPTION_KEYS` is a valid key list that opens nothing: every process starts, every sync
    fails. `/readyz` and `agentiq health …` ask this so that the deployment shows it at once."""
    box = secret_box(settings)
    stored = (
        await Seller.filter(wb_token_enc__isnull=False)
        .order_by("-id")
        .limit(KEY_CHECK_SAMPLE)
        .values_list("wb_token_enc", flat=True)
    )
    failed = 0
    for ciphertext in stored:
        try:
            # tortoise types values_list(flat=True) as tuples; it gives the bare values
            box.decrypt(ciphertext)  # type: ignore[arg-type]
        except SecretError:
            failed += 1
    if failed:
        return f"{failed} of {len(stored)} stored WB tokens cannot be decrypted with AGENTIQ_ENCRYPTION_KEYS"
    return None
