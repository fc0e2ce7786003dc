"""Admin export over HTTP: the list's filters select the rows, all pages come back as one CSV download with the
latest reply, and the list links to it with its current filters."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import httpx

from core import exports
from core.models import Channel, Interaction
from tests.admin.seed import seed


def _rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    # The titles are the page language's words (English here, `,`): read the columns by position.
    lines = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert next(lines)[:3] == ["ID", "Seller ID", "Channel"]
    return [dict(zip(exports.COLUMNS, row, strict=True)) for row in lines]


async def test_export_with_filters(logged_in: httpx.AsyncClient) -> None:
    seeded = await seed()
    bulk = [
        Interaction(
            seller=seeded.seller, channel=Channel.REVIEW, external_id=f"bulk-{n}", nm_id=777002, text=f"+{n} stars",
            rating=5, occurred_at=datetime.now(UTC) - timedelta(days=3),
        )
        for n in range(2_100)  # more than one export page
    ]  # fmt: skip
    await Interaction.bulk_create(bulk, batch_size=500)
    logged_in.params = {"lang": "en"}

    everything = _rows(await logged_in.get("/interactions/export.csv"))
    assert len(everything) == 2_103
    assert [int(r["id"]) for r in everything] == sorted(int(r["id"]) for r in everything)
    assert everything[-1]["text"].startswith("'+")  # formula-looking buyer text is neutralised

    chats = _rows(await logged_in.get("/interactions/export.csv", params={"channel": "chat"}))
    assert [r["external_id"] for r in chats] == ["chat-1"]
    product = _rows(await logged_in.get("/interactions/export.csv", params={"nm_id": 777001, "status": "open"}))
    assert {r["external_id"] for r in product} == {"fb-1", "chat-1"}
    review = next(r for r in product if r["external_id"] == "fb-1")
    assert review["reply_text"] == "Извините" and review["reply_status"] == "failed"
    assert review["text"] == "Пришёл сломанный <script>alert(1)</script>"

    today = datetime.now(UTC).date()
    recent = _rows(
        await logged_in.get(
            "/interactions/export.csv",
            params={"since": (today - timedelta(days=2)).isoformat(), "until": today.isoformat(), "tz": "UTC"},
        )
    )
    assert {r["external_id"] for r in recent} == {"fb-1", "chat-1", "q-1"}

    page = await logged_in.get("/interactions", params={"channel": "chat", "since": today.isoformat()})
    assert f"/interactions/export.csv?channel=chat&amp;since={today.isoformat()}" in page.text
    assert (await logged_in.get("/interactions/export.csv", params={"since": "not a day"})).status_code == 422


async def test_export_needs_login(client: httpx.AsyncClient) -> None:
    response = await client.get("/interactions/export.csv")
    assert response.status_code in (303, 401)
