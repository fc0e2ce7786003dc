"""Pydantic models of WB's communications API, following the OpenAPI field names (camelCase aliases).

Parsing is tolerant: unknown fields are ignored and every field WB may omit is optional, because WB adds fields
without notice. Only what the product cannot work without is required (an item's id, a date, a rating).
Timestamps become aware UTC datetimes whatever offset WB sends (a missing offset is read as UTC).

THE INGEST RULE (items): every item and chat event is validated on its own, and what passes fits our columns —
an invalid one is skipped, counted and logged by id by the client (`WBTransport._items`), never failing its page,
packet or cursor. Text WB sends as `null` is an empty string; ids longer than their column, dates outside
1990–2200 and ratings outside 1–5 reject the item; an over-long or out-of-range optional reference (parent review
id, nmID) is dropped; long free text is cut where it is stored (sync/ingest.py, sync/engine/chats.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
MAX_TIMESTAMP_MS = int(LATEST.timestamp() * 1000)
INT64 = 2**63 - 1
# Our columns: interaction.external_id / parent_external_id 64, chat_message.event_id 100.
ITEM_ID_MAX = 64
EVENT_ID_MAX = 100


def _aware(value: datetime) -> datetime:
    # WB writes reviews with Moscow's offset and chats in UTC: everything becomes UTC here, so stored times compare
    # correctly even where the database keeps them as text (SQLite).
    try:
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:  # year 1 with a positive offset
        raise ValueError("date out of range") from None
    if not EARLIEST <= value < LATEST:
        raise ValueError("date out of range")
    return value


def _id(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _text(value: Any) -> Any:
    return "" if value is None else value


def _optional_ref(value: Any) -> str | None:
    value = _id(value)
    return value if isinstance(value, str) and 0 < len(value) <= ITEM_ID_MAX else None


def _optional_int64(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if -INT64 <= number <= INT64 else None


def _event_cursor(value: Any) -> int | None:
    number = _optional_int64(value)
    return number if number is not None and 0 < number < MAX_TIMESTAMP_MS else None


WBDateTime = Annotated[datetime, AfterValidator(_aware)]
# The envelope of a packet never fails it: a cursor WB cannot mean is None (the sync then moves by the events).
EventCursor = Annotated[int | None, BeforeValidator(_event_cursor)]
LenientStr = Annotated[str | None, BeforeValidator(lambda v: v if v is None or isinstance(v, str) else str(v))]
# Ids are strings in the schema, yet WB's own examples send some as numbers (`clientID: 123456`).
WBId = Annotated[str, BeforeValidator(_id)]
# An item's own id: it keys our rows, so one that does not fit the column rejects the item (cutting would merge two).
# No control characters and no U+FFFD (what the transport puts for NUL and lone surrogates) in an id.
ID_PATTERN = r"^[^\x00-\x1f\x7f\x{FFFD}]+$"
ItemId = Annotated[str, BeforeValidator(_id), Field(min_length=1, max_length=ITEM_ID_MAX, pattern=ID_PATTERN)]
EventId = Annotated[str, BeforeValidator(_id), Field(min_length=1, max_length=EVENT_ID_MAX, pattern=ID_PATTERN)]
# Free text WB sends as null is empty.
WBText = Annotated[str, BeforeValidator(_text)]
# References we can live without: dropped when they cannot be stored.
OptionalRef = Annotated[str | None, BeforeValidator(_optional_ref)]
OptionalInt64 = Annotated[int | None, BeforeValidator(_optional_int64)]


class WBModel(BaseModel):
    """Base: camelCase aliases, snake_case attributes, extra fields ignored, immutable."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True)


class ProductDetails(WBModel):
    """The product an item is about."""

    nm_id: OptionalInt64 = None
    imt_id: OptionalInt64 = None
    product_name: str | None = None
    supplier_article: str | None = None
    supplier_name: str | None = None
    brand_name: str | None = None
    size: str | None = None


class FeedbackAnswer(WBModel):
    """The seller's answer to a review; `state` is none / wbRu / reviewRequired / rejected (kept as WB sends it)."""

    text: WBText = ""
    state: str | None = None
    editable: bool | None = None


class PhotoLink(WBModel):
    """A buyer's photo."""

    full_size: str | None = None
    mini_size: str | None = None


class Video(WBModel):
    """A buyer's video (WB documents `duration_sec` but sends `durationSec`)."""

    preview_image: str | None = None
    link: str | None = None
    duration_sec: int | None = Field(default=None, validation_alias=AliasChoices("durationSec", "duration_sec"))


class Feedback(WBModel):
    """A product review."""

    id: ItemId
    text: WBText = ""
    pros: WBText = ""
    cons: WBText = ""
    product_valuation: int = Field(ge=1, le=5)
    created_date: WBDateTime
    answer: FeedbackAnswer | None = None
    state: str | None = None
    product_details: ProductDetails = Field(default_factory=ProductDetails)
    photo_links: list[PhotoLink] | None = None
    video: Video | None = None
    was_viewed: bool | None = None
    user_name: str | None = None
    # buyout / rejected / returned / notSpecified (WB adds values without notice: kept as sent, read by the card).
    order_status: LenientStr = None
    matching_size: str | None = None
    is_able_supplier_feedback_valuation: bool | None = None
    supplier_feedback_valuation: int | None = None
    is_able_supplier_product_valuation: bool | None = None
    supplier_product_valuation: int | None = None
    is_able_return_product_orders: bool | None = None
    return_product_orders_date: str | None = None
    bables: list[str] | None = None
    last_order_shk_id: int | None = None
    last_order_created_at: str | None = None
    color: str | None = None
    subject_id: int | None = None
    subject_name: str | None = None
    parent_feedback_id: OptionalRef = None
    child_feedback_id: OptionalRef = None


