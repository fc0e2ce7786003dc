"""One sandbox seller: catalogue, reviews, questions, chats, the chat event feed, and WB's rules for answering."""

from __future__ import annotations

import bisect
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sandbox.wb.claims import Claim
from sandbox.wb.config import SandboxConfig
from sandbox.wb.faults import Script
from sandbox.wb.records import Answer, ChatFileRec, ChatRec, Product, QuestionRec, Review


class RuleError(Exception):
    """WB refuses the operation; the message is WB's errorText."""

    def __init__(self, text: str, status: int = 400) -> None:
        super().__init__(text)
        self.status = status


class Seller:
    """A seller account and everything WB keeps for it."""

    def __init__(self, num: int, name: str, config: SandboxConfig, rng: random.Random) -> None:
        self.num = num
        self.name = name
        self.config = config
        self.rng = rng
        self.products: list[Product] = []
        self.reviews: list[Review] = []  # sorted by creation, oldest first
        self.review_by_id: dict[str, Review] = {}
        self.questions: list[QuestionRec] = []
        self.question_by_id: dict[str, QuestionRec] = {}
        self.chats: dict[str, ChatRec] = {}
        self.chat_by_sign: dict[str, ChatRec] = {}
        self.events: list[dict[str, Any]] = []  # the chat feed, by addTimestamp
        self._event_ts: set[int] = set()
        self.claims: list[Claim] = []  # buyer return applications (returns API)
        self.claim_by_id: dict[str, Claim] = {}
        self.unknown_answers = 0  # answers to ids WB does not know (WB accepts them silently)
        # Pinned feedback (sandbox.wb.pins_api): pinning needs a Jam subscription or a tariff option.
        self.pin_subscription = False
        self.pins: list[dict[str, Any]] = []
        self.files: dict[str, ChatFileRec] = {}  # chat attachments by downloadID (GET /api/v1/seller/download)
        self.script = Script()  # scripted per-call faults (sandbox.wb.faults)
        # Refusals on demand (control API): bucket → 402 (the service's WB balance is empty) or 403 (wrong category).
        self.refusals: dict[str, int] = {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # A state saved before claims existed (sandbox.persist) loads with no claims, and before pins without them.
        state.setdefault("pin_subscription", False)
        state.setdefault("pins", [])
        state.setdefault("files", {})
        state.setdefault("refusals", {})
        self.__dict__.update(state)
        self.__dict__.setdefault("claims", [])
        self.__dict__.setdefault("claim_by_id", {})

    @property
    def edit_window(self) -> timedelta:
        return timedelta(days=self.config.edit_window_days)

    # --- building ---------------------------------------------------------------------------------------------

    def add_review(self, item: Review) -> None:
        """Insert keeping creation order."""
        bisect.insort(self.reviews, item, key=lambda r: r.created)
        self.review_by_id[item.id] = item

    def add_question(self, item: QuestionRec) -> None:
        """Insert keeping creation order."""
        bisect.insort(self.questions, item, key=lambda q: q.created)
        self.question_by_id[item.id] = item

    def add_claim(self, claim: Claim) -> None:
        """Register a return application."""
        self.claims.append(claim)
        self.claim_by_id[claim.id] = claim

    def add_chat(self, room: ChatRec) -> None:
        """Register a chat."""
        self.chats[room.chat_id] = room
        self.chat_by_sign[room.reply_sign] = room

    def add_event(
        self,
        room: ChatRec,
        text: str,
        *,
        sender: str,
        at: datetime | None = None,
        new_chat: bool = False,
        source: str | None = None,
        files: list[ChatFileRec] | None = None,
    ) -> dict[str, Any]:
        """Append a message event to the feed; timestamps are unique per seller so `next` never splits a tie."""
        ts = int((at or datetime.now(UTC)).timestamp() * 1000)
        if at is None and self.events:
            ts = max(ts, self.events[-1]["addTimestamp"] + 1)  # live events always come after everything seen
        while ts in self._event_ts:
            ts += 1
        self._event_ts.add(ts)
        event: dict[str, Any] = {
            "chatID": room.chat_id,
            "eventID": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            "eventType": "message",
            "isNewChat": new_chat,
            "message": {"text": text},
            "source": source or ("rusite" if sender == "client" else "seller-portal"),
            "addTimestamp": ts,
            "addTime": datetime.fromtimestamp(ts / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sender": sender,
        }
        if new_chat:
            event["replySign"] = room.reply_sign
            event["message"]["attachments"] = {"goodCard": room.good_card()}
        if files:
            at = datetime.fromtimestamp(ts / 1000, UTC)
            event["message"].setdefault("attachments", {})["files"] = [f.wb(at) for f in files]
            self.files.update((f.download_id, f) for f in files)
        if sender == "client":
            event["clientName"] = room.client_name  # no buyer id since 2026
        bisect.insort(self.events, event, key=lambda e: e["addTimestamp"])
        if ts >= room.last_ts:
            room.last_text, room.last_ts = text, ts
        return event

    # --- moderation -------------------------------------------------------------------------------------------

    def _moderate(self, item: Review, answer: Answer) -> None:
        roll = random.Random(f"{item.id}:{item.posts}:{answer.edits}")
        if roll.random() < self.config.moderation_rate:
            answer.state = "reviewRequired"
            delay = self.config.moderation_delay_s
            answer.moderation_due = None if delay is None else time.time() + delay
            answer.moderation_outcome = "rejected" if roll.random() < self.config.reject_rate else "wbRu"
        else:
            answer.state = "wbRu"

    def settle(self, item: Review, now: float) -> None:
        """Resolve a pending moderation whose time has come."""
        answer = item.answer
        if (
            answer
            and answer.state == "reviewRequired"
            and answer.moderation_due is not None
            and answer.moderation_due <= now
        ):
            self.decide(item, answer.moderation_outcome)

    def decide(self, item: Review, decision: str) -> None:
        """Force the moderation outcome (`wbRu` or `rejected`) of a review's answer."""
        if item.answer is None:
            raise RuleError("Ответа на отзыв нет", 404)
        if decision not in ("wbRu", "rejected", "reviewRequired"):
            raise RuleError(f"unknown decision {decision!r}")
        item.answer.state, item.answer.moderation_due = decision, None
        item.history.append({"event": "moderation", "state": decision, "at": time.time()})
        item.touch()

    # --- seller actions ---------------------------------------------------------------------------------------

    def answer_review(self, feedback_id: str, text: str, *, edit: bool) -> None:
        """POST (edit=False) or PATCH (edit=True) /api/v1/feedbacks/answer."""
        if not 2 <= len(text) <= 5000:
            raise RuleError("Текст ответа должен содержать от 2 до 5000 символов")
        item = self.review_by_id.get(feedback_id)
        if item is None:
            self.unknown_answers += 1  # WB: "no validation by feedback ID"
            return
        item.posts += 0 if edit else 1
        item.edit_calls += 1 if edit else 0
        now = datetime.now(UTC)
        if edit:
            if item.answer is None:
                raise RuleError("Ответа на отзыв нет")
            if item.answer.edits or now - item.answer.created >= self.edit_window:
                raise RuleError("Ответ можно отредактировать только один раз в течение 60 дней")
            item.answer.text, item.answer.edits = text, item.answer.edits + 1
        else:
            if item.answered:
                raise RuleError("Ответ на этот отзыв уже дан")
            item.answer = Answer(text, "none", now)
        self._moderate(item, item.answer)
        item.was_viewed = True
        item.history.append(
            {"event": "edit" if edit else "answer", "text": text, "state": item.answer.state, "at": time.time()}
        )
        item.touch()

    def patch_question(self, body: dict[str, Any]) -> None:
        """PATCH /api/v1/questions: mark viewed, answer/edit (`state: wbRu`) or reject (`state: none`)."""
        item = self.question_by_id.get(str(body.get("id", "")))
        if item is None:
            raise RuleError("Не найден вопрос", 404)
        if "wasViewed" in body and "answer" not in body:
            item.was_viewed = bool(body["wasViewed"])
            item.touch()
            return
        answer, state = body.get("answer"), body.get("state")
        text = answer.get("text") if isinstance(answer, dict) else None
        if not isinstance(text, str) or state not in ("wbRu", "none"):
            raise RuleError("Некорректный запрос")
        if not 2 <= len(text) <= 5000:
            raise RuleError("Текст ответа должен содержать от 2 до 5000 символов")
        now = datetime.now(UTC)
        item.posts += 1
        edit = item.answer is not None
        if item.answer is not None:
            item.edit_calls += 1
            if item.answer.edits or now - item.answer.created >= self.edit_window:
                # The contract's 422 "Не удалось отредактировать вопрос" (ResponsePatchQuestion), with WB's reason.
                raise RuleError("Ответ можно отредактировать только один раз в течение 60 дней", 422)
            item.answer.text, item.answer.edits = text, item.answer.edits + 1
        else:
            item.answer = Answer(text, state, now)
        item.state, item.was_viewed = state, True
        event = "edit" if edit else "reject" if state == "none" else "answer"
        item.history.append({"event": event, "text": text, "at": time.time()})
        item.touch()

    def send_message(
        self, reply_sign: str, text: str, files: list[ChatFileRec] | None = None
    ) -> tuple[dict[str, Any], ChatRec]:
        """POST /api/v1/seller/message: the message (and its files) becomes a `sender: seller` event; the chat's
        current sign comes back with it."""
        room = self.chat_by_sign.get(reply_sign)
        if room is None:
            raise RuleError("Invalid signature")
        event = self.add_event(room, text, sender="seller", source="seller-public-api", files=files)
        room.sent.append(
            {
                "text": text,
                "eventID": event["eventID"],
                "addTimestamp": event["addTimestamp"],
                "files": [f.name for f in files or ()],
            }
        )
        return event, room

    def rotate_sign(self, chat_id: str, *, refuse_all: bool = False) -> str:
        """WB changes a chat's replySign: the old one is refused from now on (the chat list shows the new one).
        `refuse_all`: WB refuses every sign of the chat, the listed one too (a second refusal after a refresh)."""
        room = self.chats.get(chat_id)
        if room is None:
            raise RuleError(f"no chat {chat_id}", 404)
        self.chat_by_sign.pop(room.reply_sign, None)
        seller_part = room.reply_sign.split(":")[-2]
        room.reply_sign = f"{room.chat_id}:{seller_part}:{self.rng.getrandbits(256):064x}"
        if not refuse_all:
            self.chat_by_sign[room.reply_sign] = room
        return room.reply_sign
