"""The seller's name: the WB shop as buyers see it, asked at onboarding (WB's seller APIs we use do not tell it).

At a hundred sellers the owner's Telegram name is ambiguous in alerts and the admin; the shop name is not. Sellers
who never gave one keep the name they have.
"""

from __future__ import annotations

import re

from core import audit
from core.models import Seller

NAME_MIN, NAME_MAX = 2, 100
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


class BadShopName(ValueError):
    """The text is not usable as a shop name (empty, too long, no letters or digits, a command)."""


def clean_shop_name(text: str) -> str:
    """The shop name from what the owner typed: control and direction marks dropped, spaces collapsed."""
    name = _SPACES.sub(" ", _CONTROLS.sub("", text)).strip()
    if not NAME_MIN <= len(name) <= NAME_MAX or name.startswith("/") or not any(ch.isalnum() for ch in name):
        raise BadShopName(name)
    return name


async def name_shop(*, seller_id: int, text: str, member_id: int) -> str:
    """Store the seller's shop name (validated by `clean_shop_name`), audited with the name it replaces."""
    name = clean_shop_name(text)
    before = await Seller.get(id=seller_id).values_list("name", flat=True)
    await Seller.filter(id=seller_id).update(name=name)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    await audit.record("seller.named", seller_id=seller_id, member_id=member_id, before=before, after=name)  # type: ignore[arg-type]
    return name
