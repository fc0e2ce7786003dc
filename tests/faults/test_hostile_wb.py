"""A hostile WB: hypothesis mutates valid review pages and chat event packets — fields dropped, nulled, retyped,
huge and out-of-range numbers and dates, odd Unicode (NUL, lone surrogates, bidi marks, huge strings), items
duplicated across pages — and the sandbox serves them to the real client; the real sync ingests them on PostgreSQL.
No page or packet fails as a whole, every untouched item is stored once, every skipped one is counted and logged,
the chat cursor moves past the packet."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from structlog.testing import capture_logs

from core.models import Channel, ChatMessage, Interaction, SyncCursor, SyncRun, SyncRunStatus
from core.settings import Settings
from sync.context import SyncContext
from sync.engine import sync_channel
from tests.sync.wbenv import WB, connect, sync_context, sync_settings, wb_sandbox

PAGE = 3  # two scripted pages of three reviews: duplicates can cross the page boundary
REVIEW_FIELDS = ("id", "text", "pros", "cons", "productValuation", "createdDate", "answer", "productDetails")
REVIEW_FIELDS += ("userName", "parentFeedbackId", "photoLinks", "state", "video", "bables")
EVENT_FIELDS = ("chatID", "eventID", "eventType", "message", "addTimestamp", "sender", "isNewChat", "replySign")
EVENT_FIELDS += ("clientID", "clientName", "source", "addTime")
ODD_TEXT = ("\x00", "a\x00b", "\ud800", "x\udfffy", "\u202eevil", "🙂" * 2000, "", " ", "ё" * 70_000, "<b>&amp;</b>")
ODD_DATES = ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59+03:00", "вчера", "2026-13-45T99:00:00Z", "1e100")
HOSTILE = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.sampled_from(ODD_DATES),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def mutations(fields: tuple[str, ...]) -> st.SearchStrategy[tuple[Any, ...]]:
    """One entry's fate: kept, a field dropped / nulled / replaced, or the previous entry repeated."""
    return st.one_of(
        st.just(("keep",)),
        st.tuples(st.just("drop"), st.sampled_from(fields)),
        st.tuples(st.just("set"), st.sampled_from(fields), HOSTILE),
        st.just(("dup",)),
    )


def mutate(entries: list[dict[str, Any]], plan: list[tuple[Any, ...]]) -> tuple[list[dict[str, Any]], list[int]]:
    """The mutated entries and the indexes of those left untouched (copies of untouched ones count as untouched)."""
    out: list[dict[str, Any]] = []
    kept: list[int] = []
    for n, (entry, op) in enumerate(zip(entries, plan, strict=True)):
        if op[0] == "dup" and out:
            out.append(copy.deepcopy(out[-1]))
            if n - 1 in kept:
                kept.append(n)
            continue
        entry = copy.deepcopy(entry)
        if op[0] == "drop":
            entry.pop(op[1], None)
        elif op[0] == "set":
            entry[op[1]] = op[2]
        else:
            kept.append(n)
        out.append(entry)
    return out, kept


async def script(wb: WB, num: int, bodies: list[dict[str, Any]]) -> None:
    """Serve `bodies` to the seller's next reads (sent as ASCII JSON: lone surrogates survive the trip)."""
    payload = json.dumps({"read": [{"body": body} for body in bodies]})
    response = await wb.http.put(
        f"{wb.url}/_sandbox/sellers/{num}/script", content=payload, headers={"content-type": "application/json"}
    )
    response.raise_for_status()


class Rig:
    """One sandbox and sync context for every example; each example gets its own sellers."""

    def __init__(self, wb: WB, settings: Settings, ctx: SyncContext, reviews: list[dict], events: list[dict]) -> None:
        self.wb, self.settings, self.ctx, self.reviews, self.events = wb, settings, ctx, reviews, events

    async def seller(self) -> tuple[int, int]:
        cabinet = await self.wb.new_seller(reviews=0, questions=0, chats=0)
        seller = await connect(self.settings, cabinet["token"])
        return cabinet["seller_id"], seller.id


async def play(rig: Rig, channel: Channel, bodies: list[dict[str, Any]], touched: int) -> tuple[int, SyncRun]:
    """One sync run of a fresh seller whose next reads answer `bodies`: it must succeed as a whole, and count and
    log exactly the entries it skipped (at most the `touched` ones)."""
    num, seller_id = await rig.seller()
    await script(rig.wb, num, bodies)
    with capture_logs() as logs:
        run = await sync_channel(rig.ctx, seller_id, channel)
    assert run.status == SyncRunStatus.OK, run.error
    skipped = [entry for entry in logs if entry["event"] == "wb.malformed_item"]
    assert run.skipped_malformed == len(skipped) <= touched
    return seller_id, run


