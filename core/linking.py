"""Linking one buyer's interactions across channels into a thread — without a buyer id (WB dropped chat `clientID`
in 2026 and names no buyer anywhere else).

Deterministic links (exact ids): review supplements (parent/child feedback ids) and the same order (`order_ref`: a
chat's goodCard `rid` is the claim's `srid`; a return raised from a chat links to it with certainty).
Name-based links are probabilities (`same_name_probability`): the same name on the same product is evidence only as
far as the name is rare among the seller's buyers, the product has few other named buyers in the window, and the two
items are close in time; WB's placeholder names («Покупатель Wildberries» …) never link. Similar (not equal) names
are guesses capped below AUTO_ACTION_MIN_CONFIDENCE. The model and its calibration: bench/links.py, bench/README.md.
Incremental: candidates come from indexed lookups for the new rows only (parent id, order, seller × nm_id × time
window) — never all pairs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from tortoise.expressions import Q

# The drafter's list of WB's name stand-ins: one list, so a greeting and a link never disagree on who is anonymous.
from core.models import Channel, Interaction, InteractionStatus, Link, LinkKind

LINK_MIN_CONFIDENCE = 0.55
# Any automatic action (auto-send) requires every link of the item to be at least this sure.
AUTO_ACTION_MIN_CONFIDENCE = 0.85
THREAD_WINDOW = timedelta(days=45)
# WB's `claim_type` of a return raised from a buyer chat.
CLAIM_FROM_CHAT = 3
# Similar-name guesses ("Анна" and "Анна К.") stay below the auto-action bar.
_PROBABILISTIC_MAX = 0.84
# Fuzzy names below this similarity are different people (e.g. "Анна" vs "Анастасия" ≈ 0.6).
_MIN_NAME_SIMILARITY = 0.7
# Candidates per (seller, product) lookup: a hot product keeps the newest ones.
_PRODUCT_CANDIDATES = 500
_TIMELINE_HOPS = 3
# The same-name model (calibrated on bench/links.py's generated population):
# how likely one buyer has another item on the same product within the window, and the mean gap between them (days).
SAME_BUYER_REPEAT = 0.1
SAME_BUYER_GAP_DAYS = 4.0
# A name's share among the seller's named items is smoothed (a name seen once in a small shop is not rare) and never
# taken below this floor; the seller's names of the last NAME_SHARE_WINDOW are counted.
NAME_SHARE_FLOOR = 0.002
NAME_SHARE_PRIOR = 20
NAME_SHARE_WINDOW = timedelta(days=180)
# What WB shows instead of a hidden name: never evidence of anyone.
PLACEHOLDER_NAMES = frozenset(
    {"покупатель wildberries", "покупатель", "покупательница", "клиент", "пользователь", "аноним", "гость"}
)
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
    """The name as compared: lower case, punctuation gone, ё as е; "" for none or one of WB's placeholders."""
    name = " ".join(re.sub(r"[^\w\s]", " ", (value or "").lower().replace("ё", "е")).split())
    return "" if name in PLACEHOLDER_NAMES or name.startswith("покупатель ") else name


def name_share(count: int, total: int) -> float:
    """A name's share among the seller's named items, smoothed towards common and floored (never "unique")."""
    return max(NAME_SHARE_FLOOR, (count + 1) / (total + NAME_SHARE_PRIOR))


def same_name_probability(*, share: float, others_on_product: int, gap: timedelta) -> float:
    """The probability that two items with the same name on one product come from one buyer.

    One buyer: another item of theirs on the product with probability SAME_BUYER_REPEAT, its gap exponential with
    mean SAME_BUYER_GAP_DAYS. Another buyer who shares the name: the product's other named items in the window each
    carry the name with probability `share`, at a gap uniform over the window. The posterior of the first.
    """
    days = abs(gap).total_seconds() / 86400
    same = SAME_BUYER_REPEAT * math.exp(-days / SAME_BUYER_GAP_DAYS) / SAME_BUYER_GAP_DAYS
    namesakes = max(others_on_product, 1) * share / (THREAD_WINDOW.total_seconds() / 86400)
    return round(same / (same + namesakes), 3)


@lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """Similarity of two normalised buyer names (0..1); cached because a product's buyers repeat names."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b)
    # real_quick_ratio is an upper bound: most name pairs are rejected without the full comparison.
    return matcher.ratio() if matcher.real_quick_ratio() >= _MIN_NAME_SIMILARITY else 0.0


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


def _match_product(members: list[tuple[Row, bool]], rows: list[Row], pairs: _Pairs, shares: dict[str, float]) -> None:
    """Name-based links of new items to the candidates of one product (anonymous and placeholder names never link
    here); `shares` gives each name's share among the seller's named items."""
    by_name: dict[str, list[Row]] = defaultdict(list)
    for y in rows:
        by_name[_name(y["buyer_name"])].append(y)
    by_name.pop("", None)
    for x, mentioned in members:
        own = _name(x["buyer_name"])
        if not own:
            continue
        near = {
            n: [y for y in ys if abs(x["occurred_at"] - y["occurred_at"]) <= THREAD_WINDOW and y["id"] != x["id"]]
            for n, ys in by_name.items()
        }
        others = sum(len(ys) for ys in near.values())
        share = shares.get(own, NAME_SHARE_FLOOR)
        for y in near.get(own, ()):
            confidence = same_name_probability(
                share=share, others_on_product=others, gap=x["occurred_at"] - y["occurred_at"]
            )
            pairs.add(
                x, y, LinkKind.PROBABILISTIC, confidence, "chat_names_product" if mentioned else "same_name_product"
            )
        for name, ys in near.items():
            # "Анна К." and "Анна": the same first name, one of them told more. Different first names that look
            # alike ("Ирина", "Марина") are different people.
            if name == own or name.split()[0] != own.split()[0]:
                continue
            for y in ys:
                p = same_name_probability(
                    share=shares.get(own.split()[0], share),
                    others_on_product=others,
                    gap=x["occurred_at"] - y["occurred_at"],
                )
                pairs.add(
                    x,
                    y,
                    LinkKind.PROBABILISTIC,
                    min(_PROBABILISTIC_MAX, round(p * name_similarity(*sorted((own, name))), 3)),
                    "similar_buyer",
                )


async def _name_shares(seller_id: int, names: set[str], now: datetime) -> dict[str, float]:
    """Each normalised name's share among the seller's named items of the last NAME_SHARE_WINDOW."""
    raw = await Interaction.filter(
        seller_id=seller_id, buyer_name__isnull=False, occurred_at__gte=now - NAME_SHARE_WINDOW
    ).values_list("buyer_name", flat=True)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return shares_of(raw, names)  # type: ignore[arg-type]


def shares_of(raw_names: list[str | None], wanted: set[str]) -> dict[str, float]:
    """`name_share` of each wanted (normalised) name among `raw_names` (placeholders and blanks do not count), and of
    each one's first name (counting every name that starts with it; the larger share where the two coincide)."""
    names = [n for n in map(_name, raw_names) if n]
    counts, firsts = Counter(names), Counter(n.split()[0] for n in names)
    total = len(names)
    out = {n: name_share(counts[n], total) for n in wanted}
    for first in {n.split()[0] for n in wanted}:
        out[first] = max(out.get(first, 0.0), name_share(firsts[first], total))
    return out


async def _match_products(new: list[Row], pairs: _Pairs) -> None:
    by_seller: dict[int, dict[int, list[tuple[Row, bool]]]] = defaultdict(lambda: defaultdict(list))
    for x in new:
        for nm_id, mentioned in _products(x):
            by_seller[x["seller_id"]][nm_id].append((x, mentioned))
    for seller_id, groups in by_seller.items():
        candidates = await _candidates(seller_id, groups)
        names = {_name(x["buyer_name"]) for members in groups.values() for x, _ in members} - {""}
        newest = max(x["occurred_at"] for members in groups.values() for x, _ in members)
        shares = await _name_shares(seller_id, names, newest) if names else {}
        for nm_id, members in groups.items():
            _match_product(members, candidates.get(nm_id, []), pairs, shares)


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
