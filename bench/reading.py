"""Reading quality and cost: `core.reading.read` on a labelled set, beside a constant and a shuffled detector.

Run: `.venv/bin/python bench/reading.py [--set PATH ...] [--safety PATH ... | --no-safety]` (defaults: the round-3 blind
held-out sets `tests/data/reading_holdout3.jsonl` and `tests/data/safety_holdout3.jsonl`, which the integrator adds;
the first held-out pair was measured twice and is tuning data since round 3). Prints the sha256 of every file read,
per-label precision/recall/F1 for topics and situations, macro F1 over topics and situations together, the lowest
topic F1, mood and reply-language accuracy, safety (harm + legal) recall and precision, and the detection time per
item (p50/p95 CPU time on one core, the morphology analyser loaded before timing, caches cold). The negative control
runs the same scorer on a constant detector (the most common topic, mood and language for every item) and on a
shuffled one (the real readings dealt to the wrong items): both must score far lower, or the figure proves nothing.
Schema of the sets: one JSON object per line (`topics`, `situations`, `mood`, `language` and the reader's inputs);
the safety sets label only harm/legal, as `labels`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.reading import SAFETY, Mood, Reading, Situation, read  # noqa: E402
from core.reading.text import parse  # noqa: E402
from core.topics import Topic  # noqa: E402

DEFAULT_SETS = (ROOT / "tests/data/reading_holdout3.jsonl",)
DEFAULT_SAFETY = (ROOT / "tests/data/safety_holdout3.jsonl",)
# Issue 24's targets.
TARGETS = {"macro_f1": 0.85, "lowest_topic_f1": 0.70, "mood": 0.85, "language": 0.97, "recall": 0.98, "precision": 0.90}
P95_MS = 2.0


def load(paths: Iterable[Path]) -> list[dict]:
    """The items of every file, in order."""
    items: list[dict] = []
    for path in paths:
        items += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items


def sha256(path: Path) -> str:
    """The file's sha256, printed so a reader can check which held-out file was measured."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_item(item: dict) -> Reading:
    """The reader's reading of one labelled item (chats: the earlier buyer messages are not part of the text)."""
    return read(
        item.get("text") or "",
        channel=item["channel"],
        rating=item.get("rating"),
        pros=item.get("pros"),
        cons=item.get("cons"),
        product_name=item.get("product_name"),
        subject=item.get("subject"),
    )


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Figures:
    """What the scorer found; `labels` holds every topic/situation that occurs in the gold or the readings."""

    items: int
    labels: dict[str, Counts] = field(default_factory=dict)
    mood: float | None = None  # None: the set carries no mood labels (the old topic sets)
    language: float | None = None
    safety: Counts = field(default_factory=Counts)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the topics and situations seen (in gold or predicted): a label nobody used does not count."""
        return statistics.fmean(c.f1 for c in self.labels.values()) if self.labels else 0.0

    @property
    def lowest_topic(self) -> tuple[str, float]:
        topics = {name: c.f1 for name, c in self.labels.items() if name in Topic.__members__.values()}
        if not topics:
            return ("-", 0.0)
        name = min(topics, key=lambda n: topics[n])
        return name, topics[name]

    def failures(self) -> list[str]:
        """The targets of issue 24 this run misses (empty: all met)."""
        missed = []
        if self.macro_f1 < TARGETS["macro_f1"]:
            missed.append(f"macro F1 {self.macro_f1:.3f} < {TARGETS['macro_f1']}")
        if self.lowest_topic[0] != "-" and self.lowest_topic[1] < TARGETS["lowest_topic_f1"]:
            missed.append(f"topic {self.lowest_topic[0]} F1 {self.lowest_topic[1]:.3f} < {TARGETS['lowest_topic_f1']}")
        if self.mood is not None and self.mood < TARGETS["mood"]:
            missed.append(f"mood {self.mood:.3f} < {TARGETS['mood']}")
        if self.language is not None and self.language < TARGETS["language"]:
            missed.append(f"language {self.language:.3f} < {TARGETS['language']}")
        if self.safety.tp + self.safety.fn and self.safety.recall < TARGETS["recall"]:
            missed.append(f"safety recall {self.safety.recall:.3f} < {TARGETS['recall']}")
        if self.safety.tp + self.safety.fp and self.safety.precision < TARGETS["precision"]:
            missed.append(f"safety precision {self.safety.precision:.3f} < {TARGETS['precision']}")
        return missed


def score(items: Sequence[dict], readings: Sequence[Reading]) -> Figures:
    """Score `readings` against the items' labels (items without a mood/language label skip those figures)."""
    figures = Figures(items=len(items))
    mood_hits = mood_total = lang_hits = lang_total = 0
    # The old topic sets (the regression set) label no situations: only topics are scored there.
    situations_labelled = any("situations" in item for item in items)
    for item, reading in zip(items, readings, strict=True):
        if "labels" in item:  # the safety set: only harm and legal are labelled
            want, got = set(item["labels"]), {s.value for s in reading.safety}
        else:
            want = set(item.get("topics", [])) | set(item.get("situations", []))
            got = {t.value for t in reading.topics}
            if situations_labelled:
                got |= {s.value for s in reading.situations}
        for name in want | got:
            counts = figures.labels.setdefault(name, Counts())
            counts.tp += name in want and name in got
            counts.fp += name in got and name not in want
            counts.fn += name in want and name not in got
        want_safe = {s for s in item.get("situations", item.get("labels", [])) if Situation(s) in SAFETY}
        got_safe = {s.value for s in reading.safety}
        figures.safety.tp += len(want_safe & got_safe)
        figures.safety.fp += len(got_safe - want_safe)
        figures.safety.fn += len(want_safe - got_safe)
        if "mood" in item:
            mood_total += 1
            mood_hits += reading.mood.value == item["mood"]
        if "language" in item:
            lang_total += 1
            lang_hits += reading.language == item["language"]
    figures.mood = mood_hits / mood_total if mood_total else None
    figures.language = lang_hits / lang_total if lang_total else None
    return figures


