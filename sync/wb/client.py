"""Async client of WB's communications API: reviews, questions, buyer chats and (from `returns`) buyer returns.

Paths, parameters and envelopes follow `communications.openapi.yaml`. Reads are retried on 5xx/timeouts; sends
raise `WBOutcomeUnknown` instead of being retried blindly (see `sync.wb.transport`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partialmethod
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from sync.wb import models
from sync.wb.errors import WBBadRequest, WBServerError
from sync.wb.returns import ReturnsCalls
from sync.wb.transport import CHAT, FEEDBACKS, WBAuth

PageT = TypeVar("PageT", models.FeedbackPage, models.QuestionPage)


@dataclass(frozen=True)
class Listing(Generic[PageT]):
    """A paged list of WB's reviews or questions: where it is, its envelope's field, how items and pages parse."""

    path: str
    key: str
    item: type[models.WBModel]
    page: type[PageT]

    @property
    def kind(self) -> str:
        """The item kind named in malformed-item logs."""
        return self.key.rstrip("s")


# Reviews: `take` ≤ 5000, `skip` ≤ 199990; questions: `take + skip` ≤ 10000 (dates are Unix seconds).
FEEDBACKS_LIST = Listing("/api/v1/feedbacks", "feedbacks", models.Feedback, models.FeedbackPage)
QUESTIONS_LIST = Listing("/api/v1/questions", "questions", models.Question, models.QuestionPage)
ARCHIVED_FEEDBACKS_LIST = Listing("/api/v1/feedbacks/archive", "feedbacks", models.Feedback, models.FeedbackPage)
# Chat files: WB answers 202 with `retrySeconds` while it moderates one and 451 when it refused it.
FILE_REFUSED = 451
FILE_STATE_READY, FILE_STATE_MODERATING, FILE_STATE_REFUSED = "ready", "moderating", "refused"
FILE_STATE_TOO_LARGE = "too_large"
# WB's 202 while it moderates a file is a small JSON body; read this much of it at most.
MODERATION_BODY_CAP = 64 * 1024
DEFAULT_FILE_RETRY_S = 60
MAX_FILE_RETRY_S = 86_400


class WBClient(ReturnsCalls):
    """The WB seller API calls the product uses. One per process; pass each seller's `WBAuth` per call."""

    async def _page(self, auth: WBAuth, listing: Listing[PageT], params: dict[str, Any]) -> PageT:
        data = self._data(await self._get(auth, FEEDBACKS, listing.path, params))
        items, bad = self._items(auth, listing.item, data.get(listing.key), listing.kind)
        return listing.page(
            items=items,
            count_unanswered=data.get("countUnanswered"),
            count_archive=data.get("countArchive"),
            malformed=bad,
        )

    async def list_page(
        self,
        listing: Listing[PageT],
        auth: WBAuth,
        *,
        is_answered: bool,
        take: int,
        skip: int = 0,
        order: str = "dateDesc",
        date_from: int | None = None,
        date_to: int | None = None,
        nm_id: int | None = None,
    ) -> PageT:
        """One page of answered or unanswered reviews or questions: items parsed (bad ones counted), WB's counters
        kept. The one reader of both lists: they take the same query and answer in the same envelope."""
        params = self._query(
            isAnswered=is_answered, take=take, skip=skip, order=order, dateFrom=date_from, dateTo=date_to, nmId=nm_id
        )
        return await self._page(auth, listing, params)

    # --- reviews ----------------------------------------------------------------------------------------------

    list_feedbacks = partialmethod(list_page, FEEDBACKS_LIST)

    async def list_archived_feedbacks(
        self, auth: WBAuth, *, take: int, skip: int = 0, order: str = "dateDesc", nm_id: int | None = None
    ) -> models.FeedbackPage:
        """One page of archived reviews (answered long ago, unanswered for 30 days, or empty)."""
        params = self._query(take=take, skip=skip, order=order, nmId=nm_id)
        return await self._page(auth, ARCHIVED_FEEDBACKS_LIST, params)

    async def get_feedback(self, auth: WBAuth, feedback_id: str) -> models.Feedback | None:
        """One review by id; None when WB does not know it."""
        body = await self._get_one(auth, "/api/v1/feedback", feedback_id)
        items, _ = self._items(auth, models.Feedback, [body] if body else None, "feedback")
        return items[0] if items else None

    async def new_items(self, auth: WBAuth) -> models.NewItems:
        """Whether WB holds unseen reviews/questions (cheap; combine with the watermark, it reports *unseen*)."""
        data = self._data(await self._get(auth, FEEDBACKS, "/api/v1/new-feedbacks-questions"))
        return models.NewItems.model_validate(data)

    async def count_unanswered_feedbacks(self, auth: WBAuth) -> int:
        """How many reviews wait for an answer."""
        data = self._data(await self._get(auth, FEEDBACKS, "/api/v1/feedbacks/count-unanswered"))
        return int(data.get("countUnanswered") or 0)

    async def answer_feedback(self, auth: WBAuth, feedback_id: str, text: str) -> None:
        """Publish the answer to a review (WB moderates it: watch `answer.state`)."""
        await self._send(
            auth, FEEDBACKS, "POST", self._feedbacks + "/api/v1/feedbacks/answer", {"id": feedback_id, "text": text}
        )

    async def edit_feedback_answer(self, auth: WBAuth, feedback_id: str, text: str) -> None:
        """Replace the answer of a review (allowed while `answer.editable`: once, within 60 days)."""
        await self._send(
            auth, FEEDBACKS, "PATCH", self._feedbacks + "/api/v1/feedbacks/answer", {"id": feedback_id, "text": text}
        )

    # --- questions --------------------------------------------------------------------------------------------

    list_questions = partialmethod(list_page, QUESTIONS_LIST)

    async def get_question(self, auth: WBAuth, question_id: str) -> models.Question | None:
        """One question by id; None when WB does not know it."""
        body = await self._get_one(auth, "/api/v1/question", question_id)
        items, _ = self._items(auth, models.Question, [body] if body else None, "question")
        return items[0] if items else None

    async def answer_question(self, auth: WBAuth, question_id: str, text: str) -> None:
        """Answer a question (or edit its answer: once, within 60 days)."""
        body = {"id": question_id, "answer": {"text": text}, "state": "wbRu"}
        await self._send(auth, FEEDBACKS, "PATCH", self._feedbacks + "/api/v1/questions", body)

    async def mark_question_viewed(self, auth: WBAuth, question_id: str) -> None:
        """Mark a question as viewed (idempotent, so retried like a read)."""
        url = self._feedbacks + "/api/v1/questions"
        await self._call(auth, FEEDBACKS, "PATCH", url, idempotent=True, json={"id": question_id, "wasViewed": True})

    async def reject_question(self, auth: WBAuth, question_id: str, text: str) -> None:
        """Reject a question: it is hidden from the buyer portal; `text` is the seller's reason."""
        body = {"id": question_id, "answer": {"text": text}, "state": "none"}
        await self._send(auth, FEEDBACKS, "PATCH", self._feedbacks + "/api/v1/questions", body)

    # --- chats ------------------------------------------------------------------------------------------------

    async def list_chats(self, auth: WBAuth) -> list[models.Chat]:
        """All of the seller's buyer chats."""
        body = await self._call(auth, CHAT, "GET", self._chat + "/api/v1/seller/chats", idempotent=True)
        items, _ = self._items(auth, models.Chat, body.get("result") if isinstance(body, dict) else None, "chat")
        return items

    async def chat_events(self, auth: WBAuth, next_cursor: int | None = None) -> models.EventsPage:
        """One packet of the event feed from `next_cursor` (Unix ms); poll with `.next` until `total_events` is 0."""
        params = self._query(next=next_cursor)
        body = await self._call(auth, CHAT, "GET", self._chat + "/api/v1/seller/events", idempotent=True, params=params)
        result = body.get("result") if isinstance(body, dict) else None
        if not isinstance(result, dict):
            raise WBServerError("WB events answer has no result object")
        events, bad = self._items(auth, models.ChatEvent, result.get("events"), "chat_event")
        return models.EventsPage.model_validate({**result, "events": events, "malformed": bad})

    async def send_chat_message(self, auth: WBAuth, *, reply_sign: str, text: str) -> models.SentMessage:
        """Send a text message into a chat (multipart, as WB requires); it comes back as a `sender=seller` event."""
        form = [("replySign", (None, reply_sign)), ("message", (None, text))]
        body = await self._call(auth, CHAT, "POST", self._chat + "/api/v1/seller/message", idempotent=False, files=form)
        result = body.get("result") if isinstance(body, dict) else None
        return models.SentMessage.model_validate(result or {})

    async def download_chat_file(self, auth: WBAuth, download_id: str, *, max_bytes: int) -> models.FileDownload:
        """A file of a chat message by its `downloadID`, through the chat bucket: ready (bytes), still under WB's
        moderation (202 with `retrySeconds`), refused by it (451), or too large: longer than `max_bytes` by its
        declared length or by the bytes counted while reading (then the download stops there)."""
        url = f"{self._chat}/api/v1/seller/download/{quote(download_id, safe='')}"
        try:
            got = await self._call(auth, CHAT, "GET", url, idempotent=True, cap=max(max_bytes, MODERATION_BODY_CAP))
        except WBBadRequest as exc:
            if exc.status == FILE_REFUSED:
                return models.FileDownload(state=FILE_STATE_REFUSED)
            raise
        if got.status == 202:
            try:
                wait = json.loads(got.content or b"").get("retrySeconds")
            except (ValueError, AttributeError):
                wait = None
            retry_s = wait if isinstance(wait, int) and 0 < wait <= MAX_FILE_RETRY_S else DEFAULT_FILE_RETRY_S
            return models.FileDownload(state=FILE_STATE_MODERATING, retry_s=retry_s)
        if got.content is None or len(got.content) > max_bytes:
            return models.FileDownload(state=FILE_STATE_TOO_LARGE)
        return models.FileDownload(state=FILE_STATE_READY, content=got.content, content_type=got.content_type)

    # --- helpers ----------------------------------------------------------------------------------------------

    async def _get(self, auth: WBAuth, bucket: str, path: str, params: dict[str, Any] | None = None) -> Any:
        return await self._call(auth, bucket, "GET", self._feedbacks + path, idempotent=True, params=params)

    async def _get_one(self, auth: WBAuth, path: str, item_id: str) -> dict[str, Any] | None:
        try:
            body = await self._get(auth, FEEDBACKS, path, {"id": item_id})
        except WBBadRequest as exc:
            if exc.status in (404, 422):
                return None
            raise
        data = body.get("data") if isinstance(body, dict) else None
        return data if isinstance(data, dict) and data.get("id") else None

    async def _send(self, auth: WBAuth, bucket: str, method: str, url: str, body: dict[str, Any]) -> None:
        await self._call(auth, bucket, method, url, idempotent=False, json=body)
