"""The sandbox's in-memory records and their WB JSON shapes (cached until the record changes)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

MSK = timezone(timedelta(hours=3))


def iso(dt: datetime) -> str:
    """RFC 3339 the way WB writes review dates (Moscow offset)."""
    return dt.astimezone(MSK).isoformat(timespec="seconds")


def iso_z(dt: datetime) -> str:
    """RFC 3339 in UTC with a Z (question and chat dates)."""
    return dt.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(slots=True)
class Product:
    """A product card of the seller's catalogue."""

    nm_id: int
    imt_id: int
    name: str
    article: str
    brand: str
    supplier: str
    subject_id: int
    subject_name: str
    sizes: tuple[str, ...]
    color: str
    aspects: tuple[str, ...]

    def details(self, size: str | None = None) -> dict[str, Any]:
        """`productDetails` as WB sends it."""
        data: dict[str, Any] = {
            "imtId": self.imt_id,
            "nmId": self.nm_id,
            "productName": self.name,
            "supplierArticle": self.article,
            "supplierName": self.supplier,
            "brandName": self.brand,
        }
        if size is not None:
            data["size"] = size
        return data


@dataclass(slots=True)
class Answer:
    """A seller's answer as the sandbox keeps it (with its moderation plan)."""

    text: str
    state: str
    created: datetime
    edits: int = 0
    moderation_due: float | None = None  # Unix s when a pending moderation resolves by itself
    moderation_outcome: str = "wbRu"


class _Served:
    """Caching of an item's WB JSON: built once per change, pages are served by joining the encoded bytes."""

    __slots__ = ()
    cached: dict[str, Any] | None
    encoded: bytes | None

    def wb(self, edit_window: timedelta, now: datetime) -> dict[str, Any]:
        raise NotImplementedError

    def touch(self) -> None:
        """Forget the cached JSON after a change."""
        self.cached = self.encoded = None

    def wb_bytes(self, edit_window: timedelta, now: datetime) -> bytes:
        """`wb()` encoded once (pages are served by joining these)."""
        if self.encoded is None:
            self.encoded = json.dumps(self.wb(edit_window, now), ensure_ascii=False, separators=(",", ":")).encode()
        return self.encoded


@dataclass(slots=True)
class Review(_Served):
    """A feedback."""

    id: str
    product: Product
    stars: int
    text: str
    pros: str
    cons: str
    created: datetime
    user_name: str
    size: str
    photos: int = 0
    video: bool = False
    bables: tuple[str, ...] = ()
    order_status: str = "buyout"
    parent_id: str | None = None
    child_id: str | None = None
    was_viewed: bool = False
    archived: bool = False
    visible_at: float = 0.0
    answer: Answer | None = None
    posts: int = 0  # answer calls received from API clients (duplicates show here)
    edit_calls: int = 0  # PATCH calls editing the answer (refused ones included)
    history: list[dict[str, Any]] = field(default_factory=list)
    cached: dict[str, Any] | None = None
    encoded: bytes | None = None

    @property
    def answered(self) -> bool:
        """Answered in WB's list sense: an answer that moderation did not reject."""
        return self.answer is not None and self.answer.state != "rejected"

    def wb(self, edit_window: timedelta, now: datetime) -> dict[str, Any]:
        """The feedback JSON as WB serves it."""
        if self.cached is not None:
            return self.cached
        answer = None
        if self.answer is not None:
            editable = self.answer.edits == 0 and now - self.answer.created < edit_window
            answer = {"text": self.answer.text, "state": self.answer.state, "editable": editable}
        photo_base = f"https://feedback04.wbbasket.ru/vol{self.product.nm_id % 2000}/part{self.product.imt_id % 200000}"
        self.cached = {
            "id": self.id,
            "text": self.text,
            "pros": self.pros,
            "cons": self.cons,
            "productValuation": self.stars,
            "createdDate": iso(self.created),
            "answer": answer,
            "state": "wbRu" if self.answered else "none",
            "productDetails": self.product.details(self.size),
            "video": None
            if not self.video
            else {
                "previewImage": f"https://videofeedback01.wbbasket.ru/{self.id}/preview.webp",
                "link": f"https://videofeedback01.wbbasket.ru/{self.id}/index.m3u8",
                "durationSec": 12,
            },
            "wasViewed": self.was_viewed,
            "photoLinks": [
                {
                    "fullSize": f"{photo_base}/{self.id}/photos/{i}/fs.jpg",
                    "miniSize": f"{photo_base}/{self.id}/photos/{i}/ms.jpg",
                }
                for i in range(self.photos)
            ]
            or None,
            "userName": self.user_name,
            "orderStatus": self.order_status,
            "matchingSize": "ok" if self.size not in ("0", "") else "",
            "isAbleSupplierFeedbackValuation": not self.answered,
            "supplierFeedbackValuation": 0,
            "isAbleSupplierProductValuation": self.stars <= 3,
            "supplierProductValuation": 0,
            "isAbleReturnProductOrders": self.stars <= 2,
            "returnProductOrdersDate": "",
            "bables": list(self.bables) or None,
            "lastOrderShkId": 10_000_000 + int(self.product.nm_id % 9_000_000),
            "lastOrderCreatedAt": iso(self.created - timedelta(days=5)),
            "color": self.product.color,
            "subjectId": self.product.subject_id,
            "subjectName": self.product.subject_name,
            "parentFeedbackId": self.parent_id,
            "childFeedbackId": self.child_id,
        }
        return self.cached


