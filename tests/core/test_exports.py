"""CSV exports: every matching row exactly once across keyset pages, the latest reply per interaction, times in
the asked zone, formula-looking buyer text neutralised, filters honoured."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from core import exports
from core.analytics import ItemFilters, Period
from core.models import Channel, Interaction, Reply, ReplyStatus, ReplyVia, Seller, SellerMember
from core.models.enums import MemberRole
from tests.factories import new_seller

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


async def _seed() -> tuple[Seller, Seller, list[Interaction]]:
    shop, other = await new_seller(), await new_seller("Other")
    items = [
        await Interaction.create(
            seller=shop, channel=Channel.REVIEW, external_id=f"r{n}", occurred_at=T0 + timedelta(hours=n),
            text=f"text {n}", rating=1 + n % 5, nm_id=100 + n % 2, topics=["size", "quality"] if n == 0 else None,
        )
        for n in range(7)
    ]  # fmt: skip
    await Interaction.create(seller=other, channel=Channel.CHAT, external_id="c1", occurred_at=T0, text="other")
    return shop, other, items


async def _read(filters: ItemFilters, page_size: int = 3) -> list[dict[str, str]]:
    text = "".join([chunk async for chunk in exports.csv_chunks(filters, page_size=page_size)])
    assert text.startswith(exports.BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(exports.BOM))))


def test_safe_cell_prefixes_formula_starts() -> None:
    for hostile in ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert exports.safe_cell(hostile) == "'" + hostile
    assert exports.safe_cell("fine = ok") == "fine = ok"
    assert exports.safe_cell(5) == 5 and exports.safe_cell("") == ""


async def test_pages_cover_every_row_once_in_id_order(db) -> None:
    shop, _other, items = await _seed()
    rows = await _read(ItemFilters(seller_id=shop.id), page_size=3)
    assert [int(r["id"]) for r in rows] == [i.id for i in items]
    assert list(rows[0]) == list(exports.COLUMNS)
    assert rows[0]["topics"] == "size quality" and rows[1]["topics"] == ""
    assert rows[0]["channel"] == "review" and rows[0]["status"] == "new"
    # Every seller's rows when no seller is given (the admin).
    assert len(await _read(ItemFilters(), page_size=2)) == 8


async def test_filters_period_and_zone(db) -> None:
    shop, _other, items = await _seed()
    period = Period(T0 + timedelta(hours=2), T0 + timedelta(hours=5))
    rows = await _read(ItemFilters(seller_id=shop.id, period=period, nm_id=100, zone="Europe/Moscow"))
    assert [int(r["id"]) for r in rows] == [items[2].id, items[4].id]
    # 11:00 UTC is 14:00 in Moscow, with its offset.
    assert rows[0]["occurred_at"] == "2026-11-20T14:00:00+03:00"


async def test_latest_reply_and_hostile_text(db) -> None:
    shop, _other, items = await _seed()
    owner = await SellerMember.create(seller=shop, tg_user_id=1, tg_chat_id=1, name="=Owner", role=MemberRole.OWNER)
    await Reply.create(interaction=items[0], text="first", idempotency_key="a", status=ReplyStatus.FAILED)
    await Reply.create(
        interaction=items[0], text="-second", idempotency_key="b", status=ReplyStatus.SENT, via=ReplyVia.TELEGRAM,
        approved_by=owner, sent_at=T0 + timedelta(hours=1),
    )  # fmt: skip
    await Interaction.filter(id=items[1].id).update(text='=cmd|"/c calc"!A1', buyer_name="@evil")
    rows = {int(r["id"]): r for r in await _read(ItemFilters(seller_id=shop.id))}
    first = rows[items[0].id]
    assert (first["reply_text"], first["reply_status"], first["reply_via"]) == ("'-second", "sent", "telegram")
    assert first["reply_by"] == "'=Owner" and first["reply_sent_at"] == "2026-11-20T10:00:00+00:00"
    assert rows[items[1].id]["text"] == '\'=cmd|"/c calc"!A1' and rows[items[1].id]["buyer_name"] == "'@evil"
    assert rows[items[2].id]["reply_text"] == "" and rows[items[2].id]["reply_status"] == ""


@pytest.mark.parametrize("page_size", [1, 7, 100])
async def test_write_csv_counts_rows(db, page_size: int) -> None:
    shop, _other, _items = await _seed()
    out = io.StringIO()
    assert await exports.write_csv(ItemFilters(seller_id=shop.id), out, page_size=page_size) == 7
    assert out.getvalue().count("\r\n") == 8
