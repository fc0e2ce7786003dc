"""Calibration of the name-based links without a buyer id (issue 27): how often a link shown as sure (≥ 0.85) joins
one buyer, on a generated population where many buyers share common Russian first names and products.

Run: `.venv/bin/python bench/links.py [--buyers 4000] [--products 60] [--seeds 5] [--first-seed 101]`.
The model's two constants (`SAME_BUYER_REPEAT`, `SAME_BUYER_GAP_DAYS`) were chosen on seeds 1–10; the figure is
measured on other seeds (101 on).

The population (per seed): buyers named by a Zipf law over 60 common Russian first names (the top name ≈ 9 % of
buyers), products chosen by a Zipf law (a few hot products gather hundreds of buyers), 1–3 purchases per buyer over
120 days; per purchase a question before it (20 %), a chat after it (30 %, gap exponential, mean 3 days), a review
(60 %, gap exponential, mean 7 days); 12 % of reviews show WB's placeholder «Покупатель Wildberries». The chat's
product is its good card's. Every item is linked with the product's other items exactly as `core.linking` does
(`_match_product` with the seller's name shares), the truth is the generated buyer. The negative control is the scorer
before issue 27: the same name on a product within 45 days with at most 4 namesakes there was a sure 0.90 link.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from core.linking import (
    AUTO_ACTION_MIN_CONFIDENCE,
    THREAD_WINDOW,
    _match_product,
    _name,
    _Pairs,
    shares_of,
)
from core.models import Channel

NAMES = [
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Екатерина",
    "Татьяна",
    "Мария",
    "Ирина",
    "Светлана",
    "Юлия",
    "Анастасия",
    "Дарья",
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Евгений",
    "Иван",
    "Михаил",
    "Артём",
    "Никита",
    "Марина",
    "Людмила",
    "Виктория",
    "Ксения",
    "Алёна",
    "Полина",
    "Кристина",
    "Надежда",
    "Галина",
    "Валентина",
    "Любовь",
    "Оксана",
    "Вера",
    "Софья",
    "Алина",
    "Владимир",
    "Павел",
    "Роман",
    "Николай",
    "Денис",
    "Игорь",
    "Олег",
    "Константин",
    "Антон",
    "Илья",
    "Кирилл",
    "Виктор",
    "Юрий",
    "Вадим",
    "Станислав",
    "Георгий",
    "Тимур",
    "Руслан",
    "Лариса",
    "Жанна",
    "Инна",
    "Элина",
]
PLACEHOLDER = "Покупатель Wildberries"
T0 = datetime(2026, 6, 1, tzinfo=UTC)


def population(seed: int, buyers: int, products: int) -> list[dict[str, Any]]:
    """Generated items (Row dicts as core.linking reads them) with their true `buyer`."""
    rng = random.Random(seed)
    name_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(NAMES))]
    product_weights = [1 / (rank + 1) ** 1.1 for rank in range(products)]
    rows: list[dict[str, Any]] = []

    def add(buyer: int, name: str, channel: Channel, nm_id: int, at: datetime) -> None:
        rows.append(
            {
                "id": len(rows) + 1,
                "seller_id": 1,
                "channel": channel,
                "nm_id": nm_id,
                "buyer_name": name,
                "text": "",
                "occurred_at": at,
                "buyer": buyer,
            }
        )

    for buyer in range(buyers):
        name = rng.choices(NAMES, name_weights)[0]
        for _ in range(min(3, 1 + int(rng.expovariate(1.5)))):
            nm_id = 100_000 + rng.choices(range(products), product_weights)[0]
            bought = T0 + timedelta(days=rng.uniform(0, 120))
            if rng.random() < 0.2:
                add(buyer, name, Channel.QUESTION, nm_id, bought - timedelta(days=rng.uniform(0, 5)))
            if rng.random() < 0.3:
                add(buyer, name, Channel.CHAT, nm_id, bought + timedelta(days=rng.expovariate(1 / 3)))
            if rng.random() < 0.6:
                shown = PLACEHOLDER if rng.random() < 0.12 else name
                add(buyer, shown, Channel.REVIEW, nm_id, bought + timedelta(days=rng.expovariate(1 / 7)))
    # WB shows no buyer on a question: it is anonymous for linking.
    for row in rows:
        if row["channel"] == Channel.QUESTION:
            row["buyer_name"] = None
    return rows


def scored(rows: list[dict[str, Any]]) -> dict[tuple[int, int], float]:
    """Every link core.linking makes among `rows`: pair → confidence."""
    shares = shares_of([r["buyer_name"] for r in rows], {_name(r["buyer_name"]) for r in rows} - {""})
    by_product: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_product[row["nm_id"]].append(row)
    pairs = _Pairs()
    for members in by_product.values():
        named = [r for r in members if r["buyer_name"]]
        _match_product([(r, False) for r in named], named, pairs, shares)
    return {key: confidence for key, (_, _, confidence, _) in pairs.best.items()}


def old_scorer(rows: list[dict[str, Any]]) -> dict[tuple[int, int], float]:
    """The rule before issue 27 (negative control): the exact name on the product within the window, at most four
    namesakes there → a sure 0.90; WB's placeholder counted as a name."""
    by_key: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["buyer_name"]:
            by_key[(row["nm_id"], row["buyer_name"].lower())].append(row)
    out: dict[tuple[int, int], float] = {}
    for group in by_key.values():
        for x in group:
            near = [
                y for y in group if y["id"] != x["id"] and abs(x["occurred_at"] - y["occurred_at"]) <= THREAD_WINDOW
            ]
            if len(near) > 4:
                continue
            for y in near:
                out[(min(x["id"], y["id"]), max(x["id"], y["id"]))] = 0.9
    return out


