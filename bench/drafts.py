"""Would a seller send the draft unchanged? Template drafts scored against what a good reply to each labelled item
must and must not do (tests/data/reading_*.jsonl, schema in DATA_SCHEMA: `draft.needs`, `draft.must_not`,
`draft.apology`, `language`).

Run: `.venv/bin/python bench/drafts.py [--data tests/data/reading_tuning.jsonl] [--show 20 [--channel question]]
[--gold]` (`--gold`: drafts from the labelled readings, the composition alone without the reader's mistakes).

Every item goes through the bot's drafting path (`core.drafting.trial`: `core.reading.read` → the request → the
template drafter → guardrails), as a seller with no facts and the default voice. A draft is
- **sendable** when it meets every need (each: any of its regexes matches), breaks no rule and, where an apology is
  required, apologises;
- **never** when it breaks any rule: an item's own `must_not`, an apology where it is wrong, or a global rule:
  «обмен»/"exchange" (WB has returns only), «Привет» on a 1–3★ review, thanks for a high rating on a complaint,
  the wrong reply language, any guardrail violation, more than 350 characters on a review with one problem.
Printed per channel: sendable and never shares, the mean review length, the guardrail-clean share; and the
negative control: the same drafts shuffled between items must score far lower (< 20 % sendable); printed also
shuffled within each channel, the stricter control (any thanks fits any praise-only review).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from core.drafting.trial import trial
from core.guardrails import GuardrailContext, check_text
from core.models.enums import Channel
from core.reading import Mood, ProductKind, Reading, Situation
from core.settings import load_settings
from core.topics import Topic, ordered

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "reading_tuning.jsonl"
APOLOGY = re.compile(r"извин|прост(ите|и\b)|жаль|сожале|sorry|apolog", re.I)
EXCHANGE = re.compile(r"обмен|exchang", re.I)
HELLO = re.compile(r"\bпривет", re.I)
HIGH_RATING = re.compile(
    r"высок\w* оценк|отличн\w* оценк|за (5|пять) звезд|за пятерк|high rating|great rating|five stars", re.I
)
CYRILLIC = re.compile(r"[а-яё]", re.I)
LATIN = re.compile(r"[a-z]", re.I)
REVIEW_LIMIT = 350


@dataclass
class Score:
    """One draft against one item: unmet needs and broken rules (named)."""

    unmet: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    @property
    def sendable(self) -> bool:
        return not self.unmet and not self.broken


def problems(item: dict) -> int:
    """How many problems the buyer raised (labelled complaint topics and situations)."""
    complaints = [t for t in item.get("topics", []) if not t.startswith("praise_")]
    return len(complaints) + len([s for s in item.get("situations", []) if s != "wb_chat_opener"])


def score(item: dict, draft: str) -> Score:
    """Score `draft` as a reply to `item` (see the module docstring)."""
    out = Score()
    spec = item["draft"]
    for need in spec["needs"]:
        if not any(re.search(rx, draft, re.I) for rx in need["any"]):
            out.unmet.append(need["name"])
    apologised = bool(APOLOGY.search(draft))
    if spec.get("apology") == "required" and not apologised:
        out.unmet.append("apology")
    if spec.get("apology") == "wrong" and apologised:
        out.broken.append("apology-wrong")
    out.broken += [f"must_not:{rx}" for rx in spec.get("must_not", []) if re.search(rx, draft, re.I)]
    if EXCHANGE.search(draft):
        out.broken.append("exchange")
    review = item["channel"] == "review"
    low = review and (item.get("rating") or 5) <= 3
    if low and HELLO.search(draft):
        out.broken.append("privet-on-low")
    if (low or spec.get("apology") == "required") and HIGH_RATING.search(draft):
        out.broken.append("high-rating-thanks")
    cyr, lat = len(CYRILLIC.findall(draft)), len(LATIN.findall(draft))
    if (item["language"] == "en" and cyr) or (item["language"] == "ru" and lat > cyr):
        out.broken.append("language")
    buyer = "\n".join(p for p in (item.get("text"), item.get("pros"), item.get("cons")) if p)
    verdict = check_text(
        draft, channel=Channel(item["channel"]), context=GuardrailContext(buyer_text=buyer, rating=item.get("rating"))
    )
    if verdict.violations:
        out.broken.append("guardrails:" + ",".join(sorted({v.rule_id for v in verdict.violations})))
    if review and len(draft) > REVIEW_LIMIT and problems(item) <= 1:
        out.broken.append("too-long")
    return out


def gold_reading(item: dict) -> Reading:
    """The item's labelled reading (topics, situations, mood, language, kind): drafts from it measure the
    composition alone, without the reader's mistakes."""
    return Reading(
        topics=ordered({Topic(t) for t in item["topics"]}),
        situations=tuple(Situation(s) for s in item["situations"]),
        mood=Mood(item["mood"]),
        language=item["language"],
        kind=ProductKind(item["kind"]),
    )


