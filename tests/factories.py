"""Builders for the rows most tests start from: sellers, their members, buyer items, drafts and replies.

Each builder writes one row with the real ORM (the test's `db` fixture must be open) and fills only what a test
rarely cares about; any field can be given to override a default. Two kinds of seller:

- `new_seller`: the row as sign-up creates it (the model's defaults: onboarding, Russian, no token, default
  settings) — for tests of core and the admin that set what they need themselves;
- `make_seller`: a seller whose token works for every channel, active, English, auto-draft off (the bot's cards
  walk the manual Draft flow; auto-draft has its own tests).
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from core.models import (
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    MemberRole,
    Priority,
    Reply,
    ReplyStatus,
    Seller,
    SellerMember,
    SellerStatus,
)

_ids = itertools.count(10_001)


def unique_id() -> int:
    """A number no other builder call in this process returned (Telegram user ids, external ids, keys)."""
    return next(_ids)


async def new_seller(name: str = "Shop", **fields: Any) -> Seller:
    """A seller as sign-up creates it: the model's defaults except `fields`."""
    return await Seller.create(name=name, **fields)


async def make_seller(*, language: str = "en", settings: dict | None = None, **fields: Any) -> Seller:
    """An active seller with a token for every channel and auto-draft off (`settings` replaces that)."""
    defaults: dict[str, Any] = {
        "name": "Shop",
        "status": SellerStatus.ACTIVE,
        "token_scopes": [str(c) for c in Channel],
    }
    return await Seller.create(
        language=language,
        settings={"auto_draft": False} if settings is None else settings,
        **{**defaults, **fields},
    )


async def make_member(
    seller: Seller, chat_id: int, *, role: MemberRole = MemberRole.OWNER, language: str | None = "en", **fields: Any
) -> SellerMember:
    """A member of `seller` chatting with the bot in the private chat `chat_id` (the owner unless `role`)."""
    defaults: dict[str, Any] = {"tg_user_id": chat_id, "tg_chat_id": chat_id, "name": f"User {chat_id}"}
    member = await SellerMember.create(seller=seller, role=role, language=language, **{**defaults, **fields})
    member.seller = seller
    return member


async def make_interaction(seller: Seller, *, channel: Channel = Channel.REVIEW, **fields: Any) -> Interaction:
    """A buyer item of `seller` that arrived five minutes ago and is due in four hours (a 5-star review of
    "Sneakers" unless `channel` / `fields` say otherwise)."""
    defaults: dict[str, Any] = {
        "external_id": f"ext-{unique_id()}",
        "nm_id": 123456,
        "product_name": "Sneakers",
        "text": "Great shoes",
        "rating": 5 if channel == Channel.REVIEW else None,
        "occurred_at": datetime.now(UTC) - timedelta(minutes=5),
        "priority": Priority.NORMAL,
        "due_at": datetime.now(UTC) + timedelta(hours=4),
    }
    return await Interaction.create(seller=seller, channel=channel, **{**defaults, **fields})


async def make_draft(
    interaction: Interaction,
    text: str = "Спасибо за отзыв!",
    *,
    origin: DraftOrigin = DraftOrigin.TEMPLATE,
    **fields: Any,
) -> Draft:
    """A draft answer to `interaction` (a template's unless `origin`)."""
    return await Draft.create(interaction=interaction, text=text, origin=origin, **fields)


async def make_reply(
    interaction: Interaction, text: str = "Спасибо за отзыв!", *, status: ReplyStatus = ReplyStatus.SENT, **fields: Any
) -> Reply:
    """An answer to `interaction` in `status` (sent unless told), with a fresh idempotency key unless given."""
    fields.setdefault("idempotency_key", f"reply-{unique_id()}")
    return await Reply.create(interaction=interaction, text=text, status=status, **fields)
