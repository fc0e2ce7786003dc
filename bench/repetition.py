"""The repetition guard over a simulated month of one seller (issue 25 item 7), through the real drafting and
approval path on a throwaway SQLite database.

Run: `.venv/bin/python bench/repetition.py [--reviews 1000] [--seed 25]`. One seller receives `--reviews` reviews
over 30 days: the review texts and ratings of tests/data/topics_*.jsonl drawn at random, a third of them
rating-only 5★ (WB's most common review), 40 % with a real buyer name. Each review gets its first template draft
(`create_draft`, as on arrival) and the seller sends it unchanged (`core.replies.approve`). Prints:
- hits: drafts shown with the repetition finding (no variant within MAX_REROLLS passed) + approvals refused —
  the target is 0;
- how many first drafts had to be re-rolled, and how far;
- the cost of one check against the month's signatures (p50/p95);
- negative control: the same month with re-rolls off (MAX_REROLLS = 0): how many drafts would have repeated.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core import db as core_db
from core import repetition
from core.drafting import service
from core.guardrails import GuardrailViolation
from core.models import AnswerSignature, Channel, Interaction, InteractionStatus, ReplyVia, Seller
from core.replies import approve
from core.settings import load_settings

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
NAMES = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Светлана", "Татьяна", "Алексей", "Дмитрий", "Юлия"]
HIDDEN = [None, "Покупатель Wildberries", "Покупатель"]


def _reviews(n: int, rng: random.Random) -> list[dict]:
    pool = [
        json.loads(line)
        for name in ("topics_tuning.jsonl", "topics_holdout.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    pool = [item for item in pool if item["channel"] == "review"]
    out = []
    for _ in range(n):
        item = {"text": "", "rating": 5} if rng.random() < 1 / 3 else rng.choice(pool)
        name = rng.choice(NAMES) if rng.random() < 0.4 else rng.choice(HIDDEN)
        out.append({"text": item.get("text", ""), "rating": item.get("rating"), "buyer_name": name})
    return out


async def _month(reviews: list[dict], settings) -> dict[str, float]:
    seller = await Seller.create(name=f"bench-{time.time_ns()}", settings={"auto_draft": False})
    start = datetime.now(UTC) - timedelta(days=30)
    shown_hits = refused = rerolled = 0
    hit_ratings: Counter[str] = Counter()
    steps: list[int] = []
    for n, review in enumerate(reviews):
        item = await Interaction.create(
            seller=seller,
            channel=Channel.REVIEW,
            external_id=f"r{n}",
            occurred_at=start + timedelta(minutes=43 * n),
            status=InteractionStatus.NEEDS_RESPONSE,
            **review,
        )
        draft = await service.create_draft(interaction_id=item.id, settings=settings, arrival=True)
        if any(v.get("rule_id") == repetition.RULE_ID for v in draft.verdict.get("violations", [])):
            shown_hits += 1
            hit_ratings[f"{review['rating']}★{' text' if review['text'] else ''}"] += 1
            continue
        if draft.variant:
            rerolled += 1
            steps.append(draft.variant)
        try:
            await approve(interaction_id=item.id, text=draft.text, draft_id=draft.id, via=ReplyVia.TELEGRAM)
        except GuardrailViolation as exc:
            refused += any(v.rule_id == repetition.RULE_ID for v in exc.verdict.blocking)
    costs = []
    for _ in range(200):
        began = time.perf_counter()
        await repetition.repeated(draft.text, seller_id=seller.id)
        costs.append((time.perf_counter() - began) * 1000)
    costs.sort()
    return {
        "hits": shown_hits + refused,
        "hit_ratings": dict(hit_ratings),
        "shown_hits": shown_hits,
        "refused": refused,
        "rerolled": rerolled,
        "max_step": max(steps, default=0),
        "signatures": await AnswerSignature.filter(seller_id=seller.id).count(),
        "p50_ms": statistics.median(costs),
        "p95_ms": costs[int(len(costs) * 0.95)],
    }


async def _run(count: int, seed: int) -> None:
    reviews = _reviews(count, random.Random(seed))
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(database_url=f"sqlite://{tmp}/bench.sqlite3", llm={"base_url": None, "api_key": None})
        await core_db.upgrade(settings)
        handle = await core_db.open_database(settings)
        try:
            began = time.perf_counter()
            guarded = await _month(reviews, settings)
            took = time.perf_counter() - began
            service.MAX_REROLLS = service.VARIETY_TRIES = 0  # negative control: the same month without re-rolls
            control = await _month(reviews, settings)
        finally:
            await handle.close()
    print(f"one seller, {count} reviews over 30 days (seed {seed}), first template draft sent unchanged ({took:.1f} s)")
    print(
        f"repetition-guard hits: {guarded['hits']} (drafts shown with the finding {guarded['shown_hits']}, "
        f"approvals refused {guarded['refused']}); by rating: {guarded['hit_ratings']}"
    )
    print(f"first drafts re-rolled before shown: {guarded['rerolled']} (furthest variant step {guarded['max_step']})")
    print(
        f"one check against {guarded['signatures']} signatures: p50 {guarded['p50_ms']:.2f} ms, "
        f"p95 {guarded['p95_ms']:.2f} ms"
    )
    print(f"negative control (no re-rolls): {control['hits']} drafts would repeat an answer of the month")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=25)
    args = parser.parse_args()
    asyncio.run(_run(args.reviews, args.seed))


if __name__ == "__main__":
    main()
