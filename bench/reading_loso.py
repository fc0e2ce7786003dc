"""Would a small learned component beat the reader's rules? Leave-one-set-out over the three labelled reading sets.

Run: `.venv/bin/python bench/reading_loso.py` (≈ 30 s). For each set in turn, a per-label logistic regression (pure
Python, SGD, L2) is trained on the other two sets over lemma unigrams and bigrams (pymorphy3), negation-marked words,
pros/cons sections, channel and rating, and scored on the held-out set: alone, and as hybrids with the rules — the
rules OR a confident model (p > 0.8), the rules vetoed by a confident model (p < 0.1 / 0.05). Macro F1 over the labels
with at least 3 training examples. The rules' own figure on a set is out of sample only for a set the rules were not
written against (see bench/README.md, "Reading, third round").
"""

from __future__ import annotations

import math
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reading import load, read_item  # noqa: E402
from core.reading.text import clauses, parse  # noqa: E402

SETS = {
    "tuning": "reading_tuning.jsonl",
    "tuning2": "reading_tuning2.jsonl",
    "holdout(retired)": "reading_holdout.jsonl",
}
_NEGATIONS = frozenset({"не", "нет", "без", "ни", "not", "no"})


def features(item: dict) -> set[str]:
    """Lemma uni/bigrams per section, negation-marked, with channel and rating."""
    found = {f"channel={item['channel']}"}
    if item.get("rating") is not None:
        found.add(f"rating={item['rating']}")
    for section in ("text", "pros", "cons"):
        for clause in clauses(item.get(section) or ""):
            previous, negated = None, False
            for word in clause.words:
                lemma = found_parse.normal_form if (found_parse := parse(word)) is not None else word
                if lemma in _NEGATIONS:
                    previous, negated = lemma, True
                    continue
                token = f"не_{lemma}" if negated else lemma
                found |= {token, f"{section}:{token}"} | ({f"{previous}_{lemma}"} if previous else set())
                previous, negated = lemma, False
            if clause.question:
                found.add("?")
    return found


def labels(item: dict) -> set[str]:
    return set(item["topics"]) | set(item["situations"])


def train(rows: list[set[str]], wanted: list[bool], epochs: int = 25, rate: float = 0.3) -> tuple[dict, float]:
    """Logistic regression by SGD with a little L2; returns the weights and the bias."""
    weights: dict[str, float] = {}
    bias = 0.0
    order = list(range(len(rows)))
    rng = random.Random(7)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            gradient = probability((weights, bias), rows[i]) - wanted[i]
            bias -= rate * gradient * 0.1
            for token in rows[i]:
                weights[token] = weights.get(token, 0.0) * (1 - rate * 1e-4) - rate * gradient
    return weights, bias


def probability(model: tuple[dict, float], row: set[str]) -> float:
    weights, bias = model
    z = bias + sum(weights.get(token, 0.0) for token in row)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


POLICIES = {
    "rules": lambda rule, p: rule,
    "model": lambda rule, p: p > 0.5,
    "rules or model>0.8": lambda rule, p: rule or p > 0.8,
    "rules unless model<0.1": lambda rule, p: rule and p > 0.1,
    "rules unless model<0.05": lambda rule, p: rule and p > 0.05,
}


def main() -> None:
    data = {name: load([ROOT / "tests/data" / file]) for name, file in SETS.items()}
    rows = {name: [features(item) for item in items] for name, items in data.items()}
    rules = {
        name: [{t.value for t in r.topics} | {s.value for s in r.situations} for r in map(read_item, items)]
        for name, items in data.items()
    }
    every = sorted({label for items in data.values() for item in items for label in labels(item)})
    print("| scored on | " + " | ".join(POLICIES) + " |")
    print("|---|" + "---|" * len(POLICIES))
    for test in SETS:
        train_sets = [name for name in SETS if name != test]
        train_rows = [row for name in train_sets for row in rows[name]]
        train_items = [item for name in train_sets for item in data[name]]
        scores: dict[str, list[float]] = {policy: [] for policy in POLICIES}
        for label in every:
            wanted = [label in labels(item) for item in train_items]
            if sum(wanted) < 3:
                continue
            model = train(train_rows, wanted)
            counts = {policy: [0, 0, 0] for policy in POLICIES}
            for row, item, rule in zip(rows[test], data[test], rules[test], strict=True):
                truth, p = label in labels(item), probability(model, row)
                for policy, decide in POLICIES.items():
                    got = decide(label in rule, p)
                    counts[policy][0] += got and truth
                    counts[policy][1] += got and not truth
                    counts[policy][2] += truth and not got
            for policy, (tp, fp, fn) in counts.items():
                if tp + fp + fn:
                    scores[policy].append(f1(tp, fp, fn))
        cells = " | ".join(f"{statistics.fmean(v):.3f}" for v in scores.values())
        print(f"| {test} (trained on {' + '.join(train_sets)}) | {cells} |")


if __name__ == "__main__":
    main()
