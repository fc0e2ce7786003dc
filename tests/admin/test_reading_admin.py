"""The reading in the admin (issue 24): the interaction page names situations and mood and opens a harm/legal item
with its 🚨 line; the list and its CSV export filter by topic, situation and mood."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import httpx

from core.models import Channel, Interaction
from tests.factories import new_seller


async def _items() -> tuple[Interaction, Interaction]:
    seller = await new_seller()
    now = datetime.now(UTC)
    burn = await Interaction.create(
        seller=seller, channel=Channel.REVIEW, external_id="b", occurred_at=now, rating=5,
        text="после крема ожог на лице, иду в Роспотребнадзор", topics=[], situations=["harm", "legal"],
        mood="negative", reply_language="ru", product_kind="cosmetics",
    )  # fmt: skip
    praise = await Interaction.create(
        seller=seller, channel=Channel.REVIEW, external_id="p", occurred_at=now, rating=5, text="Отличный крем",
        topics=["praise_quality"], situations=[], mood="positive", reply_language="ru",
    )  # fmt: skip
    return burn, praise


async def test_the_page_shows_the_reading(logged_in: httpx.AsyncClient) -> None:
    burn, praise = await _items()
    ru = (await logged_in.get(f"/interactions/{burn.id}", params={"lang": "ru"})).text
    assert "🚨" in ru and "вред здоровью, юридическая угроза" in ru and "🙁 недоволен" in ru and "косметика" in ru
    en = (await logged_in.get(f"/interactions/{praise.id}", params={"lang": "en"})).text
    assert "🚨" not in en and "🙂 pleased" in en and "praises quality" in en


async def test_the_list_and_export_filter_by_the_reading(logged_in: httpx.AsyncClient) -> None:
    burn, praise = await _items()
    page = (await logged_in.get("/interactions", params={"situation": "harm", "lang": "en"})).text
    assert f'href="/interactions/{burn.id}"' in page and f'href="/interactions/{praise.id}"' not in page
    assert 'name="situation"' in page and 'name="mood"' in page and 'name="topic"' in page
    assert "export.csv?situation=harm" in page

    def ids(response: httpx.Response) -> list[int]:
        text = response.content.decode("utf-8-sig")
        # The export is for a person: titles in the viewer's language, `;` for Russian Excel (issue 29).
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text.split("\n", 1)[0] else ","))
        return [int(row[0]) for row in rows[1:]]

    assert ids(await logged_in.get("/interactions/export.csv", params={"mood": "positive"})) == [praise.id]
    assert ids(await logged_in.get("/interactions/export.csv", params={"topic": "praise_quality"})) == [praise.id]
    assert (await logged_in.get("/interactions", params={"situation": "nonsense"})).status_code == 422


async def test_the_api_carries_the_reading(logged_in: httpx.AsyncClient) -> None:
    burn, _praise = await _items()
    found = (await logged_in.get(f"/api/interactions/{burn.id}")).json()["interaction"]
    assert (found["situations"], found["mood"], found["reply_language"], found["product_kind"]) == (
        ["harm", "legal"], "negative", "ru", "cosmetics",
    )  # fmt: skip
    listed = (await logged_in.get("/api/interactions", params={"situation": "legal"})).json()
    assert [row["id"] for row in listed["items"]] == [burn.id]