def constant_readings(items: Sequence[dict]) -> list[Reading]:
    """The negative control's constant detector: the most common topic, mood and language for every item."""
    topic = Counter(t for item in items for t in item.get("topics", [])).most_common(1)
    mood = Counter(item.get("mood", "neutral") for item in items).most_common(1)[0][0]
    language = Counter(item.get("language", "ru") for item in items).most_common(1)[0][0]
    reading = Reading(topics=(Topic(topic[0][0]),) if topic else (), mood=Mood(mood), language=language)
    return [reading] * len(items)


def shuffled(readings: Sequence[Reading], seed: int = 24) -> list[Reading]:
    """The negative control's shuffled detector: the same readings, dealt to other items."""
    dealt = list(readings)
    random.Random(seed).shuffle(dealt)
    return dealt


def timed_readings(items: Sequence[dict]) -> tuple[list[Reading], list[float]]:
    """Every item's reading and its detection time in ms (the analyser is loaded first; lemma cache is cold)."""
    parse("прогрев")  # loads the morphology analyser once, as the first real item would
    readings, times = [], []
    for item in items:
        start = time.thread_time()  # CPU time: the box is shared, waiting for a core is not the reader's cost
        readings.append(read_item(item))
        times.append((time.thread_time() - start) * 1000)
    return readings, times


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _row(name: str, figures: Figures) -> str:
    topic, low = figures.lowest_topic
    safety = figures.safety
    lowest = "-" if topic == "-" else f"{topic} {low:.2f}"
    return (
        f"| {name} | {figures.macro_f1:.3f} | {lowest} | {_share(figures.mood)} | "
        f"{_share(figures.language)} | {_share(safety.recall if safety.tp + safety.fn else None)} / "
        f"{_share(safety.precision if safety.tp + safety.fp else None)} |"
    )


def report(title: str, items: Sequence[dict], readings: Sequence[Reading], times: Sequence[float]) -> Figures:
    """Print the figures of one set with the negative control beside them; returns the reader's figures."""
    figures = score(items, readings)
    print(f"\n## {title}: {len(items)} items\n")
    print("| label | support | precision | recall | F1 |")
    print("|---|---|---|---|---|")
    order = [t.value for t in Topic] + [s.value for s in Situation]
    for name in sorted(figures.labels, key=lambda n: order.index(n) if n in order else len(order)):
        counts = figures.labels[name]
        print(f"| {name} | {counts.tp + counts.fn} | {counts.precision:.2f} | {counts.recall:.2f} | {counts.f1:.2f} |")
    print(
        "\n| detector | macro F1 (topics+situations) | lowest topic F1 | mood | language | safety recall / precision |"
    )
    print("|---|---|---|---|---|---|")
    print(_row("core.reading.read", figures))
    print(_row("constant (negative control)", score(items, constant_readings(items))))
    print(_row("shuffled (negative control)", score(items, shuffled(readings))))
    if times:
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(f"\ndetection per item: p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms (target ≤ {P95_MS})")
    missed = figures.failures()
    print("\ntargets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", help="a labelled reading set (repeatable)")
    parser.add_argument("--safety", type=Path, action="append", help="a labelled safety set (repeatable)")
    parser.add_argument("--no-safety", action="store_true", help="skip the safety set (e.g. for the regression set)")
    args = parser.parse_args()
    sets = tuple(args.set or DEFAULT_SETS)
    safety = () if args.no_safety else tuple(args.safety or DEFAULT_SAFETY)
    missing = [str(path) for path in (*sets, *safety) if not path.exists()]
    if missing:
        parser.error(f"no such set: {', '.join(missing)} (name others with --set / --safety)")
    for path in (*sets, *safety):
        print(f"sha256 {sha256(path)}  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    items = load(sets)
    readings, times = timed_readings(items)
    report("Reading set", items, readings, times)
    safety_items = load(safety)
    if safety_items:
        safety_readings, safety_times = timed_readings(safety_items)
        report("Safety set", safety_items, safety_readings, safety_times)


if __name__ == "__main__":
    main()
