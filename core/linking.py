"""Linking one buyer's interactions across channels into a thread.

Deterministic links: review supplements (parent/child feedback ids), the same chat buyer (buyer_id), the same
order (order_ref; a return raised from a chat links to that chat with certainty), the exact buyer name on the same
product (the product of a chat comes from its good card or a nmId written in the message). Probabilistic links:
same product within the thread window, scored by buyer-name and text similarity and closeness in time, capped
below AUTO_ACTION_MIN_CONFIDENCE so a guess never enables an automatic action. Incremental: candidates come from
indexed lookups for the new rows only (parent id, buyer_id, order, seller × nm_id × time window) — never all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from tortoise.expressions import Q

# The drafter's list of WB's name stand-ins: one list, so a greeting and a link never disagree on who is anonymous.
from core.drafting.request import _PLACEHOLDER_WORDS
from core.models import Channel, Interaction, InteractionStatus, Link, LinkKind

LINK_MIN_CONFIDENCE = 0.55
# Any automatic action (auto-send) requires every link of the item to be at least this sure.
AUTO_ACTION_MIN_CONFIDENCE = 0.85
THREAD_WINDOW = timedelta(days=45)
# WB's `claim_type` of a return raised from a buyer chat.
CLAIM_FROM_CHAT = 3
# Probabilistic scores stay below the auto-action bar: only deterministic evidence may enable auto-actions.
_PROBABILISTIC_MAX = 0.84
# Fuzzy names below this similarity are different people (e.g. "Анна" vs "Анастасия" ≈ 0.6).
_MIN_NAME_SIMILARITY = 0.7
# Candidates per (seller, product) lookup: a hot product keeps the newest ones.
_PRODUCT_CANDIDATES = 500
# More same-name items than this on one product within the window: the name is too common to be evidence.
_AMBIGUOUS_NAME = 4
_TIMELINE_HOPS = 3
_NM_ID_IN_TEXT = re.compile(r"(?<!\d)\d{6,12}(?!\d)")


def mentioned_nm_ids(text: str | None) -> list[int]:
    """nmIDs (6–12 digit numbers) a buyer's message names, in order."""
    return [int(m) for m in _NM_ID_IN_TEXT.findall(text or "")]


_FIELDS = (
    "id",
    "seller_id",
    "channel",
    "external_id",
    "nm_id",
    "buyer_name",
    "buyer_id",
    "text",
    "occurred_at",
    "parent_external_id",
    "order_ref",
)

Row = dict[str, Any]


@dataclass(frozen=True)
class TimelineItem:
    """One interaction of a thread; `confidence`/`reason`/`kind` describe the link that brought it in
    (1.0 / "self" / None for the interaction asked about)."""

    interaction_id: int
    channel: Channel
    occurred_at: datetime
    status: InteractionStatus
    buyer_name: str | None
    nm_id: int | None
    product_name: str | None
    rating: int | None
    text: str
    answer: str | None
    confidence: float
    reason: str
    kind: LinkKind | None


def _name(value: str | None) -> str:
    """The normalised buyer name; "" for none, and for WB's stand-in for a hidden name ("Покупатель Wildberries"),
    which says nothing about who wrote (anonymous items never link by product)."""
    name = " ".join(re.sub(r"[^\w\s]", " ", (value or "").lower()).split())
    return "" if set(name.split()) & _PLACEHOLDER_WORDS else name


@lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """Similarity of two normalised buyer names (0..1); cached because a product's buyers repeat names."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b)
    # real_quick_ratio is an upper bound: most name pairs are rejected without the full comparison.
    return matcher.ratio() if matcher.real_quick_ratio() >= _MIN_NAME_SIMILARITY else 0.0


def probabilistic_score(name_sim: float, x: Row, y: Row) -> float:
    """Confidence that two interactions on one product with similar buyer names come from the same buyer."""
    if name_sim < _MIN_NAME_SIMILARITY:
        return 0.0
    text_sim = SequenceMatcher(None, (x["text"] or "")[:300].lower(), (y["text"] or "")[:300].lower()).ratio()
    closeness = max(0.0, 1 - abs(x["occurred_at"] - y["occurred_at"]) / THREAD_WINDOW)
    return min(_PROBABILISTIC_MAX, 0.6 * name_sim + 0.15 * text_sim + 0.25 * closeness)


class _Pairs:
    """Best link found per unordered pair."""

    def __init__(self) -> None:
        self.best: dict[tuple[int, int], tuple[int, LinkKind, float, str]] = {}

    def add(self, x: Row, y: Row, kind: LinkKind, confidence: float, reason: str) -> None:
        if x["id"] == y["id"] or x["seller_id"] != y["seller_id"] or confidence < LINK_MIN_CONFIDENCE:
            return
        key = (min(x["id"], y["id"]), max(x["id"], y["id"]))
        if key not in self.best or self.best[key][2] < confidence:
            self.best[key] = (x["seller_id"], kind, confidence, reason)


async def _match_on(new: list[Row], pairs: _Pairs, own: str, other: str, reason: str, **extra: Any) -> None:
    """Deterministic links where new.`own` equals candidate.`other` within the same seller."""
    keyed = defaultdict(list)
    for x in new:
        if x[own]:
            keyed[(x["seller_id"], x[own])].append(x)
    if not keyed:
        return
    sellers = {k[0] for k in keyed}
    values = {k[1] for k in keyed}
    rows = await Interaction.filter(seller_id__in=sellers, **{f"{other}__in": values}, **extra).values(*_FIELDS)
    for y in rows:
        for x in keyed.get((y["seller_id"], y[other]), ()):
            pairs.add(x, y, LinkKind.DETERMINISTIC, 1.0 if reason == "supplement" else 0.95, reason)


def _products(x: Row) -> list[tuple[int, bool]]:
    """(nm_id, named_in_text) the item is about: its own product, plus nmIds a chat message mentions."""
    out = [(x["nm_id"], False)] if x["nm_id"] else []
    if x["channel"] == Channel.CHAT:
        out += [(int(m), True) for m in _NM_ID_IN_TEXT.findall(x["text"] or "") if int(m) != x["nm_id"]]
    return out


async def _candidates(seller_id: int, groups: dict[int, list[tuple[Row, bool]]]) -> dict[int, list[Row]]:
    """Named candidate rows per product of one seller, newest first, in one query for all its products."""
    where = Q()
    for nm_id, members in groups.items():
        times = [x["occurred_at"] for x, _ in members]
        where |= Q(
            nm_id=nm_id, occurred_at__gte=min(times) - THREAD_WINDOW, occurred_at__lte=max(times) + THREAD_WINDOW
        )
    rows = Interaction.filter(where, seller_id=seller_id, buyer_name__isnull=False).order_by("-occurred_at")
    out: dict[int, list[Row]] = defaultdict(list)
    for y in await rows.values(*_FIELDS):
        if len(out[y["nm_id"]]) < _PRODUCT_CANDIDATES:  # a hot product keeps its newest candidates
            out[y["nm_id"]].append(y)
    return out


def _match_product(members: list[tuple[Row, bool]], rows: list[Row], pairs: _Pairs) -> None:
    """Name-based links of new items to the candidates of one product (anonymous items never link here)."""
    by_name: dict[str, list[Row]] = defaultdict(list)
    for y in rows:
        by_name[_name(y["buyer_name"])].append(y)
    by_name.pop("", None)
    for x, mentioned in members:
        own = _name(x["buyer_name"])
        if not own:
            continue
        near = {
            n: [y for y in ys if abs(x["occurred_at"] - y["occurred_at"]) <= THREAD_WINDOW] for n, ys in by_name.items()
        }
        same = [y for y in near.get(own, ()) if y["id"] != x["id"]]
        if len(same) > _AMBIGUOUS_NAME:
            continue  # a name this common on the product identifies nobody
        for y in same:
            pairs.add(x, y, LinkKind.DETERMINISTIC, 0.9, "chat_names_product" if mentioned else "same_buyer_product")
        for name, ys in near.items():
            similarity = 0.0 if name == own else name_similarity(*sorted((own, name)))
            for y in ys if similarity else ():
                pairs.add(
                    x, y, LinkKind.PROBABILISTIC, round(probabilistic_score(similarity, x, y), 3), "similar_buyer"
                )


async def _match_products(new: list[Row], pairs: _Pairs) -> None:
    by_seller: dict[int, dict[int, list[tuple[Row, bool]]]] = defaultdict(lambda: defaultdict(list))
    for x in new:
        for nm_id, mentioned in _products(x):
            by_seller[x["seller_id"]][nm_id].append((x, mentioned))
    for seller_id, groups in by_seller.items():
        candidates = await _candidates(seller_id, groups)
        for nm_id, members in groups.items():
            _match_product(members, candidates.get(nm_id, []), pairs)


async def _match_claims_to_chats(new: list[Row], pairs: _Pairs) -> None:
    """A return and a chat about the same order (claim `srid` = the chat's goodCard `rid`): the same buyer and
    order, certain (1.0) when WB says the claim was raised from a chat (`claim_type` 3), else a same-order link."""
    orders = {(x["seller_id"], x["order_ref"]) for x in new if x["order_ref"]}
    if not any(x["channel"] in (Channel.RETURN, Channel.CHAT) for x in new) or not orders:
        return
    rows = await Interaction.filter(
        seller_id__in={o[0] for o in orders},
        order_ref__in={o[1] for o in orders},
        channel__in=(Channel.RETURN, Channel.CHAT),
    ).values(*_FIELDS, "raw_payload")
    by_order: dict[tuple[int, str], list[Row]] = defaultdict(list)
    for y in rows:
        by_order[(y["seller_id"], y["order_ref"])].append(y)
    new_ids = {x["id"] for x in new}
    for group in by_order.values():
        claims = [y for y in group if y["channel"] == Channel.RETURN]
        chats = [y for y in group if y["channel"] == Channel.CHAT]
        for claim in claims:
            payload = claim["raw_payload"] if isinstance(claim["raw_payload"], dict) else {}
            from_chat = payload.get("claim_type") == CLAIM_FROM_CHAT
            for chat in chats:
                if claim["id"] in new_ids or chat["id"] in new_ids:
                    confidence, reason = (1.0, "claim_from_chat") if from_chat else (0.95, "same_order")
                    pairs.add(claim, chat, LinkKind.DETERMINISTIC, confidence, reason)


async def link_new(interaction_ids: list[int]) -> int:
    """Find and store links for freshly ingested interactions; returns the number of linked pairs found
    (stored now or already present). Idempotent: existing pairs are left as they are."""
    if not interaction_ids:
        return 0
    new = await Interaction.filter(id__in=interaction_ids).values(*_FIELDS)
    pairs = _Pairs()
    await _match_on(new, pairs, "parent_external_id", "external_id", "supplement", channel=Channel.REVIEW)
    await _match_on(new, pairs, "external_id", "parent_external_id", "supplement", channel=Channel.REVIEW)
    await _match_on(new, pairs, "buyer_id", "buyer_id", "same_buyer_id")
    await _match_on(new, pairs, "order_ref", "order_ref", "same_order")
    await _match_claims_to_chats(new, pairs)
    await _match_products(new, pairs)
    links = [
        Link(seller_id=seller_id, a_id=a, b_id=b, kind=kind, confidence=confidence, reason=reason)
        for (a, b), (seller_id, kind, confidence, reason) in pairs.best.items()
    ]
    if links:
        await Link.bulk_create(links, ignore_conflicts=True, batch_size=1000)
    return len(links)


async def timeline(interaction_id: int) -> list[TimelineItem]:
    """The thread of `interaction_id` (itself and everything linked to it, up to 3 hops) in time order."""
    via: dict[int, tuple[float, str, LinkKind | None]] = {interaction_id: (1.0, "self", None)}
    frontier = {interaction_id}
    for _ in range(_TIMELINE_HOPS):
        if not frontier:
            break
        links = await Link.filter(Q(a_id__in=frontier) | Q(b_id__in=frontier)).values(
            "a_id", "b_id", "confidence", "reason", "kind"
        )
        reached: set[int] = set()
        for link in sorted(links, key=lambda row: -row["confidence"]):
            for src, dst in ((link["a_id"], link["b_id"]), (link["b_id"], link["a_id"])):
                if src in frontier and dst not in via:
                    via[dst] = (link["confidence"], link["reason"], LinkKind(link["kind"]))
                    reached.add(dst)
        frontier = reached
    rows = await Interaction.filter(id__in=list(via)).order_by("occurred_at", "id")
    return [
        TimelineItem(
            interaction_id=r.id,
            channel=r.channel,
            occurred_at=r.occurred_at,
            status=r.status,
            buyer_name=r.buyer_name,
            nm_id=r.nm_id,
            product_name=r.product_name,
            rating=r.rating,
            text=r.text,
            answer=r.answer,
            confidence=via[r.id][0],
            reason=via[r.id][1],
            kind=via[r.id][2],
        )
        for r in rows
    ]


async def auto_action_allowed(interaction_id: int) -> bool:
    """False when the item has a link below AUTO_ACTION_MIN_CONFIDENCE (DESIGN: no auto-action on unsure links)."""
    unsure = Link.filter(Q(a_id=interaction_id) | Q(b_id=interaction_id), confidence__lt=AUTO_ACTION_MIN_CONFIDENCE)
    return not await unsure.exists()
