"""The WB sandbox's control API (`/_sandbox/...`): sellers and tokens, live buyers, answers, moderation, faults.

All bodies are JSON. Sellers are numbered from 1; `create_app(seed, sellers=N)` pre-creates N of them.

Sellers and tokens
    GET  /_sandbox/sellers
        → [{"seller_id": 1, "name": "ИП Продавец 1", "token": "eyJ…", "reviews": 126, "questions": 40, "chats": 10}]
    POST /_sandbox/sellers  {"name": "ИП Ромашка", "reviews": 200, "questions": 50, "chats": 5, "claims": 3,
                             "scopes": ["review", "question", "chat", "return"], "expires_in_s": 86400,
                             "pin_subscription": false}
                             (all optional)
        → 201 {"seller_id": 2, "name": "ИП Ромашка", "token": "eyJ…", "scopes": [...], "expires_at": 1767225600}
    POST /_sandbox/sellers/2/tokens  {"scopes": ["chat"], "expires_in_s": -60, "read_only": false}
        → 201 {"token": "eyJ…", "expires_at": …}   (negative expires_in_s: already expired, 401 "token is expired")
        {"kind": "invalid"} → a JWT-shaped token WB does not know (401 "signature is invalid").
        The payload carries `exp`, `oid` (seller), `s` (category mask: bit 7 reviews+questions, bit 9 chat,
        bit 11 buyer returns, bit 30 read-only): `sync.wb.token.inspect_token` reads it.

Live buyers (the items appear in WB's lists at once, or after `index_lag_s`)
    POST /_sandbox/sellers/1/reviews    {"text": "Маломерит на размер", "rating": 2, "pros": "", "cons": "Размер",
                                         "nm_id": 123, "photos": 1, "video": true, "parent_feedback_id": "…",
                                         "order_status": "returned", "bables": ["цена"]}   (all optional)
        → 201 the feedback exactly as GET /api/v1/feedback serves it ({"id": "…", "productValuation": 2, …})
    POST /_sandbox/sellers/1/questions  {"text": "Есть размер XL?", "nm_id": 123, "is_warned": false}
        → 201 the question as WB serves it (`is_warned`: WB flags it, `isWarned: true`)
    POST /_sandbox/sellers/1/chat-messages  {"chat_id": "1:…", "text": "Где мой заказ?"}
        → 201 the event as GET /api/v1/seller/events serves it; without chat_id a new chat opens
          (`isNewChat: true`, `replySign`), optional "client_name". "files": [{"name": "defect.jpg",
          "moderation_s": 5, "refused": false}] attaches files: GET /api/v1/seller/download/{downloadID} answers
          202 {"retrySeconds": n} while WB moderates one, then its bytes, or 451 for a refused one. Hostile files:
          "size": n serves n zero bytes with that Content-Length, "endless": true a body without length or end.

Buyer returns (claims; the returns API serves those of the last 14 days)
    POST /_sandbox/sellers/1/claims  {"user_comment": "Пришёл с браком", "nm_id": 123, "photos": 2, "video": true,
                                      "pickup": false, "chat_id": "1:…"}   (all optional)
        → 201 the claim as GET /api/v1/claims serves it, under review with its `actions`; `pickup: true` is an
          In-Store Pickup claim (`approvecc1`, then `confirmreturngoodcc1`); `chat_id` files it from that chat
          (`claim_type: 3`, `srid` = the chat's goodCard `rid`)
    POST /_sandbox/sellers/1/claim-decisions  {"claim_id": "…", "action": "approve2", "comment": null}
        → the claim after the seller decided it in the WB cabinet (not an API answer: not in /answers)
    Option `claim_settle_s` (default 30): after `approve1`/`approve2` the item status moves on that much later.

Pinned feedback (`/api/feedbacks/v1/pins…`, sandbox/wb/pins_api.py)
    Pinning answers 403 "no active subscription or tariff" unless the seller was created with
    `"pin_subscription": true`; the list, count, limits and unpinning answer either way.

What the seller answered (API calls only; seeded history is not listed)
    GET /_sandbox/answers[?seller_id=1][&format=html]   (HTML also when the browser asks for text/html)
        → {"answers": [{"seller_id": 1, "channel": "review", "item_id": "…", "buyer_text": "…", "answer": "…",
            "state": "wbRu", "answer_calls": 1, "history": [{"event": "answer", "text": "…", "state": "…", "at": …}]}],
           "unknown_answers": 0}
        `answer_calls` counts POST /api/v1/feedbacks/answer calls (duplicates included, even refused ones),
        answer/reject PATCHes of a question, messages sent into a chat, PATCH /api/v1/claim calls (claims: also
        `action` and `decisions`, the API decisions WB applied): an exactly-once sender keeps it at 1.
        Reviews and questions also carry `edits` (answer edits WB applied: at most 1, within `edit_window_days`)
        and `edit_calls` (PATCH calls editing the answer, refused ones included); an edit is an "edit" history event.

Moderation of review answers (`moderation_rate` of answers go `reviewRequired`)
    POST /_sandbox/moderation  {"seller_id": 1, "feedback_id": "…", "decision": "wbRu" | "rejected"}
        → {"id": "…", "answer": {"text": "…", "state": "rejected", "editable": true}, …}  (the feedback)

Limits and faults (GET shows all options; PATCH changes any subset, unknown names → 400)
    GET   /_sandbox/config → {"limits": true, "latency_ms": 0.0, "error_rate": 0.0, "storm_requests": 0, …}
    PATCH /_sandbox/config {"limits": false}                      WB's per-seller limits off (benchmarks)
          {"latency_ms": 50}                                      every WB call waits 50 ms
          {"error_rate": 0.2}                                     20 % of WB calls answer 500/502/503 (on writes,
                                                                  half of them after the write was applied)
          {"storm_requests": 5, "storm_retry_after": 0.2}         the next 5 WB calls get 429 (X-Ratelimit-Retry: 0.2)
          {"malformed_rate": 0.1}                                 10 % of listed items come broken
          {"duplicate_rate": 1.0}                                 a page repeats the previous page's last item
          {"moving_dates_rate": 0.3, "moving_dates_max_s": 600}   served createdDate drifts back (index lag)
          {"index_lag_s": 5}                                      injected items show up 5 s late, dated on creation
          {"moderation_rate": 1.0, "moderation_delay_s": null, "reject_rate": 0.0}
    GET /_sandbox/health → {"ok": true, "seed": 1, "sellers": 1}

Scripted per-call faults (outcomes and their meaning: `sandbox.wb.faults`)
    PUT /_sandbox/sellers/1/script  {"send": ["timeout_after", "ok"], "read": ["5xx_before", "429", "ok"]}
        → the seller's next write calls (answers, edits, chat messages) and reads answer in that order, then
          normally; a queue not named is kept. Outcomes: ok, timeout_before, timeout_after, 5xx_before,
          5xx_after, 429, non_json, reset_before, reset_after, slow (`fault_hold_s`, `slow_s` in /config), or
          {"body": {...}}: a 200 with exactly that JSON (hostile pages and event packets).
    GET /_sandbox/sellers/1/script → {"send": 0, "read": 2, "calls": [{"kind", "path", "outcome"}]}  (left, taken)
"""

