"""The WB client under the sandbox's faults: 429 backoff, 5xx retries, timeouts, unknown send outcomes, bad items."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from structlog.testing import capture_logs

from cli.serving import free_port, serve_app
from core.settings import WBSettings
from sandbox.wb.server import create_app
from sync.wb import WBAuth, WBClient
from sync.wb.errors import WBOutcomeUnknown, WBRateLimited, WBServerError, WBTimeout


@dataclass
class RecordingGate:
    """A RateGate that lets everything through and remembers what it was told."""

    acquired: list[tuple[str, str]] = field(default_factory=list)
    penalties: list[tuple[str, str, float]] = field(default_factory=list)

    async def acquire(self, seller_key: str, bucket: str) -> None:
        self.acquired.append((seller_key, bucket))

    async def penalize(self, seller_key: str, bucket: str, seconds: float) -> None:
        self.penalties.append((seller_key, bucket, seconds))


@dataclass
class Rig:
    app: Any
    url: str
    auth: WBAuth
    requests: list[str] = field(default_factory=list)
    https: list[httpx.AsyncClient] = field(default_factory=list)

    def faults(self, **options: Any) -> None:
        self.app.state.store.config.update(options)

    def client(self, *, url: str | None = None, gate: Any = None, timeout: float = 5, retries: int = 2) -> WBClient:
        async def count(request: httpx.Request) -> None:
            self.requests.append(request.url.path)

        http = httpx.AsyncClient(timeout=timeout, event_hooks={"request": [count]})
        base = url or self.url
        settings = WBSettings(feedbacks_base_url=base, chat_base_url=base, timeout=timeout, max_retries=retries)
        client = WBClient(settings, gate=gate, http=http, backoff_s=0.01)
        self.https.append(http)
        return client


@pytest.fixture
async def rig() -> AsyncIterator[Rig]:
    app = create_app(seed=23, limits=False, moderation_rate=0.0)
    async with serve_app(app) as url:
        rig = Rig(app, url, WBAuth(next(iter(app.state.store.tokens)), "s1"))
        yield rig
        for http in rig.https:
            await http.aclose()


async def test_429_storm_penalizes_the_gate_with_the_header_wait_then_succeeds(rig: Rig) -> None:
    gate = RecordingGate()
    rig.faults(storm_requests=2, storm_retry_after=0.05)
    page = await rig.client(gate=gate).list_feedbacks(rig.auth, is_answered=False, take=3)
    assert len(page.items) == 3
    assert gate.penalties == [("s1", "feedbacks", 0.05), ("s1", "feedbacks", 0.05)]
    assert gate.acquired == [("s1", "feedbacks")] * 3 and len(rig.requests) == 3


async def test_429_on_chat_penalizes_the_chat_bucket(rig: Rig) -> None:
    gate = RecordingGate()
    rig.faults(storm_requests=1, storm_retry_after=0.02)
    assert await rig.client(gate=gate).list_chats(rig.auth)
    assert gate.penalties == [("s1", "chat", 0.02)]


async def test_429_without_a_gate_waits_as_the_headers_say(rig: Rig) -> None:
    rig.faults(storm_requests=1, storm_retry_after=0.2)
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await rig.client().count_unanswered_feedbacks(rig.auth) >= 0
    assert loop.time() - started >= 0.2 and len(rig.requests) == 2


async def test_429_retries_are_bounded(rig: Rig) -> None:
    rig.faults(storm_requests=10, storm_retry_after=0.01)
    with pytest.raises(WBRateLimited) as limited:
        await rig.client(retries=2).new_items(rig.auth)
    assert limited.value.retry_after == 0.01 and len(rig.requests) == 3


async def test_real_limits_are_honoured_without_a_gate(rig: Rig) -> None:
    rig.faults(limits=True)
    client = rig.client(retries=3)
    for _ in range(8):  # burst 6, then 3/s: the client waits out the 429s WB's way
        await client.count_unanswered_feedbacks(rig.auth)
    assert len(rig.requests) > 8


async def test_5xx_on_reads_is_retried_then_surfaces(rig: Rig) -> None:
    rig.faults(error_rate=1.0)
    with pytest.raises(WBServerError) as failed:
        await rig.client(retries=2).list_questions(rig.auth, is_answered=False, take=1)
    assert failed.value.status in (500, 502, 503) and len(rig.requests) == 3


async def test_intermittent_5xx_is_absorbed_by_retries(rig: Rig) -> None:
    rig.faults(error_rate=0.4)
    client = rig.client(retries=8)
    for _ in range(10):
        assert (await client.list_feedbacks(rig.auth, is_answered=True, take=2)).items
    assert len(rig.requests) > 10


async def test_5xx_on_a_send_is_an_unknown_outcome_and_never_retried(rig: Rig) -> None:
    target = rig.app.state.store.sellers[1].reviews[-1]
    rig.faults(error_rate=1.0)
    client = rig.client(retries=3)
    with pytest.raises(WBOutcomeUnknown) as unknown:
        await client.answer_feedback(rig.auth, target.id, "Спасибо за отзыв!")
    assert isinstance(unknown.value.cause, WBServerError) and len(rig.requests) == 1
    assert target.posts <= 1
    sign = next(iter(rig.app.state.store.sellers[1].chats.values())).reply_sign
    with pytest.raises(WBOutcomeUnknown):
        await client.send_chat_message(rig.auth, reply_sign=sign, text="Здравствуйте")
    assert len(rig.requests) == 2


async def test_timeouts_retry_reads_and_make_sends_unknown(rig: Rig) -> None:
    rig.faults(latency_ms=400)
    client = rig.client(timeout=0.1, retries=1)
    with pytest.raises(WBTimeout):
        await client.new_items(rig.auth)
    assert len(rig.requests) == 2
    with pytest.raises(WBOutcomeUnknown) as unknown:
        await client.answer_question(rig.auth, rig.app.state.store.sellers[1].questions[-1].id, "Да, есть")
    assert isinstance(unknown.value.cause, WBTimeout) and len(rig.requests) == 3


async def test_refused_connection_is_retried_even_for_sends_and_is_not_unknown(rig: Rig) -> None:
    client = rig.client(url=f"http://127.0.0.1:{free_port()}", retries=2)
    with pytest.raises(WBTimeout) as failed:
        await client.answer_feedback(rig.auth, "abc", "Спасибо!")
    assert not isinstance(failed.value, WBOutcomeUnknown) and len(rig.requests) == 3


async def test_malformed_items_are_skipped_counted_and_logged_by_id(rig: Rig) -> None:
    rig.faults(malformed_rate=0.5)
    with capture_logs() as logs:
        page = await rig.client().list_feedbacks(rig.auth, is_answered=True, take=40)
    assert page.malformed > 0 and len(page.items) + page.malformed == 40
    bad = [entry for entry in logs if entry["event"] == "wb.malformed_item"]
    assert len(bad) == page.malformed and all(entry["item_id"] and entry["kind"] == "feedback" for entry in bad)
    assert rig.auth.token not in repr(logs)


async def test_malformed_chat_events_are_skipped_and_the_cursor_still_advances(rig: Rig) -> None:
    rig.faults(malformed_rate=0.5)
    page = await rig.client().chat_events(rig.auth)
    assert page.malformed > 0 and len(page.events) + page.malformed == page.total_events
    assert page.next == rig.app.state.store.sellers[1].events[page.total_events - 1]["addTimestamp"]


async def test_duplicated_items_across_pages(rig: Rig) -> None:
    rig.faults(duplicate_rate=1.0)
    client = rig.client()
    first = await client.list_feedbacks(rig.auth, is_answered=True, take=5)
    second = await client.list_feedbacks(rig.auth, is_answered=True, take=5, skip=5)
    assert second.items[0].id == first.items[-1].id


async def test_moving_dates_serve_an_older_created_date(rig: Rig) -> None:
    rig.faults(moving_dates_rate=1.0, moving_dates_max_s=60)
    reviews = rig.app.state.store.sellers[1].review_by_id
    page = await rig.client().list_feedbacks(rig.auth, is_answered=False, take=5)
    for item in page.items:
        shift = (reviews[item.id].created - item.created_date).total_seconds()
        assert 1 <= shift <= 60


async def test_index_lag_hides_new_items_for_a_while(rig: Rig) -> None:
    rig.faults(index_lag_s=0.3)
    injected = rig.app.state.store.inject_review(rig.app.state.store.sellers[1], {"text": "Пришёл брак"})
    client = rig.client()
    assert (await client.list_feedbacks(rig.auth, is_answered=False, take=1)).items[0].id != injected["id"]
    await asyncio.sleep(0.35)
    late = (await client.list_feedbacks(rig.auth, is_answered=False, take=1)).items[0]
    assert late.id == injected["id"] and late.text == "Пришёл брак"
