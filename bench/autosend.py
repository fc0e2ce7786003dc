"""Auto-send over the labelled reading sets (issue 25 item 6): which reviews would go out with no person in the loop.

Run: `.venv/bin/python bench/autosend.py`. Every review of the labelled reading sets (tests/data/reading_*.jsonl) is
stored for one seller with auto-send on (a throwaway SQLite database) and run through `core.autosend.autosend`
exactly as on arrival (template draft, the rules, the guardrails, the outbox; the send step is a no-op). Prints:
- how many reviews were auto-sent, and the count (and list) of **wrong** ones: an auto-sent draft with an apology or
  complaint sentence (`core.autosend.apology_sentences`), or an answer to an item whose label is not a positive
  mood, or that carries a situation or an apology the label says is required — the target is 0;
- the skip reasons;
- negative control: the rules before issue 25 (4–5★ and clearly positive text only) on the same items: how many
  non-positive items they would have auto-sent.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from core import db as core_db
from core.autosend import apology_sentences, autosend, clearly_positive
from core.models import AuditEvent, Channel, Interaction, InteractionStatus, Reply, Seller
from core.settings import load_settings

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def _items() -> list[dict]:
    rows = [
        json.loads(line)
        for path in sorted(DATA.glob("reading_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [row for row in rows if row["channel"] == "review"]


def _wrong(item: dict, text: str) -> list[str]:
    """Why an auto-sent answer to `item` is wrong (empty: it is fine)."""
    why = []
    if item["mood"] != "positive":
        why.append(f"mood {item['mood']}")
    if item["situations"]:
        why.append(f"situations {item['situations']}")
    if item["draft"]["apology"] == "required":
        why.append("apology required")
    if found := apology_sentences(text):
        why.append(f"apology/complaint sentence {found}")
    return why


async def _noop(reply_id: int) -> None:
    return None


async def _run() -> None:
    items = _items()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(database_url=f"sqlite://{tmp}/bench.sqlite3", llm={"base_url": None, "api_key": None})
        await core_db.upgrade(settings)
        handle = await core_db.open_database(settings)
        try:
            seller = await Seller.create(name="bench", settings={"auto_send": True})
            sent, wrong = 0, []
            for n, item in enumerate(items):
                row = await Interaction.create(
                    seller=seller,
                    channel=Channel.REVIEW,
                    external_id=item["id"],
                    nm_id=1000 + n,
                    rating=item["rating"],
                    text=item["text"] or "",
                    pros=item.get("pros"),
                    cons=item.get("cons"),
                    product_name=item.get("product_name"),
                    occurred_at=datetime.now(UTC),
                    status=InteractionStatus.NEEDS_RESPONSE,
                )
                reply = await autosend(interaction_id=row.id, settings=settings, enqueue=_noop)
                if reply is None:
                    continue
                sent += 1
                if why := _wrong(item, reply.text):
                    wrong.append((item["id"], item["rating"], item["text"], reply.text, why))
            reasons = Counter(
                e["reason"]
                for e in await AuditEvent.filter(action="reply.auto_send_skipped").values_list("meta", flat=True)
            )
            assert sent == await Reply.all().count()
        finally:
            await handle.close()
    old = [
        i
        for i in items
        if (i["rating"] or 0) >= 4
        and clearly_positive("\n".join(p for p in (i["text"], i.get("pros")) if p), i.get("cons"))
        and i["mood"] != "positive"
    ]
    positive = sum(1 for i in items if i["mood"] == "positive")
    print(f"{len(items)} labelled reviews ({positive} positive), auto-send on, template drafts")
    print(f"auto-sent: {sent}; wrong auto-sent (apology/complaint sentence or non-positive item): {len(wrong)}")
    for item_id, rating, text, answer, why in wrong:
        print(f"  {item_id} {rating}★ {text!r} → {answer!r}: {'; '.join(why)}")
    print("skipped by reason:", ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
    print(f"negative control (the rules before issue 25): {len(old)} non-positive items would have been auto-sent")
    for i in old[:5]:
        print(f"  {i['id']} {i['rating']}★ mood {i['mood']}: {i['text']!r}")


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
