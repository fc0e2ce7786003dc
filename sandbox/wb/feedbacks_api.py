"""WB's feedbacks API paths: reviews, questions, counts and the "anything new?" probe."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sandbox.wb import params, responses
from sandbox.wb.gateway import Gateway, Refused
from sandbox.wb.records import QuestionRec, Review
from sandbox.wb.seller import RuleError, Seller

T = TypeVar("T", Review, QuestionRec)


def _select(items: Sequence[T], q: params.ListQuery, keep: Any, now: float) -> list[T]:
    """Filter by visibility/state/product/dates, order, then apply the page window."""
    chosen: Iterable[T] = reversed(items) if q.descending else items
    out: list[T] = []
    for item in chosen:
        if item.visible_at > now or not keep(item):
            continue
        if q.nm_id is not None and item.product.nm_id != q.nm_id:
            continue
        stamp = item.created.timestamp()
        if (q.date_from is not None and stamp < q.date_from) or (q.date_to is not None and stamp > q.date_to):
            continue
        out.append(item)
    return out


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise Refused(responses.feedback_error(400, "failed to decode JSON request.")) from None
    if not isinstance(body, dict):
        raise Refused(responses.feedback_error(400, "failed to decode JSON request."))
    return body


def routes(gw: Gateway) -> APIRouter:
    """The router serving the feedbacks API against `gw`'s store."""
    router = APIRouter()

    def reviews_page(seller: Seller, q: params.ListQuery, keep: Any) -> list[bytes]:
        now = time.time()
        chosen = _select(seller.reviews, q, keep, now)
        skip = gw.duplicate_shift(q.skip)
        page = chosen[skip : skip + q.take]
        for item in page:
            seller.settle(item, now)
        return gw.serve(page)

    @router.get("/api/v1/feedbacks")
    async def list_feedbacks(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        answered = params.boolean(request, "isAnswered", required=True)
        q = params.list_query(request, questions=False)
        seller = entry.seller
        live = [r for r in seller.reviews if not r.archived]
        counts = {
            "countUnanswered": sum(1 for r in live if not r.answered),
            "countArchive": len(seller.reviews) - len(live),
        }
        page = reviews_page(seller, q, lambda r: not r.archived and r.answered == answered)
        return entry.finish(responses.ok_items(counts, "feedbacks", page))

    @router.get("/api/v1/feedbacks/archive")
    async def archive(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        q = params.list_query(request, questions=False, dates=False)
        return entry.finish(responses.ok_items({}, "feedbacks", reviews_page(entry.seller, q, lambda r: r.archived)))

    @router.get("/api/v1/feedback")
    async def one_feedback(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        item = entry.seller.review_by_id.get(request.query_params.get("id", ""))
        if item is None or item.visible_at > time.time():
            return responses.feedback_error(422, "Невозможно получить отзыв по id")
        entry.seller.settle(item, time.time())
        return entry.finish(responses.ok(item.wb(gw.edit_window, datetime.now(UTC))))

    @router.get("/api/v1/feedbacks/count-unanswered")
    async def count_unanswered_feedbacks(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        reviews = entry.seller.reviews
        waiting = [r for r in reviews if not r.archived and not r.answered and r.visible_at <= time.time()]
        today = datetime.now(UTC).date()
        data = {  # no `valuation` since 2026
            "countUnanswered": len(waiting),
            "countUnansweredToday": sum(1 for r in waiting if r.created.date() == today),
        }
        return entry.finish(responses.ok(data))

    @router.get("/api/v1/feedbacks/count")
    async def count_feedbacks(request: Request) -> Response:
        return await _count(request, lambda s: s.reviews, answered_required=True)  # required since 2026

    @router.get("/api/v1/questions/count")
    async def count_questions(request: Request) -> Response:
        return await _count(request, lambda s: s.questions, answered_required=False)

    async def _count(request: Request, items_of: Any, *, answered_required: bool) -> Response:
        entry = await gw.enter(request, "feedbacks")
        answered = params.boolean(request, "isAnswered", required=answered_required)
        date_from, date_to = params.integer(request, "dateFrom"), params.integer(request, "dateTo")
        want = True if answered is None else answered
        count = sum(
            1
            for item in items_of(entry.seller)
            if item.answered == want
            and (date_from is None or item.created.timestamp() >= date_from)
            and (date_to is None or item.created.timestamp() <= date_to)
        )
        return entry.finish(responses.ok(count))

    @router.post("/api/v1/feedbacks/answer")
    async def answer(request: Request) -> Response:
        return await _answer(request, edit=False)

    @router.patch("/api/v1/feedbacks/answer")
    async def edit_answer(request: Request) -> Response:
        return await _answer(request, edit=True)

    async def _answer(request: Request, *, edit: bool) -> Response:
        entry = await gw.enter(request, "feedbacks", write=True)
        body = await _json(request)
        if not isinstance(body.get("id"), str) or not isinstance(body.get("text"), str):
            return responses.feedback_error(400, "Неправильный id в запросе")
        try:
            entry.seller.answer_review(body["id"], body["text"], edit=edit)
        except RuleError as exc:
            return responses.feedback_error(exc.status, str(exc))
        return entry.finish(responses.no_content())

    @router.get("/api/v1/new-feedbacks-questions")
    async def new_items(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        now = time.time()
        seller = entry.seller
        data = {
            "hasNewQuestions": any(
                not q.was_viewed and not q.answered and q.visible_at <= now for q in seller.questions
            ),
            "hasNewFeedbacks": any(
                not r.was_viewed and not r.answered and not r.archived and r.visible_at <= now for r in seller.reviews
            ),
        }
        return entry.finish(responses.ok(data))

    @router.get("/api/v1/questions")
    async def list_questions(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        answered = params.boolean(request, "isAnswered", required=True)
        q = params.list_query(request, questions=True)
        seller = entry.seller
        chosen = _select(seller.questions, q, lambda item: item.answered == answered, time.time())
        skip = gw.duplicate_shift(q.skip)
        unanswered = sum(1 for item in seller.questions if not item.answered)
        counts = {"countUnanswered": unanswered, "countArchive": len(seller.questions) - unanswered}
        page = gw.serve(chosen[skip : skip + q.take])
        return entry.finish(responses.ok_items(counts, "questions", page))

    @router.get("/api/v1/question")
    async def one_question(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        item = entry.seller.question_by_id.get(request.query_params.get("id", ""))
        if item is None or item.visible_at > time.time():
            return responses.feedback_error(422, "Невозможно получить вопрос по id")
        data = item.wb(gw.edit_window, datetime.now(UTC))
        if data["answer"] is None:  # the spec types this answer as a non-nullable object: leave it out
            data = {k: v for k, v in data.items() if k != "answer"}
        return entry.finish(responses.ok(data))

    @router.get("/api/v1/questions/count-unanswered")
    async def count_unanswered_questions(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks")
        waiting = [q for q in entry.seller.questions if not q.answered and q.visible_at <= time.time()]
        today = datetime.now(UTC).date()
        data = {
            "countUnanswered": len(waiting),
            "countUnansweredToday": sum(1 for q in waiting if q.created.date() == today),
        }
        return entry.finish(responses.ok(data))

    @router.patch("/api/v1/questions")
    async def patch_question(request: Request) -> Response:
        entry = await gw.enter(request, "feedbacks", write=True)
        try:
            entry.seller.patch_question(await _json(request))
        except RuleError as exc:
            return responses.feedback_error(exc.status, str(exc))
        return entry.finish(responses.ok(None))

    return router
