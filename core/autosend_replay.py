"""«Что отправилось бы за 30 дней»: the shop's last 30 days of reviews replayed through today's auto-send rules and
template drafts, shown before auto-send can be switched on (and again when the rules change).

Auto-send publishes with no person in the loop, so the seller sees first what it would have published: how many of
the period's reviews would have gone out, a sample of those drafts, and how many were held back for each reason
(`core.autosend.AutoSendReason`) with a sample of each. The replay judges every review as if it had just arrived and
auto-send were on (`core.autosend.eligible`, the same rules, links included): first on the item alone, then — for
those that pass — on the template draft written now (`core.drafting.service.template_draft`: nothing stored, no
LLM call, so the replay costs nothing; with AI drafts on arrival the live drafts may differ, and the screen says so).

`core.autosend.RULES_VERSION` names the rules: a seller confirms the replay of a version when switching auto-send on
(`SellerSettings.auto_send_rules`); after the rules change, auto-send holds (`AutoSendReason.RULES`) until the seller
has seen the new replay and confirmed again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q

from core.autosend import RULES_VERSION, AutoSendReason, eligible
from core.drafting.service import template_draft
from core.guardrails import Verdict
from core.models import Channel, Interaction, Link, Seller
from core.seller_settings import SellerSettings
from core.settings import Settings

DAYS = 30
# A sample is enough to judge by; a shop with thousands of reviews a month is replayed whole, shown in part.
SAMPLES = 3


@dataclass(frozen=True)
class Sample:
    """One replayed review: the item, its buyer's text and — for one that would go out — the draft."""

    interaction_id: int
    rating: int | None
    buyer_text: str
    draft: str = ""


@dataclass
class Replay:
    """What auto-send would have done with the period's reviews."""

    reviews: int = 0
    sent: list[Sample] = field(default_factory=list)
    would_send: int = 0
    held: Counter[AutoSendReason] = field(default_factory=Counter)
    held_samples: dict[AutoSendReason, list[Sample]] = field(default_factory=dict)

    @property
    def share(self) -> float:
        """The share of the period's reviews that would have gone out."""
        return self.would_send / self.reviews if self.reviews else 0.0


def _buyer_text(item: Interaction) -> str:
    return " ".join(p for p in (item.text, item.pros, item.cons) if p).strip()


async def _confidences(ids: list[int]) -> dict[int, list[float]]:
    found: dict[int, list[float]] = {}
    rows = await Link.filter(Q(a_id__in=ids) | Q(b_id__in=ids)).values_list("a_id", "b_id", "confidence")
    for a, b, confidence in rows:
        for end in (a, b):
            found.setdefault(end, []).append(confidence)
    return found


async def replay(seller_id: int, settings: Settings, *, now: datetime | None = None, days: int = DAYS) -> Replay:
    """Replay the seller's reviews of the last `days` days through today's auto-send rules (see the module)."""
    now = now or datetime.now(UTC)
    seller = await Seller.get(id=seller_id)
    rules = SellerSettings.of(seller.settings).model_copy(update={"auto_send": True, "auto_send_rules": RULES_VERSION})
    items = await Interaction.filter(
        seller_id=seller_id, channel=Channel.REVIEW, occurred_at__gte=now - timedelta(days=days)
    ).order_by("-occurred_at")
    links = await _confidences([item.id for item in items])
    result = Replay(reviews=len(items))
    for item in items:
        confidences = links.get(item.id, ())
        ok, reason = eligible(item, rules, Verdict(), link_confidences=confidences)
        draft = ""
        if ok:
            generated = await template_draft(item, rules, settings)
            draft = generated.text
            ok, reason = eligible(
                item,
                rules,
                generated.verdict,
                link_confidences=confidences,
                draft_text=draft,
                draft_origin=generated.origin,
            )
            if generated.needs_seller:
                ok, reason = False, AutoSendReason.UNSURE
        sample = Sample(item.id, item.rating, _buyer_text(item), draft if ok else "")
        if ok:
            result.would_send += 1
            if len(result.sent) < SAMPLES:
                result.sent.append(sample)
            continue
        result.held[reason] += 1
        kept = result.held_samples.setdefault(reason, [])
        if len(kept) < SAMPLES:
            kept.append(sample)
    return result
