"""WB's own example payloads parse in our models; token inspection reads sandbox-minted tokens; secrets stay hidden."""

from __future__ import annotations

import base64
import json
import random
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

import sandbox.wb
from core.models.enums import Channel
from sandbox.wb import tokens as sandbox_tokens
from sync.wb import WBAuth, models
from sync.wb.token import inspect_token, mask_for
from sync.wb.transport import _retry_after

SPEC = yaml.safe_load(
    Path(sandbox.wb.__file__).with_name("communications-2026.openapi.yaml").read_text(encoding="utf-8")
)


def _example(path: str, method: str = "get") -> Any:
    return SPEC["paths"][path][method]["responses"]["200"]["content"]["application/json"]["example"]


@pytest.mark.parametrize("path", ["/api/v1/feedbacks", "/api/v1/feedbacks/archive"])
def test_feedback_list_examples_parse(path: str) -> None:
    (item,) = _example(path)["data"]["feedbacks"]
    feedback = models.Feedback.model_validate(item)
    assert feedback.id == "YX52RZEBhH9mrcYdEJuD" and feedback.product_valuation == 5
    # WB writes Moscow time (10:20:48+03:00): stored and compared as UTC.
    assert feedback.created_date.utcoffset() == timedelta(0) and feedback.created_date.hour == 7
    assert feedback.answer is not None and feedback.answer.state == "wbRu" and feedback.answer.editable is False
    assert feedback.product_details.nm_id == 987654321 and feedback.product_details.size == "0"
    assert (
        feedback.photo_links and len(feedback.photo_links) == 3 and feedback.video and feedback.video.duration_sec == 10
    )
    assert feedback.child_feedback_id == "bIjTCZDvJni7NGnLbUlf" and feedback.parent_feedback_id is None
    assert feedback.bables == ["цена"]


def test_single_feedback_example_parses() -> None:
    feedback = models.Feedback.model_validate(_example("/api/v1/feedback")["data"])
    assert feedback.user_name == "Николай" and feedback.pros == "Удобный"


def test_question_list_example_parses_with_nanosecond_date() -> None:
    data = _example("/api/v1/questions")["data"]
    page = models.QuestionPage(items=[models.Question.model_validate(q) for q in data["questions"]])
    question = page.items[0]
    assert question.state == "suppliersPortalSynch" and question.answer is None
    assert question.created_date.tzinfo is not None and question.created_date.microsecond == 769513
    assert question.product_details.brand_name == "Nescafe"


def test_events_example_parses_with_attachments_and_no_buyer_id() -> None:
    result = _example("/api/v1/seller/events")["result"]
    page = models.EventsPage.model_validate(result)
    first, *_, last = page.events
    assert first.is_new_chat and first.reply_sign and first.sender == "client" and first.client_name
    assert first.message and first.message.attachments and first.message.attachments.good_card
    assert first.message.attachments.good_card.rid
    # WB's 2026 example: the last event (a seller's) carries neither message nor source.
    assert last.sender == "seller" and last.message is None and last.source is None
    assert not hasattr(first, "client_id") and not hasattr(first, "refund")


def test_message_and_chat_examples_parse() -> None:
    sent = models.SentMessage.model_validate(_example("/api/v1/seller/message", "post")["result"])
    assert sent.add_time == 1712848270018 and sent.chat_id.startswith("1:") and sent.sign is None
    assert models.SentMessage.model_validate({"sign": "1:abc:ff"}).sign == "1:abc:ff"
    props = SPEC["components"]["schemas"]["Chat"]["properties"]
    chat = models.Chat.model_validate({k: v.get("example") for k, v in props.items() if "example" in v})
    assert chat.chat_id.startswith("1:") and chat.client_name == "Иван" and chat.reply_sign


def test_unknown_fields_are_ignored_and_naive_dates_read_as_utc() -> None:
    item = {"id": "x", "productValuation": 3, "createdDate": "2025-01-02T03:04:05", "brandNewWbField": {"a": 1}}
    feedback = models.Feedback.model_validate(item)
    assert feedback.created_date.utcoffset().total_seconds() == 0 and feedback.text == ""


def _token(payload: dict[str, Any]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    return f"eyJhbGciOiJFUzI1NiJ9.{body}.c2ln"


def test_inspect_token_reads_sandbox_tokens() -> None:
    rng = random.Random(1)
    exp = time.time() + 3600
    token = sandbox_tokens.mint(rng, seller_num=7, mask=sandbox_tokens.scope_mask(("chat",)), expires_at=exp)
    info = inspect_token(token)
    assert info.well_formed and info.scopes == frozenset({Channel.CHAT}) and info.seller_id == 7
    assert info.expires_at is not None and abs(info.expires_at.timestamp() - int(exp)) < 1 and not info.expired()
    full = inspect_token(
        sandbox_tokens.mint(
            rng, seller_num=1, mask=sandbox_tokens.scope_mask(("review", "chat", "return"), read_only=True)
        )
    )
    assert full.scopes == frozenset(Channel) and full.read_only
    assert mask_for({Channel.REVIEW, Channel.CHAT}) == sandbox_tokens.scope_mask(("review", "chat"))


def test_inspect_token_expired_missing_mask_and_garbage() -> None:
    expired = inspect_token(_token({"exp": 1_600_000_000, "s": 128}))
    assert expired.expired() and expired.scopes == frozenset({Channel.REVIEW, Channel.QUESTION})
    no_mask = inspect_token(_token({"id": "abc"}))
    assert no_mask.well_formed and no_mask.scopes is None and no_mask.expires_at is None
    assert not inspect_token("not a token").well_formed
    assert not inspect_token("a.!!!.c").well_formed


def test_auth_repr_hides_the_token() -> None:
    auth = WBAuth("secret-token-value-123", "42")
    assert "secret" not in repr(auth) and "42" in repr(auth)


def test_retry_after_reads_headers_and_defaults_to_one_interval() -> None:
    assert _retry_after(httpx.Headers({"X-Ratelimit-Retry": "2.5"}), "feedbacks") == 2.5
    assert _retry_after(httpx.Headers({}), "feedbacks") == pytest.approx(1 / 3)
    assert _retry_after(httpx.Headers({"X-Ratelimit-Retry": "soon"}), "chat") == 1.0
