"""Draft quality on the labelled buyer texts (`tests/data/topics_*.jsonl`), through the bot's drafting path.

Run: `.venv/bin/python bench/drafts.py [--regenerations 5]`. Prints:
- per-topic precision / recall / F1 of `core.topics.detect` on the held-out part (written before the rules) and the
  tuning part, with the macro F1;
- over all items, the template draft (`core.drafting.preview`, no seller: default voice, no facts): the share of
  drafts that address every detected topic — by the per-topic phrase check (`core.drafting.coverage`), by the
  topic detector run on the draft (the topic or, for a complaint, its advice twin), and by either;
- the same phrase check against the labelled topics (so a topic the detector missed counts as unaddressed);
- the share of drafts with no guardrail violation at all (and with no blocking one);
- distinct texts over N regenerations (variants 0..N-1) per item: minimum and mean.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from pathlib import Path

from core.drafting.coverage import addressed
from core.drafting.preview import preview
from core.models.enums import Channel
from core.settings import load_settings
from core.topics import Topic, detect

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# What the detector finds in a reply that answers a topic: a size complaint is answered with sizing advice, etc.
_ANSWERED_AS = {
    Topic.SIZE_SMALL: {Topic.SIZE_SMALL, Topic.SIZE_ADVICE},
    Topic.SIZE_LARGE: {Topic.SIZE_LARGE, Topic.SIZE_ADVICE},
    Topic.PRAISE_FIT: {Topic.PRAISE_FIT, Topic.SIZE_ADVICE},
}


def _load(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def scores(items: list[dict]) -> tuple[dict[Topic, tuple[float, float, float, int]], float]:
    """Per topic (precision, recall, F1, support) and the macro F1 over all topics."""
    tp: Counter[Topic] = Counter()
    fp: Counter[Topic] = Counter()
    fn: Counter[Topic] = Counter()
    for item in items:
        got = set(
            detect(
                item.get("text", ""),
                channel=item["channel"],
                rating=item.get("rating"),
                pros=item.get("pros"),
                cons=item.get("cons"),
            ).topics
        )
        want = {Topic(t) for t in item["topics"]}
        tp.update(got & want)
        fp.update(got - want)
        fn.update(want - got)
    out = {}
    for t in Topic:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 1.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 1.0
        out[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, tp[t] + fn[t])
    return out, sum(v[2] for v in out.values()) / len(out)


async def drafts(items: list[dict], regenerations: int) -> dict[str, float]:
    """Coverage, guardrail and variety figures of the template drafts of `items`."""
    settings = load_settings(database_url="sqlite://:memory:", llm={"base_url": None, "api_key": None})
    by_phrase = by_detector = either = clean = not_blocked = with_topics = gold_items = gold_ok = 0
    distinct: list[int] = []
    for item in items:
        channel = Channel(item["channel"])
        texts = []
        for variant in range(regenerations):
            result = await preview(
                channel=channel,
                text=item.get("text", ""),
                rating=item.get("rating"),
                pros=item.get("pros"),
                cons=item.get("cons"),
                variant=variant,
                settings=settings,
            )
            texts.append(result.draft.text)
            if variant:
                continue
            topics = result.topics.topics
            verdict = result.draft.verdict
            clean += not verdict.violations
            not_blocked += verdict.ok
            gold = tuple(Topic(t) for t in item["topics"])
            if gold:  # against the labels: a topic the detector missed counts as not addressed
                gold_items += 1
                gold_ok += all(addressed(gold, result.draft.text, result.request.language).values())
            if not topics:
                continue
            with_topics += 1
            phrase = addressed(topics, result.draft.text, result.request.language)
            seen = set(detect(result.draft.text, channel=Channel.QUESTION).topics) | set(
                detect(result.draft.text, channel=Channel.REVIEW, rating=5).topics
            )
            detector = {t: bool(_ANSWERED_AS.get(t, {t}) & seen) for t in topics}
            by_phrase += all(phrase.values())
            by_detector += all(detector.values())
            either += all(phrase[t] or detector[t] for t in topics)
        distinct.append(len(set(texts)))
    n = len(items)
    return {
        "items": n,
        "items_with_topics": with_topics,
        "address_all_phrase_pct": 100 * by_phrase / with_topics,
        "address_all_detector_pct": 100 * by_detector / with_topics,
        "address_all_either_pct": 100 * either / with_topics,
        "address_all_labelled_phrase_pct": 100 * gold_ok / gold_items,
        "guardrail_clean_pct": 100 * clean / n,
        "guardrail_not_blocked_pct": 100 * not_blocked / n,
        "distinct_min": min(distinct),
        "distinct_mean": sum(distinct) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regenerations", type=int, default=5)
    args = parser.parse_args()
    holdout, tuning = _load("topics_holdout.jsonl"), _load("topics_tuning.jsonl")
    for name, items in (("held-out", holdout), ("tuning", tuning)):
        per_topic, macro = scores(items)
        print(f"{name}: {len(items)} items, macro F1 {macro:.3f}")
        if name == "held-out":
            for t, (p, r, f, support) in per_topic.items():
                print(f"  {t.value:16} P {p:.2f}  R {r:.2f}  F1 {f:.2f}  n={support}")
    figures = asyncio.run(drafts(holdout + tuning, args.regenerations))
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
