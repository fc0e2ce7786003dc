"""The template drafter: a reply assembled from Fluent blocks (greeting, thanks, body, closing), no network.

Blocks live in `locales/<lang>/drafting.ftl` as numbered variants. A draft picks one variant per block; which one is
a pure function of (interaction id, variant number): the interaction id fixes a starting combination and every
variant steps through the combinations by a stride coprime with their count, so consecutive variants (Regenerate)
always give a different combination, and the first draft of different interactions differ too.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from math import gcd, prod

from core.drafting.request import Band, DraftRequest, clean_name, clean_product
from core.i18n import translator
from core.intent import Intent
from core.models.enums import Channel

Block = tuple[str, ...]  # message keys of one block's variants
_REVIEW_INTENT_BODIES = (Intent.SIZE, Intent.DEFECT, Intent.DELIVERY)


@lru_cache(maxsize=512)
def variants(language: str, prefix: str) -> Block:
    """The keys `prefix-1`, `prefix-2`, … that exist in `language`."""
    tr = translator(language)
    keys: list[str] = []
    while tr.has(f"{prefix}-{len(keys) + 1}"):
        keys.append(f"{prefix}-{len(keys) + 1}")
    return tuple(keys)


def _body_prefixes(req: DraftRequest) -> list[str]:
    if req.channel == Channel.REVIEW:
        band = req.band or Band.NEUTRAL
        if band == Band.NEGATIVE and req.intent in _REVIEW_INTENT_BODIES:
            return [f"draft-body-review-negative-{req.intent}"]
        return [f"draft-body-review-{band}"]
    return [f"draft-body-{req.intent or Intent.OTHER}"]


def blocks(req: DraftRequest, *, personal: bool = True) -> list[Block]:
    """The blocks of a reply to `req`; `personal=False` leaves out the buyer's name and the product."""
    lang = req.language
    named = personal and clean_name(req.buyer_name) is not None
    with_product = personal and clean_product(req.product_name) is not None
    kind = f"review-{req.band or Band.NEUTRAL}" if req.channel == Channel.REVIEW else str(req.channel)
    body = variants(lang, _body_prefixes(req)[0])
    if with_product and (product_body := variants(lang, _body_prefixes(req)[0] + "-product")):
        body = product_body
    return [
        variants(lang, "draft-greet-named" if named else "draft-greet"),
        variants(lang, f"draft-thanks-{kind}"),
        body,
        variants(lang, f"draft-close-{kind}"),
    ]


def _stride(count: int) -> int:
    # Near count/φ and coprime with count: successive variants visit far-apart combinations, all before repeating.
    stride = max(1, round(count * 0.618))
    while gcd(stride, count) != 1:
        stride += 1
    return stride


def choose(parts: list[Block], interaction_id: int, variant: int) -> list[str]:
    """One key per block for this (interaction, variant)."""
    count = prod(len(block) for block in parts)
    start = int.from_bytes(hashlib.sha256(str(interaction_id).encode()).digest()[:8], "big")
    index = (start + variant * _stride(count)) % count
    chosen: list[str] = []
    for block in parts:
        index, pick = divmod(index, len(block))
        chosen.append(block[pick])
    return chosen


def render(req: DraftRequest, variant: int = 0, *, personal: bool = True) -> str:
    """The template reply to `req`, variant `variant` (Regenerate passes the next number)."""
    tr = translator(req.language)
    args = {"name": clean_name(req.buyer_name) or "", "product": clean_product(req.product_name) or ""}
    keys = choose(blocks(req, personal=personal), req.interaction_id, variant)
    return " ".join(tr(key, **args) for key in keys)