# Earlier chat messages: {"direction": "in"|"out"} (rounds 1–2) or {"from": "buyer"|"seller"} (round 3's writer).
_DIRECTION = {"buyer": "in", "seller": "out"}


def _message(m: dict) -> tuple[str, str]:
    return (m["direction"] if "direction" in m else _DIRECTION[m["from"]], m["text"])


async def draft_all(items: list[dict], *, gold: bool = False) -> list[str]:
    """The template draft of every item through the bot's drafting path (no seller: default voice, no facts);
    `gold`: from the labelled readings instead of the reader's."""
    settings = load_settings(database_url="sqlite://:memory:", llm={"base_url": None, "api_key": None})
    out = []
    for n, item in enumerate(items, start=1):
        result = await trial(
            channel=Channel(item["channel"]),
            text=item.get("text") or "",
            rating=item.get("rating"),
            pros=item.get("pros"),
            cons=item.get("cons"),
            product_name=item.get("product_name"),
            subject=item.get("subject"),
            history=[_message(m) for m in item.get("history") or []],
            interaction_id=n,
            settings=settings,
            reading=gold_reading(item) if gold else None,
        )
        out.append(result.draft.text)
    return out


def shuffled(items: list[dict], drafts: list[str], *, within_channel: bool, seed: int = 7) -> list[str]:
    """The drafts moved to other items (a derangement over all items, or within each channel: the stricter
    control, since any thanks fits any praise-only review)."""
    rng = random.Random(seed)
    out = list(drafts)
    groups: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[item["channel"] if within_channel else "all"].append(n)
    for indices in groups.values():
        order = indices[:]
        rng.shuffle(order)
        for a, b in zip(order, order[1:] + order[:1], strict=True):
            out[a] = drafts[b]
    return out


def report(items: list[dict], drafts: list[str]) -> dict[str, dict[str, float]]:
    """Per channel: items, sendable %, never %, guardrail-clean %, mean length (reviews matter)."""
    rows: dict[str, dict[str, float]] = {}
    for channel in ("review", "question", "chat", "all"):
        chosen = [(i, d) for i, d in zip(items, drafts, strict=True) if channel in ("all", i["channel"])]
        if not chosen:
            continue
        scores = [score(i, d) for i, d in chosen]
        n = len(chosen)
        rows[channel] = {
            "items": n,
            "sendable_pct": 100 * sum(s.sendable for s in scores) / n,
            "never_pct": 100 * sum(bool(s.broken) for s in scores) / n,
            "guardrail_clean_pct": 100 * sum(not any(b.startswith("guardrails") for b in s.broken) for s in scores) / n,
            "mean_length": sum(len(d) for _, d in chosen) / n,
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA, help="labelled items (JSON lines)")
    parser.add_argument("--show", type=int, default=0, help="print this many drafts that are not sendable")
    parser.add_argument("--gold", action="store_true", help="draft from the labelled readings, not the reader's")
    parser.add_argument("--channel", choices=("review", "question", "chat"), help="--show only this channel's")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    drafts = asyncio.run(draft_all(items, gold=args.gold))
    print(f"{args.data.name}: {len(items)} items" + (" (labelled readings)" if args.gold else ""))
    for channel, row in report(items, drafts).items():
        print(
            f"  {channel:8} n={row['items']:<4} sendable {row['sendable_pct']:5.1f} %  "
            f"never {row['never_pct']:5.1f} %  "
            f"guardrail-clean {row['guardrail_clean_pct']:5.1f} %  mean length {row['mean_length']:.0f}"
        )
    for within, label in ((False, "between all items"), (True, "within each channel")):
        control = report(items, shuffled(items, drafts, within_channel=within))
        print(
            f"  negative control, drafts shuffled {label}: sendable "
            + ", ".join(f"{c} {r['sendable_pct']:.1f} %" for c, r in control.items())
        )
    if args.show:
        failing = [(i, d, score(i, d)) for i, d in zip(items, drafts, strict=True)]
        for item, draft, s in [f for f in failing if not f[2].sendable and args.channel in (None, f[0]["channel"])][
            : args.show
        ]:
            print(
                f"\n{item['id']} {item['channel']} {item.get('rating') or ''} {item['kind']} "
                f"topics={item['topics']} situations={item['situations']} mood={item['mood']}"
            )
            print(f"  buyer: {item.get('text')!r} pros={item.get('pros')!r} cons={item.get('cons')!r}")
            print(f"  draft: {draft}")
            print(f"  unmet={s.unmet} broken={s.broken}")


if __name__ == "__main__":
    main()
