"""Answers that win buyers back at scale: core.analytics.recovery and core.analytics.ways on bench/analytics.py's
data set (PostgreSQL), checked against an independent count, with negative controls.

Run: `.venv/bin/python bench/recovery.py [--sellers 200] [--interactions 200000] [--rounds 10]`.
On top of the analytics data set: replies joined to their drafts; for one answered 1–3★ review in six a supplement
written 1–10 days after our answer with a random rating (1–5); and three controls that must never count — a 5★
supplement written BEFORE our answer, a 5★ supplement to an unanswered negative, a 5★ supplement to a 4–5★ review.
The expected «recovered N of M» is counted here in Python from plain rows, not with the module's SQL.
"""

from __future__ import annotations

import argparse
import asyncio
import random
from datetime import timedelta

import asyncpg
from analytics import NOW, bench_database, measure  # bench/ is on sys.path when run as a script
from tortoise import connections

from core.analytics import ItemFilters, Period, interactions_query
from core.analytics.recovery import recovery
from core.analytics.ways import answer_ways

MONTH = Period.last_days(30, NOW)
CONTROLS = ("before-answer", "unanswered", "positive")


async def _supplements(conn: asyncpg.Connection) -> None:
    await conn.execute("UPDATE reply SET draft_id = d.id FROM draft d WHERE d.interaction_id = reply.interaction_id")
    rng = random.Random(5)
    answered = await conn.fetch(
        """SELECT i.id, i.seller_id, i.external_id, i.nm_id, i.rating, MIN(r.sent_at) AS at
             FROM interaction i JOIN reply r ON r.interaction_id = i.id AND r.status = 'sent' AND r.action IS NULL
            WHERE i.channel = 'review' AND i.rating <= 3 GROUP BY i.id"""
    )
    others = await conn.fetch(
        """SELECT i.id, i.seller_id, i.external_id, i.nm_id, i.rating, i.occurred_at AS at FROM interaction i
            WHERE i.channel = 'review' AND NOT EXISTS (SELECT 1 FROM reply r WHERE r.interaction_id = i.id)"""
    )
    rows = []
    for parent in answered:
        pick = rng.random()
        if pick < 1 / 6:
            rows.append((parent, rng.randint(1, 5), parent["at"] + timedelta(days=rng.uniform(1, 10)), "real"))
        elif pick < 1 / 6 + 0.03:
            rows.append((parent, 5, parent["at"] - timedelta(minutes=1), "before-answer"))
    for parent in others:
        if rng.random() < 0.03:
            control = "unanswered" if parent["rating"] <= 3 else "positive"
            rows.append((parent, 5, parent["at"] + timedelta(days=2), control))
    await conn.executemany(
        """INSERT INTO interaction (seller_id, channel, external_id, nm_id, text, rating, occurred_at, status,
                                    needs_response, priority, priority_rank, answer_state, wb_sync_state, source,
                                    parent_external_id, created_at, updated_at)
           VALUES ($1, 'review', $2, $3, $4, $5, $6, 'new', false, 'normal', 2, 'none', 'none', 'wb_api', $7,
                   $6, $6)""",
        [
            (p["seller_id"], f"sup-{p['id']}", p["nm_id"], kind, rating, at, p["external_id"])
            for p, rating, at, kind in rows
        ],
    )
    await conn.execute("ANALYZE")


async def _expected() -> tuple[int, int, dict[str, int]]:
    """«recovered N of M» over MONTH, counted from plain rows; and how many supplements each control wrote."""
    conn = connections.get("default")
    parents = await conn.execute_query_dict(
        """SELECT i.id, i.rating, i.external_id, i.seller_id, MIN(r.sent_at) AS at FROM interaction i
             JOIN reply r ON r.interaction_id = i.id AND r.status = 'sent' AND r.action IS NULL
            WHERE i.channel = 'review' AND i.rating <= 3 AND i.parent_external_id IS NULL
              AND i.occurred_at >= $1 AND i.occurred_at < $2 GROUP BY i.id""",
        [MONTH.start, MONTH.end],
    )
    children = await conn.execute_query_dict(
        "SELECT seller_id, parent_external_id, rating, occurred_at, text FROM interaction"
        " WHERE parent_external_id IS NOT NULL"
    )
    by_parent = {(c["seller_id"], c["parent_external_id"]): c for c in children}
    recovered = 0
    for p in parents:
        child = by_parent.get((p["seller_id"], p["external_id"]))
        if child and child["occurred_at"] >= p["at"] and child["rating"] > p["rating"]:
            recovered += 1
    controls = {kind: sum(c["text"] == kind for c in children) for kind in CONTROLS}
    return recovered, len(parents), controls


async def main(sellers: int, total: int, rounds: int) -> None:
    async with bench_database(sellers, total, keep=False, reuse=None, prepare=_supplements):
        recovered, answered, controls = await _expected()
        stats = await recovery(seller_id=None, period=MONTH)
        print(f"expected (plain rows): recovered {recovered} of {answered}")
        print(f"core.analytics.recovery: recovered {stats.total.recovered} of {stats.total.answered} "
              f"({stats.total.pct} %), median {stats.total.median_days} days")  # fmt: skip
        print(f"controls written (must not count): {controls}")
        assert (stats.total.recovered, stats.total.answered) == (recovered, answered)
        listed = await interactions_query(ItemFilters(recovery="recovered", period=MONTH, now=NOW, page_size=1))
        print(f"drill-down 'recovered', all sellers: {listed.total} items")
        assert listed.total == min(recovered, 10_000)
        rng = random.Random(3)
        cases = [
            ("recovery 30d, one seller", lambda: recovery(seller_id=rng.randint(1, sellers), period=MONTH)),
            ("recovery 30d, biggest sellers", lambda: recovery(seller_id=rng.randint(1, 5), period=MONTH)),
            ("recovery 30d, all sellers", lambda: recovery(seller_id=None, period=MONTH)),
            ("answer ways 30d, one seller", lambda: answer_ways(seller_id=rng.randint(1, sellers), period=MONTH)),
            ("answer ways 30d, all sellers", lambda: answer_ways(seller_id=None, period=MONTH)),
            (
                "drill-down recovered, biggest sellers",
                lambda: interactions_query(
                    ItemFilters(seller_id=rng.randint(1, 5), recovery="recovered", period=MONTH, now=NOW)
                ),
            ),
        ]
        results = [await measure(name, rounds, make) for name, make in cases]
    print(f"{'query':44} {'p50 ms':>8} {'p95 ms':>8}")
    for label, p50, p95 in results:
        print(f"{label:44} {p50:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=200)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.sellers, args.interactions, args.rounds))
