"""The WB client against the WB sandbox over real HTTP: reads, paging, answers, questions, chats, auth refusal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from cli.serving import serve_app
from core.settings import WBSettings
from sandbox.wb.server import create_app
from sync.wb import WBAuth, WBClient
from sync.wb.errors import WBAuthError, WBBadRequest
from tests.sync.test_wb_resilience import RecordingGate


@dataclass
class WB:
    app: Any
    url: str
    client: WBClient
    auth: WBAuth

    @property
    def store(self) -> Any:
        return self.app.state.store

    def seller(self, num: int = 1) -> Any:
        return self.store.sellers[num]

    async def control(self, method: str, path: str, **kw: Any) -> Any:
        async with httpx.AsyncClient(base_url=self.url) as http:
            response = await http.request(method, "/_sandbox" + path, **kw)
            response.raise_for_status()
            return response.json()


@pytest.fixture
async def wb() -> AsyncIterator[WB]:
    app = create_app(seed=11, limits=False, moderation_rate=0.0)
    async with serve_app(app) as url:
        client = WBClient(WBSettings(feedbacks_base_url=url, chat_base_url=url, timeout=5), backoff_s=0.01)
        token = next(iter(app.state.store.tokens))
        yield WB(app, url, client, WBAuth(token, "1"))
        await client.aclose()


async def test_unanswered_pages_do_not_overlap_and_cover_the_count(wb: WB) -> None:
    first = await wb.client.list_feedbacks(wb.auth, is_answered=False, take=10)
    second = await wb.client.list_feedbacks(wb.auth, is_answered=False, take=10, skip=10)
    everything = await wb.client.list_feedbacks(wb.auth, is_answered=False, take=5000)
    assert first.count_unanswered == len(everything.items) > 10
    ids = [f.id for f in first.items + second.items]
    assert len(set(ids)) == 20 and ids == [f.id for f in everything.items[:20]]
    dates = [f.created_date for f in everything.items]
    assert dates == sorted(dates, reverse=True) and all(f.answer is None for f in everything.items)


async def test_order_nm_and_date_filters(wb: WB) -> None:
    asc = await wb.client.list_feedbacks(wb.auth, is_answered=True, take=5000, order="dateAsc")
    dates = [f.created_date for f in asc.items]
    assert dates == sorted(dates) and all(f.answer is not None for f in asc.items)
    nm = asc.items[0].product_details.nm_id
    only = await wb.client.list_feedbacks(wb.auth, is_answered=True, take=5000, nm_id=nm)
    assert only.items and {f.product_details.nm_id for f in only.items} == {nm}
    cut = int(dates[len(dates) // 2].timestamp())
    newer = await wb.client.list_feedbacks(wb.auth, is_answered=True, take=5000, date_from=cut)
    assert newer.items and all(f.created_date.timestamp() >= cut for f in newer.items)
    assert len(newer.items) < len(asc.items)


async def test_archive_and_supplements(wb: WB) -> None:
    archive = await wb.client.list_archived_feedbacks(wb.auth, take=5000)
    assert archive.items and len(archive.items) == sum(r.archived for r in wb.seller().reviews)
    child = next(r for r in wb.seller().reviews if r.parent_id)
    fetched = await wb.client.get_feedback(wb.auth, child.id)
    parent = await wb.client.get_feedback(wb.auth, child.parent_id)
    assert fetched and parent and fetched.parent_feedback_id == parent.id and parent.child_feedback_id == fetched.id


async def test_answer_moves_the_review_to_answered_and_edit_is_allowed_once(wb: WB) -> None:
    page = await wb.client.list_feedbacks(wb.auth, is_answered=False, take=1)
    target = page.items[0]
    await wb.client.answer_feedback(wb.auth, target.id, "Спасибо за отзыв!")
    answered = await wb.client.get_feedback(wb.auth, target.id)
    assert answered and answered.answer and answered.answer.state == "wbRu" and answered.answer.editable
    assert answered.state == "wbRu"
    assert await wb.client.count_unanswered_feedbacks(wb.auth) == page.count_unanswered - 1
    await wb.client.edit_feedback_answer(wb.auth, target.id, "Спасибо! Ждём вас снова.")
    edited = await wb.client.get_feedback(wb.auth, target.id)
    assert edited and edited.answer and edited.answer.text == "Спасибо! Ждём вас снова." and not edited.answer.editable
    with pytest.raises(WBBadRequest) as refused:
        await wb.client.edit_feedback_answer(wb.auth, target.id, "Третья версия")
    assert refused.value.status == 400 and "один раз" in refused.value.error_text


async def test_a_second_answer_is_refused_and_counted(wb: WB) -> None:
    target = (await wb.client.list_feedbacks(wb.auth, is_answered=False, take=1)).items[0]
    await wb.client.answer_feedback(wb.auth, target.id, "Спасибо!")
    with pytest.raises(WBBadRequest):
        await wb.client.answer_feedback(wb.auth, target.id, "Спасибо!")
    rows = (await wb.control("GET", "/answers", params={"seller_id": 1}))["answers"]
    (row,) = [r for r in rows if r["item_id"] == target.id]
    assert row["answer_calls"] == 2 and row["answer"] == "Спасибо!"


async def test_answer_too_short_is_a_bad_request(wb: WB) -> None:
    target = (await wb.client.list_feedbacks(wb.auth, is_answered=False, take=1)).items[0]
    with pytest.raises(WBBadRequest, match="от 2 до 5000"):
        await wb.client.answer_feedback(wb.auth, target.id, "!")


async def test_moderation_can_be_forced_to_each_outcome(wb: WB) -> None:
    await wb.control("PATCH", "/config", json={"moderation_rate": 1.0, "moderation_delay_s": None})
    first, second = (await wb.client.list_feedbacks(wb.auth, is_answered=False, take=2)).items
    for item in (first, second):
        await wb.client.answer_feedback(wb.auth, item.id, "Спасибо за отзыв!")
        pending = await wb.client.get_feedback(wb.auth, item.id)
        assert pending and pending.answer and pending.answer.state == "reviewRequired"
    await wb.control("POST", "/moderation", json={"seller_id": 1, "feedback_id": first.id, "decision": "wbRu"})
    await wb.control("POST", "/moderation", json={"seller_id": 1, "feedback_id": second.id, "decision": "rejected"})
    published, rejected = (
        await wb.client.get_feedback(wb.auth, first.id),
        await wb.client.get_feedback(wb.auth, second.id),
    )
    assert published and published.answer and published.answer.state == "wbRu"
    assert rejected and rejected.answer and rejected.answer.state == "rejected"
    unanswered = await wb.client.list_feedbacks(wb.auth, is_answered=False, take=5000)
    assert second.id in {f.id for f in unanswered.items}  # a rejected answer leaves the review waiting


async def test_moderation_resolves_by_itself_after_the_delay(wb: WB) -> None:
    await wb.control("PATCH", "/config", json={"moderation_rate": 1.0, "moderation_delay_s": 0.0, "reject_rate": 0.0})
    target = (await wb.client.list_feedbacks(wb.auth, is_answered=False, take=1)).items[0]
    await wb.client.answer_feedback(wb.auth, target.id, "Спасибо за отзыв!")
    item = await wb.client.get_feedback(wb.auth, target.id)
    assert item and item.answer and item.answer.state == "wbRu"
    assert [h["state"] for h in wb.seller().review_by_id[target.id].history] == ["reviewRequired", "wbRu"]


async def test_questions_answer_view_reject(wb: WB) -> None:
    page = await wb.client.list_questions(wb.auth, is_answered=False, take=3)
    assert page.count_unanswered and len(page.items) == 3
    a, b, c = page.items
    await wb.client.mark_question_viewed(wb.auth, a.id)
    viewed = await wb.client.get_question(wb.auth, a.id)
    assert viewed and viewed.was_viewed and viewed.answer is None
    await wb.client.answer_question(wb.auth, b.id, "Да, подходит.")
    await wb.client.reject_question(wb.auth, c.id, "Вопрос не по товару")
    answered, rejected = await wb.client.get_question(wb.auth, b.id), await wb.client.get_question(wb.auth, c.id)
    assert answered and answered.state == "wbRu" and answered.answer and answered.answer.text == "Да, подходит."
    assert rejected and rejected.state == "none"
    done = await wb.client.list_questions(wb.auth, is_answered=True, take=10000)
    assert {b.id, c.id} <= {q.id for q in done.items}
    assert await wb.client.get_question(wb.auth, "no-such-question") is None
    assert await wb.client.get_feedback(wb.auth, "no-such-feedback") is None


async def test_new_items_probe_and_live_injection(wb: WB) -> None:
    injected = await wb.control("POST", "/sellers/1/reviews", json={"text": "Маломерит на размер", "rating": 2})
    page = await wb.client.list_feedbacks(wb.auth, is_answered=False, take=1)
    assert page.items[0].id == injected["id"] and page.items[0].text == "Маломерит на размер"
    assert page.items[0].product_valuation == 2
    assert (await wb.client.new_items(wb.auth)).has_new_feedbacks
    question = await wb.control("POST", "/sellers/1/questions", json={"text": "Есть размер XL?"})
    assert (await wb.client.list_questions(wb.auth, is_answered=False, take=1)).items[0].id == question["id"]


async def test_chat_feed_paging_send_and_echo(wb: WB) -> None:
    chats = await wb.client.list_chats(wb.auth)
    assert chats and all(c.reply_sign for c in chats)
    events, cursor = [], None
    while True:
        page = await wb.client.chat_events(wb.auth, cursor)
        if page.total_events == 0:
            break
        events += page.events
        cursor = page.next
    assert len(events) == len(wb.seller().events) and len({e.event_id for e in events}) == len(events)
    assert all(e.reply_sign for e in events if e.is_new_chat)
    sent = await wb.client.send_chat_message(
        wb.auth, reply_sign=chats[0].reply_sign, text="Здравствуйте! Уже проверяем."
    )
    assert sent.chat_id == chats[0].chat_id and sent.add_time
    echo = await wb.client.chat_events(wb.auth, cursor)
    assert [(e.sender, e.message.text if e.message else None) for e in echo.events] == [
        ("seller", "Здравствуйте! Уже проверяем.")
    ]
    assert echo.events[0].source == "seller-public-api" and echo.next == sent.add_time
    buyer = await wb.control("POST", "/sellers/1/chat-messages", json={"chat_id": chats[0].chat_id, "text": "Спасибо"})
    later = await wb.client.chat_events(wb.auth, echo.next)
    assert [e.event_id for e in later.events] == [buyer["eventID"]] and later.events[0].sender == "client"


async def test_new_chat_event_carries_reply_sign(wb: WB) -> None:
    await wb.control("POST", "/sellers/1/chat-messages", json={"text": "Где мой заказ?", "client_name": "Ольга"})
    last = wb.seller().events[-1]
    page = await wb.client.chat_events(wb.auth, last["addTimestamp"] - 1)
    (event,) = page.events
    assert event.is_new_chat and event.reply_sign and event.client_name == "Ольга"
    await wb.client.send_chat_message(wb.auth, reply_sign=event.reply_sign, text="Добрый день!")


async def test_chat_message_with_a_bad_sign_or_too_long_is_refused(wb: WB) -> None:
    with pytest.raises(WBBadRequest, match="Invalid signature"):
        await wb.client.send_chat_message(wb.auth, reply_sign="1:nope", text="Привет")
    sign = (await wb.client.list_chats(wb.auth))[0].reply_sign
    with pytest.raises(WBBadRequest, match="message"):
        await wb.client.send_chat_message(wb.auth, reply_sign=sign, text="я" * 1001)


@pytest.mark.parametrize(
    ("spec", "status"),
    [
        ({"expires_in_s": -60}, 401),
        ({"kind": "invalid"}, 401),
        ({"scopes": ["chat"]}, 403),
    ],
)
async def test_feedbacks_refuse_bad_tokens(wb: WB, spec: dict[str, Any], status: int) -> None:
    token = (await wb.control("POST", "/sellers/1/tokens", json=spec))["token"]
    with pytest.raises(WBAuthError) as refused:
        await wb.client.list_feedbacks(WBAuth(token, "1"), is_answered=False, take=1)
    assert refused.value.status == status


async def test_chat_refuses_a_token_without_the_chat_category(wb: WB) -> None:
    token = (await wb.control("POST", "/sellers/1/tokens", json={"scopes": ["review", "question"]}))["token"]
    with pytest.raises(WBAuthError, match="scope"):
        await wb.client.list_chats(WBAuth(token, "1"))
    assert (await wb.client.list_feedbacks(WBAuth(token, "1"), is_answered=False, take=1)).items


async def test_read_only_token_reads_but_cannot_answer(wb: WB) -> None:
    token = (await wb.control("POST", "/sellers/1/tokens", json={"read_only": True}))["token"]
    auth = WBAuth(token, "1")
    target = (await wb.client.list_feedbacks(auth, is_answered=False, take=1)).items[0]
    with pytest.raises(WBAuthError):
        await wb.client.answer_feedback(auth, target.id, "Спасибо!")


@pytest.mark.parametrize(
    ("call", "kwargs"),
    [
        ("list_feedbacks", {"is_answered": False, "take": 5001}),
        ("list_feedbacks", {"is_answered": False, "take": 1, "skip": 199_991}),
        ("list_archived_feedbacks", {"take": 5001}),
        ("list_questions", {"is_answered": False, "take": 5000, "skip": 5001}),
    ],
)
async def test_pagination_maxima_are_enforced(wb: WB, call: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(WBBadRequest) as refused:
        await getattr(wb.client, call)(wb.auth, **kwargs)
    assert refused.value.status == 400 and refused.value.error_text


async def test_pagination_at_the_maxima_is_accepted(wb: WB) -> None:
    assert (await wb.client.list_feedbacks(wb.auth, is_answered=False, take=5000, skip=0)).items
    assert (await wb.client.list_feedbacks(wb.auth, is_answered=False, take=1, skip=199_990)).items == []
    assert (await wb.client.list_questions(wb.auth, is_answered=False, take=5000, skip=5000)).items == []


async def test_chat_files_download_through_the_chat_bucket(wb: WB) -> None:
    gate = RecordingGate()
    client = WBClient(WBSettings(chat_base_url=wb.url, timeout=5), gate=gate, backoff_s=0.01)
    spec = {"files": [{"name": "defect.jpg", "moderation_s": 30}, {"name": "spam.pdf", "refused": True}]}
    event = wb.store.inject_message(wb.seller(), spec)
    moderated, refused = (f["downloadID"] for f in event["message"]["attachments"]["files"])
    try:
        waiting = await client.download_chat_file(wb.auth, moderated, max_bytes=1_000_000)
        assert (waiting.state, waiting.content) == ("moderating", b"") and 1 <= waiting.retry_s <= 30
        assert (await client.download_chat_file(wb.auth, refused, max_bytes=1_000_000)).state == "refused"
        wb.seller().files[moderated].ready_at = 0
        ready = await client.download_chat_file(wb.auth, moderated, max_bytes=1_000_000)
        assert (ready.state, ready.content, ready.content_type) == ("ready", b"sandbox file defect.jpg", "image/jpeg")
        with pytest.raises(WBBadRequest):
            await client.download_chat_file(wb.auth, "unknown/../id", max_bytes=1_000_000)
    finally:
        await client.aclose()
    assert gate.acquired == [("1", "chat")] * 4