@dataclass(slots=True)
class QuestionRec(_Served):
    """A buyer question."""

    id: str
    product: Product
    text: str
    created: datetime
    state: str = "suppliersPortalSynch"
    was_viewed: bool = False
    is_warned: bool = False
    visible_at: float = 0.0
    answer: Answer | None = None
    posts: int = 0
    edit_calls: int = 0  # PATCH calls that edit the answer (refused ones included)
    history: list[dict[str, Any]] = field(default_factory=list)
    cached: dict[str, Any] | None = None
    encoded: bytes | None = None

    @property
    def answered(self) -> bool:
        """Processed: answered or rejected by the seller."""
        return self.state != "suppliersPortalSynch"

    def wb(self, edit_window: timedelta, now: datetime) -> dict[str, Any]:
        """The question JSON as WB serves it in lists (`answer: null` until answered)."""
        if self.cached is not None:
            return self.cached
        answer = None
        if self.answer is not None:
            answer = {
                "text": self.answer.text,
                "editable": self.answer.edits == 0 and now - self.answer.created < edit_window,
                "createDate": iso_z(self.answer.created),
            }
        self.cached = {
            "id": self.id,
            "text": self.text,
            "createdDate": iso_z(self.created),
            "state": self.state,
            "answer": answer,
            "productDetails": self.product.details(),
            "wasViewed": self.was_viewed,
            "isWarned": self.is_warned,
        }
        return self.cached


@dataclass(slots=True)
class ChatFileRec:
    """A file a buyer attached in a chat: WB moderates it before the seller may download it."""

    download_id: str
    name: str
    content_type: str
    content: bytes
    ready_at: float = 0.0  # time.time() when moderation ends
    refused: bool = False  # failed moderation: 451 for good
    size: int | None = None  # served as this many zero bytes with the length declared (a big file)
    endless: bool = False  # served as a body without length and without end (a hostile answer)

    def wb(self, at: datetime) -> dict[str, Any]:
        """The file as a chat event lists it (`message.attachments.files[]`)."""
        return {
            "contentType": self.content_type,
            "date": iso_z(at),
            "downloadID": self.download_id,
            "name": self.name,
            "url": f"https://buyer-chat-api.wildberries.ru/api/v1/seller/download/{self.download_id}",
            "size": self.size if self.size is not None else len(self.content),
        }


@dataclass(slots=True)
class ChatRec:
    """A buyer chat; its events live in the seller's feed."""

    chat_id: str
    reply_sign: str
    client_id: str
    client_name: str
    product: Product
    order_date: datetime
    price: int
    rid: str
    size: str
    last_text: str = ""
    last_ts: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)  # messages received from API clients

    def good_card(self) -> dict[str, Any]:
        """`goodCard` as WB sends it."""
        return {
            "date": iso_z(self.order_date),
            "needRefund": False,
            "nmID": self.product.nm_id,
            "price": self.price,
            "priceCurrency": "RUB",
            "rid": self.rid,
            "size": self.size,
            "statusID": 11,
        }

    def wb(self) -> dict[str, Any]:
        """The chat list entry as WB serves it."""
        return {
            "chatID": self.chat_id,
            "replySign": self.reply_sign,
            "clientID": self.client_id,
            "clientName": self.client_name,
            "goodCard": self.good_card(),
            "lastMessage": {"text": self.last_text, "addTimestamp": self.last_ts},
        }
