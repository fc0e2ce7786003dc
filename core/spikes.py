"""Product spikes: a topic (core.topics) jumping on one product of a seller.

`evaluate()` counts, for every seller × nmId × topic, the items of the last `recent_days` and of the
`baseline_weeks` before them in ONE grouped query over the window (topics unnested in SQL: `jsonb_array_elements_text`
on PostgreSQL, `json_each` on SQLite). A spike holds when the recent count reaches `min_count` and `ratio` times the
baseline's rate for the same length of time. Like ops alerts (core.alerts) a spike is deduplicated by an open key
(one open spike per seller × product × topic), bumped while it holds and resolved when it no longer does; muted
product × topic pairs (`SpikeMute`, 30 days by default) raise nothing. Delivery is the caller's: a spike whose
`delivered_at` is None goes to the owners once (`claim_delivery`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError

from core.access import NotAllowed
from core.analytics.common import Sql
from core.models import Channel, Interaction, ProductSpike, SellerMember, SpikeMute
from core.models.enums import MemberRole
from core.settings import SpikeSettings

EXAMPLES = 3


@dataclass(frozen=True)
class Jump:
    """One seller × product × topic whose recent count jumped."""

    seller_id: int
    nm_id: int
    topic: str
    recent: int
    baseline: int


def open_key(seller_id: int, nm_id: int, topic: str) -> str:
    """The dedup key of an open spike."""
    return f"{seller_id}:{nm_id}:{topic}"


async def find_jumps(now: datetime, cfg: SpikeSettings) -> list[Jump]:
    """Every seller × product × topic over the thresholds now (one grouped query)."""
    q = Sql()
    recent_from = now - timedelta(days=cfg.recent_days)
    start = recent_from - timedelta(weeks=cfg.baseline_weeks)
    unnest = (
        "CROSS JOIN LATERAL jsonb_array_elements_text(i.topics) AS t(topic)"
        if q.postgres
        else "CROSS JOIN json_each(i.topics) AS t"
    )
    topic = "t.topic" if q.postgres else "t.value"
    recent_p = q.p(recent_from)
    sql = f"""
        SELECT i.seller_id, i.nm_id, {topic} AS topic,
               SUM(CASE WHEN i.occurred_at >= {recent_p} THEN 1 ELSE 0 END) AS recent,
               SUM(CASE WHEN i.occurred_at < {recent_p} THEN 1 ELSE 0 END) AS baseline
          FROM interaction i {unnest}
         WHERE i.occurred_at >= {q.p(start)} AND i.occurred_at < {q.p(now)}
           AND i.nm_id IS NOT NULL AND i.topics IS NOT NULL
         GROUP BY i.seller_id, i.nm_id, {topic}
        HAVING SUM(CASE WHEN i.occurred_at >= {recent_p} THEN 1 ELSE 0 END) >= {q.p(cfg.min_count)}
    """
    # Baseline rate over the same length of time as the recent window.
    scale = cfg.recent_days / (cfg.baseline_weeks * 7)
    return [
        Jump(r["seller_id"], r["nm_id"], r["topic"], int(r["recent"]), int(r["baseline"]))
        for r in await q.rows(sql)
        if int(r["recent"]) >= cfg.ratio * int(r["baseline"]) * scale
    ]


async def _ratings(seller_id: int, nm_id: int, now: datetime, cfg: SpikeSettings) -> tuple[float | None, ...]:
    """The product's average review rating in the recent window and in the baseline before it."""
    recent_from = now - timedelta(days=cfg.recent_days)
    start = recent_from - timedelta(weeks=cfg.baseline_weeks)
    rows = await Interaction.filter(
        seller_id=seller_id, nm_id=nm_id, channel=Channel.REVIEW, rating__not_isnull=True,
        occurred_at__gte=start, occurred_at__lt=now,
    ).values_list("occurred_at", "rating")  # fmt: skip
    recent = [r for at, r in rows if at >= recent_from]
    base = [r for at, r in rows if at < recent_from]
    return (sum(recent) / len(recent) if recent else None, sum(base) / len(base) if base else None)