@pytest.fixture(scope="module")
async def rig(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Rig]:
    from core.settings import load_settings
    from tests.conftest import ENCRYPTION_KEY, _truncate

    base = load_settings(
        database_url=database_url, data_dir=tmp_path_factory.mktemp("hostile"), encryption_keys=ENCRYPTION_KEY
    )
    async with wb_sandbox(limits=False, moderation_rate=0.0) as wb:
        source = await wb.new_seller(reviews=0, questions=0, chats=0)
        num, token = source["seller_id"], source["token"]
        for n in range(2 * PAGE):
            await wb.control("POST", f"/sellers/{num}/reviews", text=f"Отзыв номер {n}", rating=1 + n % 5)
        chat = await wb.control("POST", f"/sellers/{num}/chat-messages", text="Здравствуйте")
        for n in range(4):
            await wb.control("POST", f"/sellers/{num}/chat-messages", chat_id=chat["chatID"], text=f"Вопрос {n}")
        await wb.control("POST", f"/sellers/{num}/chat-messages", text="Другой чат")
        headers = {"Authorization": token}
        page = (
            await wb.http.get(
                f"{wb.url}/api/v1/feedbacks", params={"isAnswered": "false", "take": 100, "skip": 0}, headers=headers
            )
        ).json()
        packet = (await wb.http.get(f"{wb.url}/api/v1/seller/events", headers=headers)).json()
        s = sync_settings(base, wb.url, page_size=PAGE)
        async with sync_context(s, limits=False) as (ctx, _):
            yield Rig(wb, s, ctx, page["data"]["feedbacks"], packet["result"]["events"])
    await _truncate()  # the examples share the database (each on its own sellers); leave it empty


KEEP = ("keep",)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(plan=st.lists(mutations(REVIEW_FIELDS), min_size=2 * PAGE, max_size=2 * PAGE))
@example(plan=[("set", "text", "a\x00b"), ("set", "pros", "\ud800"), ("set", "userName", "ё" * 70_000), *[KEEP] * 3])
@example(
    plan=[
        ("set", "id", "x" * 65),
        ("set", "parentFeedbackId", "p" * 65),
        ("dup",),
        ("set", "text", None),
        KEEP,
        ("dup",),
    ]
)
@example(plan=[("set", "createdDate", "9999-12-31T23:59:59+03:00"), ("set", "productValuation", 2**70), *[KEEP] * 4])
async def test_hostile_review_pages(_tortoise: None, rig: Rig, plan: list[tuple[Any, ...]]) -> None:
    entries, kept = mutate(rig.reviews, plan)
    bodies = [
        {"data": {"countUnanswered": len(entries), "countArchive": 0, "feedbacks": entries[i : i + PAGE]}}
        for i in range(0, len(entries), PAGE)
    ]
    seller_id, run = await play(rig, Channel.REVIEW, bodies, len(entries) - len(kept))
    stored = await Interaction.filter(seller_id=seller_id).values_list("external_id", flat=True)
    assert len(stored) == len(set(stored))
    assert {entries[n]["id"] for n in kept} <= set(stored)
    # Every entry is either stored or counted (duplicates of a stored one collapse into it).
    assert len(entries) - run.skipped_malformed >= len(stored)
    ids = {str(e.get("id")) for e in entries}
    assert set(stored) <= ids


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(plan=st.lists(mutations(EVENT_FIELDS), min_size=6, max_size=6))
@example(plan=[KEEP, ("set", "addTimestamp", 10**17), ("set", "message", {"text": "a\x00\ud800"}), *[KEEP] * 3])
@example(
    plan=[KEEP, ("set", "eventID", "e" * 101), ("dup",), ("set", "sender", "wb"), ("set", "clientID", 2**70), KEEP]
)
async def test_hostile_event_packets(_tortoise: None, rig: Rig, plan: list[tuple[Any, ...]]) -> None:
    entries, kept = mutate(rig.events, plan)
    packet = {"result": {"next": rig.events[-1]["addTimestamp"], "totalEvents": len(entries), "events": entries}}
    seller_id, _ = await play(rig, Channel.CHAT, [packet], len(entries) - len(kept))
    stored = await ChatMessage.filter(seller_id=seller_id).values_list("event_id", flat=True)
    assert len(stored) == len(set(stored))
    kept_ids = {entries[n]["eventID"] for n in kept if entries[n].get("eventType", "message") == "message"}
    assert kept_ids <= set(stored)
    cursor = await SyncCursor.get(seller_id=seller_id, channel=Channel.CHAT)
    assert cursor.wb_cursor == str(rig.events[-1]["addTimestamp"])