from __future__ import annotations

import html
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from sandbox.wb.gateway import Gateway
from sandbox.wb.seller import RuleError
from sandbox.wb.store import ALL_SCOPES, Store


def _error(status: int, text: str) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    data = await request.json()
    return data if isinstance(data, dict) else {}


def routes(store: Store, gw: Gateway) -> APIRouter:
    """The control router over `store`."""
    router = APIRouter(prefix="/_sandbox")

    @router.get("/health")
    async def health() -> dict[str, Any]:
        return {"ok": True, "seed": store.seed, "sellers": len(store.sellers)}

    @router.get("/sellers")
    async def sellers() -> list[dict[str, Any]]:
        first_token = {}
        for token, rec in store.tokens.items():
            first_token.setdefault(rec.seller.num, token)
        return [
            {
                "seller_id": s.num,
                "name": s.name,
                "token": first_token.get(s.num),
                "reviews": len(s.reviews),
                "questions": len(s.questions),
                "chats": len(s.chats),
            }
            for s in store.sellers.values()
        ]

    @router.post("/sellers", status_code=201)
    async def create_seller(request: Request) -> dict[str, Any]:
        spec = await _body(request)
        scopes = tuple(spec.get("scopes") or ALL_SCOPES)
        expires_at = time.time() + float(spec["expires_in_s"]) if "expires_in_s" in spec else None
        seller, token = store.create_seller(
            name=spec.get("name"),
            reviews=spec.get("reviews"),
            questions=spec.get("questions"),
            chats=spec.get("chats"),
            claims=spec.get("claims"),
            scopes=scopes,
            expires_at=expires_at,
            pin_subscription=bool(spec.get("pin_subscription")),
        )
        return {
            "seller_id": seller.num,
            "name": seller.name,
            "token": token,
            "scopes": list(scopes),
            "expires_at": int(store.tokens[token].expires_at),
        }

    @router.post("/sellers/{seller_id}/tokens", status_code=201)
    async def issue_token(seller_id: int, request: Request) -> Response:
        spec = await _body(request)
        try:
            seller = store.seller(seller_id)
        except RuleError as exc:
            return _error(exc.status, str(exc))
        expires_at = time.time() + float(spec.get("expires_in_s", 180 * 86400))
        token = store.issue_token(
            seller,
            scopes=tuple(spec.get("scopes") or ALL_SCOPES),
            expires_at=expires_at,
            read_only=bool(spec.get("read_only")),
        )
        if spec.get("kind") == "invalid":
            del store.tokens[token]  # well-formed, but WB never issued it
        return JSONResponse({"token": token, "expires_at": int(expires_at)}, status_code=201)

    async def inject(seller_id: int, request: Request, what: str) -> Response:
        spec = await _body(request)
        try:
            seller = store.seller(seller_id)
            maker = {
                "review": store.inject_review,
                "question": store.inject_question,
                "chat": store.inject_message,
                "claim": store.inject_claim,
                "decide": store.decide_claim,
            }
            return JSONResponse(maker[what](seller, spec), status_code=201)
        except RuleError as exc:
            return _error(exc.status, str(exc))

    @router.post("/sellers/{seller_id}/reviews")
    async def inject_review(seller_id: int, request: Request) -> Response:
        return await inject(seller_id, request, "review")

    @router.post("/sellers/{seller_id}/questions")
    async def inject_question(seller_id: int, request: Request) -> Response:
        return await inject(seller_id, request, "question")

    @router.post("/sellers/{seller_id}/chat-messages")
    async def inject_message(seller_id: int, request: Request) -> Response:
        return await inject(seller_id, request, "chat")

    @router.put("/sellers/{seller_id}/script")
    async def put_script(seller_id: int, request: Request) -> Response:
        try:
            seller = store.seller(seller_id)
            seller.script.load(await _body(request))
        except RuleError as exc:
            return _error(exc.status, str(exc))
        except ValueError as exc:
            return _error(400, str(exc))
        return JSONResponse(seller.script.view())

    @router.get("/sellers/{seller_id}/script")
    async def get_script(seller_id: int) -> Response:
        try:
            return JSONResponse(store.seller(seller_id).script.view())
        except RuleError as exc:
            return _error(exc.status, str(exc))

    @router.post("/sellers/{seller_id}/claims")
    async def inject_claim(seller_id: int, request: Request) -> Response:
        return await inject(seller_id, request, "claim")

    @router.post("/sellers/{seller_id}/claim-decisions")
    async def decide_claim(seller_id: int, request: Request) -> Response:
        return await inject(seller_id, request, "decide")

    @router.get("/answers")
    async def answers(request: Request, seller_id: int | None = None, format: str | None = None) -> Response:
        rows = store.answers(seller_id)
        unknown = sum(s.unknown_answers for s in store.sellers.values())
        wants_html = format == "html" or (format is None and "text/html" in request.headers.get("accept", ""))
        if wants_html:
            return HTMLResponse(_answers_html(rows))
        return JSONResponse({"answers": rows, "unknown_answers": unknown})

    @router.post("/moderation")
    async def moderation(request: Request) -> Response:
        spec = await _body(request)
        try:
            seller = store.seller(int(spec.get("seller_id", 0)))
            item = seller.review_by_id.get(str(spec.get("feedback_id")))
            if item is None:
                raise RuleError("no such feedback", 404)
            seller.decide(item, str(spec.get("decision")))
        except RuleError as exc:
            return _error(exc.status, str(exc))
        return JSONResponse(item.wb(gw.edit_window, store.now()))

    @router.get("/config")
    async def get_config() -> dict[str, Any]:
        return store.config.to_dict()

    @router.patch("/config")
    async def patch_config(request: Request) -> Response:
        try:
            store.config.update(await _body(request))
        except (KeyError, ValueError, TypeError) as exc:
            return _error(400, f"bad option: {exc}")
        return JSONResponse(store.config.to_dict())

    return router


def _answers_html(rows: list[dict[str, Any]]) -> str:
    cells = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(row[k] or ''))}</td>"
            for k in ("seller_id", "channel", "item_id", "buyer_text", "answer", "state", "answer_calls")
        )
        + "</tr>"
        for row in rows
    )
    head = "".join(f"<th>{h}</th>" for h in ("seller", "channel", "item", "buyer", "answer", "state", "calls"))
    return (
        "<!doctype html><meta charset=utf-8><title>WB sandbox — answers</title>"
        "<style>body{font:14px sans-serif}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}</style>"
        f"<h1>Answers given through the API ({len(rows)})</h1><table><tr>{head}</tr>{cells}</table>"
    )
