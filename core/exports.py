"""CSV exports of interactions with their replies: one row per interaction, streamed page by page.

Both the bot's /export and the admin's export walk `csv_chunks`, an async generator that pages by primary key
(`id > last`, never OFFSET), so an export of a million rows holds one page in memory at a time. Buyer text is
hostile: a cell that a spreadsheet would read as a formula is prefixed with an apostrophe (`safe_cell`), and so is
every line inside a cell and every piece after a `;` or `,` (opened with another separator, or split at a line break,
each of those becomes a cell of its own); every text cell is quoted.
The columns are documented in README.md (section "Exports").
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from core.analytics.common import Period
from core.analytics.items import ItemFilters, matching
from core.analytics.recovery import RecoveryRow, recovery_rows
from core.i18n import Translator, translator
from core.models import Reply
from core.reading import Mood, Situation
from core.topics import Topic

# Excel opens a UTF-8 CSV as cp1251/latin-1 unless it starts with a byte order mark; Cyrillic needs it.
BOM = "\ufeff"
PAGE_SIZE = 2_000
# Spreadsheets start a formula with these; tab and CR also start one in some (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A formula start at the cell's start, after a line break, or after a separator another spreadsheet may split at.
_FORMULA_AT = re.compile(r"(^|[\r\n;,])(?=[=+\-@\t\r])")

INTERACTION_FIELDS = (
    "id", "seller_id", "channel", "external_id", "occurred_at", "nm_id", "product_name", "supplier_article", "brand",
    "buyer_name", "rating", "text", "pros", "cons", "topics", "intent", "status", "priority", "due_at",
    "first_response_at", "answer", "answer_state", "situations", "mood", "reply_language", "product_kind",
)  # fmt: skip
REPLY_FIELDS = ("reply_text", "reply_status", "reply_via", "reply_by", "reply_sent_at")
# Answered 1–3★ reviews (core.analytics.recovery): how we answered, the buyer's supplement rating, won back or not.
RECOVERY_FIELDS = ("answer_way", "supplement_rating", "recovered")
COLUMNS = (*INTERACTION_FIELDS, *REPLY_FIELDS, *RECOVERY_FIELDS)
_TIMES = frozenset({"occurred_at", "due_at", "first_response_at", "reply_sent_at"})
# Stored JSON lists of stable values (core.reading): space-separated in a cell.
_LISTS = frozenset({"topics", "situations"})
# Stored codes shown as words of the reader's language: column → the locale key's prefix (value appended).
_LABELS = {
    "channel": "bot-channel-",
    "status": "admin-status-",
    "priority": "admin-priority-",
    "answer_state": "enum-answer-state-",
    "reply_status": "enum-reply-status-",
    "reply_via": "enum-reply-via-",
    "mood": "mood-",
    "product_kind": "product-kind-",
    "answer_way": "recovery-way-",
    "recovered": "recovery-recovered-",
}


@dataclass(frozen=True)
class CsvFormat:
    """The file as a spreadsheet in the reader's language opens it: Russian Excel splits columns at `;`, an English
    one at `,`; headers and coded values (channel, status…) are the language's words. Both start with a BOM.
    No language: the stored codes as headers and values, `,` (for programs, not people)."""

    language: str | None = None

    @property
    def delimiter(self) -> str:
        return ";" if self.language == "ru" else ","

    @property
    def t(self) -> Translator | None:
        return translator(self.language) if self.language else None

    def header(self) -> list[str]:
        """The column titles (`export-col-*` in locales/*/seller_view2.ftl), or the column names."""
        t = self.t
        return [t("export-col-" + name.replace("_", "-")) for name in COLUMNS] if t else list(COLUMNS)


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet will not run it: text starting with = + - @ (or tab/CR) gets a leading `'`, and so
    does each line inside it and each piece after a `;` or `,`."""
    if isinstance(value, str):
        return _FORMULA_AT.sub(r"\1'", value)
    return value


def _cell(name: str, value: Any, zone: ZoneInfo, t: Translator | None) -> Any:
    if value is None:
        return ""
    if name in _LABELS and t is not None:
        key = _LABELS[name] + str(getattr(value, "value", value))
        key = key if key.startswith("admin-") else key.replace("_", "-")
        return t(key) if t.has(key) else str(getattr(value, "value", value))
    if name in _TIMES and isinstance(value, datetime):
        return value.astimezone(zone).isoformat(timespec="seconds")
    if name in _LISTS:
        if isinstance(value, list) and t is not None:
            prefix = "topic-" if name == "topics" else "situation-"
            return ", ".join(t(prefix + v) if t.has(prefix + v) else str(v) for v in value)
        if isinstance(value, list):
            return " ".join(value)
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "value"):  # enums: their stored value, not the Python name
        value = value.value
    return safe_cell(value)


async def _latest_replies(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The newest reply of each interaction in `ids` (one query per page)."""
    rows = (
        await Reply.filter(interaction_id__in=ids)
        .order_by("id")
        .values("interaction_id", "text", "status", "via", "approved_by__name", "sent_at")
    )
    # Ordered by id: the last one written per interaction wins.
    return {r["interaction_id"]: r for r in rows}


def _row(
    item: dict[str, Any],
    reply: dict[str, Any] | None,
    won: RecoveryRow | None,
    zone: ZoneInfo,
    t: Translator | None,
) -> list[Any]:
    reply = reply or {}
    values = {
        **item,
        "reply_text": reply.get("text"),
        "reply_status": reply.get("status"),
        "reply_via": reply.get("via"),
        "reply_by": reply.get("approved_by__name"),
        "reply_sent_at": reply.get("sent_at"),
        "answer_way": won and won.way,
        "supplement_rating": won and won.sup_rating,
        "recovered": won and ("yes" if won.recovered else "no"),
    }
    return [_cell(name, values[name], zone, t) for name in COLUMNS]


async def export_pages(
    filters: ItemFilters, *, page_size: int = PAGE_SIZE, fmt: CsvFormat = CsvFormat()
) -> AsyncIterator[list[list[Any]]]:
    """The matching interactions as CSV-ready rows (COLUMNS order), one page of at most `page_size` at a time,
    in id order. Times are ISO 8601 in `filters.zone`; coded values in `fmt`'s language."""
    zone, t = ZoneInfo(filters.zone), fmt.t
    # Keyset pagination by id (the caller's page fields are ignored): each page is an index range, never OFFSET.
    last_id = 0
    while True:
        items = (
            await matching(filters).filter(id__gt=last_id).order_by("id").limit(page_size).values(*INTERACTION_FIELDS)
        )
        if not items:
            return
        last_id = items[-1]["id"]
        ids = [i["id"] for i in items]
        replies = await _latest_replies(ids)
        won = {r.id: r for r in await recovery_rows(seller_id=filters.seller_id, ids=ids)}
        yield [_row(item, replies.get(item["id"]), won.get(item["id"]), zone, t) for item in items]
        if len(items) < page_size:
            return


def csv_text(rows: Iterable[list[Any]], delimiter: str = ",") -> str:
    """`rows` as CSV text (CRLF lines): every text cell quoted, numbers bare."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    return buffer.getvalue()


async def csv_chunks(
    filters: ItemFilters, *, page_size: int = PAGE_SIZE, fmt: CsvFormat = CsvFormat()
) -> AsyncIterator[str]:
    """The export as CSV text: the BOM and header first, then one chunk per page (RFC 4180, CRLF lines)."""
    yield BOM + csv_text([fmt.header()], fmt.delimiter)
    async for page in export_pages(filters, page_size=page_size, fmt=fmt):
        yield csv_text(page, fmt.delimiter)


async def write_csv(
    filters: ItemFilters, out: TextIO, *, page_size: int = PAGE_SIZE, fmt: CsvFormat = CsvFormat()
) -> int:
    """Write the export to the text file `out` page by page (the bot sends it as a document); the row count."""
    out.write(BOM + csv_text([fmt.header()], fmt.delimiter))
    rows = 0
    async for page in export_pages(filters, page_size=page_size, fmt=fmt):
        out.write(csv_text(page, fmt.delimiter))
        rows += len(page)
    return rows


async def seller_export(
    *,
    seller_id: int,
    days: int,
    out: TextIO,
    now: datetime,
    zone: str,
    language: str | None = None,
    situation: Situation | None = None,
    mood: Mood | None = None,
    topic: Topic | None = None,
) -> tuple[int, Period]:
    """The seller's last `days` calendar days (in `zone`) written to `out` for a reader of `language`, picked by the
    reading when asked (a situation, mood or topic): the row count and the period."""
    period = Period.last_days(days, now, zone)
    filters = ItemFilters(seller_id=seller_id, period=period, zone=zone, situation=situation, mood=mood, topic=topic)
    rows = await write_csv(filters, out, fmt=CsvFormat(language))
    return rows, period