class FeedbackPage(WBModel):
    """One page of reviews; `malformed` counts items skipped because they did not parse."""

    items: list[Feedback] = Field(default_factory=list)
    count_unanswered: OptionalInt64 = None
    count_archive: OptionalInt64 = None
    malformed: int = 0


class QuestionAnswer(WBModel):
    """The seller's answer to a question."""

    text: WBText = ""
    editable: bool | None = None
    create_date: WBDateTime | None = None


class Question(WBModel):
    """A buyer's question; `state` is suppliersPortalSynch (new), wbRu (answered) or none (rejected)."""

    id: ItemId
    text: WBText = ""
    created_date: WBDateTime
    state: str | None = None
    answer: QuestionAnswer | None = None
    product_details: ProductDetails = Field(default_factory=ProductDetails)
    was_viewed: bool | None = None
    is_warned: bool | None = None


class QuestionPage(WBModel):
    """One page of questions."""

    items: list[Question] = Field(default_factory=list)
    count_unanswered: OptionalInt64 = None
    count_archive: OptionalInt64 = None
    malformed: int = 0


class NewItems(WBModel):
    """The cheap "anything unseen?" probe."""

    has_new_feedbacks: bool = False
    has_new_questions: bool = False


class GoodCard(WBModel):
    """The order a chat is about."""

    date: str | None = None
    need_refund: bool | None = None
    nm_id: OptionalInt64 = Field(default=None, alias="nmID")
    price: int | None = None
    price_currency: str | None = None
    rid: str | None = None
    size: str | None = None
    status_id: int | None = Field(default=None, alias="statusID")


class ChatLastMessage(WBModel):
    """The latest message of a chat in the chat list."""

    text: WBText = ""
    add_timestamp: int | None = None


class Chat(WBModel):
    """A buyer chat; `reply_sign` is needed to send into it."""

    chat_id: ItemId = Field(alias="chatID")
    reply_sign: str | None = None
    client_id: WBId | None = Field(default=None, alias="clientID")
    client_name: str | None = None
    good_card: GoodCard | None = None
    last_message: ChatLastMessage | None = None


class ChatFile(WBModel):
    """A file attached to a chat message."""

    content_type: str | None = None
    date: str | None = None
    download_id: str | None = Field(default=None, alias="downloadID")
    name: str | None = None
    url: str | None = None
    size: int | None = None


class ChatImage(WBModel):
    """An image attached to a chat message."""

    date: str | None = None
    download_id: str | None = Field(default=None, alias="downloadID")
    url: str | None = None


class Attachments(WBModel):
    """Attachments of a chat message."""

    good_card: GoodCard | None = None
    files: list[ChatFile] | None = None
    images: list[ChatImage] | None = None


class EventMessage(WBModel):
    """The message carried by a chat event."""

    text: WBText = ""
    attachments: Attachments | None = None


class ChatEvent(WBModel):
    """One event of the chat feed; `sender` is client / seller / wb. Deduplicate by `event_id`."""

    chat_id: ItemId = Field(alias="chatID")
    event_id: EventId = Field(alias="eventID")
    event_type: str | None = None
    is_new_chat: bool | None = None
    message: EventMessage | None = None
    refund: dict[str, Any] | None = None
    source: str | None = None
    add_timestamp: int = Field(ge=0, lt=MAX_TIMESTAMP_MS)
    add_time: str | None = None
    reply_sign: str | None = None
    sender: str | None = None
    client_id: WBId | None = Field(default=None, alias="clientID")
    client_name: str | None = None

    @property
    def created_at(self) -> datetime:
        """`add_timestamp` (Unix milliseconds) as an aware datetime."""
        return datetime.fromtimestamp(self.add_timestamp / 1000, tz=UTC)


class EventsPage(WBModel):
    """One packet of the chat event feed; poll again with `next` until `total_events` is 0."""

    next: EventCursor = None
    newest_event_time: LenientStr = None
    oldest_event_time: LenientStr = None
    total_events: Annotated[int, BeforeValidator(lambda v: _optional_int64(v) or 0)] = 0
    events: list[ChatEvent] = Field(default_factory=list)
    malformed: int = 0


class SentMessage(WBModel):
    """WB's receipt for a sent chat message; `add_time` is Unix milliseconds."""

    add_time: int | None = None
    chat_id: str | None = Field(default=None, alias="chatID")


class FileDownload(WBModel):
    """A chat file asked of WB: `ready` with its bytes, `moderating` (202: ask again after `retry_s`), `refused`
    (451: it failed WB's moderation, for good) or `too_large` (over the caller's cap: not read further)."""

    state: str
    content: bytes = b""
    content_type: str | None = None
    retry_s: int | None = None