def report(label: str, rows: list[dict[str, Any]], links: dict[tuple[int, int], float]) -> tuple[int, int]:
    """Print precision at the sure bar and over all shown links; returns (sure links, right ones)."""
    buyer = {r["id"]: r["buyer"] for r in rows}
    placeholder = {r["id"] for r in rows if r["buyer_name"] == PLACEHOLDER}
    sure = [k for k, c in links.items() if c >= AUTO_ACTION_MIN_CONFIDENCE]
    right = sum(buyer[a] == buyer[b] for a, b in sure)
    shown_right = sum(buyer[a] == buyer[b] for a, b in links)
    via_placeholder = sum(a in placeholder or b in placeholder for a, b in links)
    print(
        f"  {label:<22} sure (≥ 0.85): {len(sure):>5}  right {right:>5}  precision {right / max(len(sure), 1):6.1%}"
        f" | all shown: {len(links):>5}  precision {shown_right / max(len(links), 1):6.1%}"
        f" | placeholder links: {via_placeholder}"
    )
    return len(sure), right


def true_pairs(rows: list[dict[str, Any]]) -> int:
    """Same-buyer pairs a name could find at all: both named (no placeholder), same product, within the window."""
    groups: dict[tuple[int, int], list[datetime]] = defaultdict(list)
    for row in rows:
        if _name(row["buyer_name"]):
            groups[(row["buyer"], row["nm_id"])].append(row["occurred_at"])
    return sum(
        abs(a - b) <= THREAD_WINDOW for times in groups.values() for i, a in enumerate(times) for b in times[i + 1 :]
    )


def main(buyers: int, products: int, seeds: int, first_seed: int) -> None:
    totals = {"new": [0, 0], "old": [0, 0]}
    calibration: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for seed in range(first_seed, first_seed + seeds):
        rows = population(seed, buyers, products)
        new = scored(rows)
        findable = true_pairs(rows)
        print(f"seed {seed}: {len(rows)} items, {buyers} buyers, {products} products, {findable} findable pairs")
        for label, links in (("core.linking", new), ("old scorer (control)", old_scorer(rows))):
            sure, right = report(label, rows, links)
            key = "new" if label == "core.linking" else "old"
            totals[key][0] += sure
            totals[key][1] += right
        buyer = {r["id"]: r["buyer"] for r in rows}
        for (a, b), c in new.items():
            cell = calibration[min(0.9, int(c * 10) / 10)]
            cell[0] += 1
            cell[1] += buyer[a] == buyer[b]
        found = sum(buyer[a] == buyer[b] and c >= AUTO_ACTION_MIN_CONFIDENCE for (a, b), c in new.items())
        print(f"  recall of sure links: {found}/{findable} = {found / max(findable, 1):.1%}")
    print("calibration of core.linking (confidence band: links, right):")
    for band, (n, ok) in sorted(calibration.items()):
        print(f"  {band:.1f}–{band + 0.1:.1f}: {n:>5} links, {ok / max(n, 1):6.1%} right")
    for key, label in (("new", "core.linking"), ("old", "old scorer (control)")):
        sure, right = totals[key]
        print(f"ALL {label:<22} sure links {sure}, right {right}: precision {right / max(sure, 1):.1%}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=4000)
    parser.add_argument("--products", type=int, default=60)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=101)
    args = parser.parse_args()
    main(args.buyers, args.products, args.seeds, args.first_seed)