async def _muted(now: datetime) -> set[tuple[int, int, str]]:
    rows = await SpikeMute.filter(until__gt=now).values_list("seller_id", "nm_id", "topic")
    return {(s, n, t) for s, n, t in rows}


async def _raise(jump: Jump, now: datetime, cfg: SpikeSettings) -> ProductSpike:
    key = open_key(jump.seller_id, jump.nm_id, jump.topic)
    fields: dict[str, Any] = {"recent": jump.recent, "baseline": jump.baseline, "last_seen": now}
    if await ProductSpike.filter(open_key=key).update(**fields):
        return await ProductSpike.get(open_key=key)
    rating_recent, rating_baseline = await _ratings(jump.seller_id, jump.nm_id, now, cfg)
    name = await Interaction.filter(seller_id=jump.seller_id, nm_id=jump.nm_id, product_name__not_isnull=True).first()
    try:
        return await ProductSpike.create(
            seller_id=jump.seller_id, nm_id=jump.nm_id, topic=jump.topic, open_key=key, first_seen=now,
            product_name=name.product_name if name else None, rating_recent=rating_recent,
            rating_baseline=rating_baseline, **fields,
        )  # fmt: skip
    except IntegrityError:  # a concurrent evaluation opened it first
        return await ProductSpike.get(open_key=key)


async def evaluate(now: datetime, cfg: SpikeSettings) -> list[ProductSpike]:
    """Raise or bump the spikes that hold, resolve the open ones that no longer do; returns the open spikes."""
    muted = await _muted(now)
    jumps = [j for j in await find_jumps(now, cfg) if (j.seller_id, j.nm_id, j.topic) not in muted]
    spikes = [await _raise(jump, now, cfg) for jump in jumps]
    holding = {s.open_key for s in spikes}
    stale = [k for k in await ProductSpike.filter(open_key__not_isnull=True).values_list("open_key", flat=True)]
    gone = [k for k in stale if k not in holding]
    if gone:
        await ProductSpike.filter(open_key__in=gone).update(open_key=None, resolved_at=now)
    return spikes


async def claim_delivery(spike_id: int, now: datetime | None = None) -> ProductSpike | None:
    """Claim the spike's one delivery; None when it was delivered (or claimed) already or is resolved."""
    claimed = await ProductSpike.filter(id=spike_id, delivered_at=None, open_key__not_isnull=True).update(
        delivered_at=now or datetime.now(UTC)
    )
    return await ProductSpike.get(id=spike_id) if claimed else None


async def examples(spike: ProductSpike, now: datetime, cfg: SpikeSettings) -> list[Interaction]:
    """The newest items of the recent window that raised the topic on the product (for the message and buttons)."""
    recent = (
        await Interaction.filter(
            seller_id=spike.seller_id, nm_id=spike.nm_id, occurred_at__gte=now - timedelta(days=cfg.recent_days)
        )
        .order_by("-occurred_at", "-id")
        .limit(500)
    )
    return [i for i in recent if spike.topic in (i.topics or [])][:EXAMPLES]


async def owner_members(seller_id: int) -> list[SellerMember]:
    """The seller's owners who still read the bot."""
    return await SellerMember.filter(
        seller_id=seller_id, role=MemberRole.OWNER, active=True, blocked_bot=False
    ).order_by("id")


async def mute(*, spike_id: int, tg_user_id: int, cfg: SpikeSettings, now: datetime | None = None) -> ProductSpike:
    """Mute the spike's product × topic for `mute_days`: the user must own the spike's seller (whichever of their
    memberships is active), else NotAllowed."""

    now = now or datetime.now(UTC)
    spike = await ProductSpike.get_or_none(id=spike_id)
    owner = (
        spike
        and await SellerMember.filter(
            seller_id=spike.seller_id, tg_user_id=tg_user_id, role=MemberRole.OWNER, active=True
        ).exists()
    )
    if spike is None or not owner:
        raise NotAllowed("owner-only")
    await SpikeMute.update_or_create(
        seller_id=spike.seller_id, nm_id=spike.nm_id, topic=spike.topic,
        defaults={"until": now + timedelta(days=cfg.mute_days)},
    )  # fmt: skip
    return spike
