"""Pydantic models of WB's communications API, following the OpenAPI field names (camelCase aliases).

Parsing is tolerant: unknown fields are ignored and every field WB may omit is optional, because WB adds fields
without notice. Only what the product cannot work without is required (an item's id, a date, a rating).
Timestamps become aware UTC datetimes whatever offset WB sends (a missing offset is read as UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel


def _aware(value: datetime) -> datetime:
    # WB writes reviews with Moscow's offset and chats in UTC: everything becomes UTC here, so stored times compare
    # correctly even where the database keeps them as text (SQLite).
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


WBDateTime = Annotated[datetime, AfterValidator(_aware)]
# Ids are strings in the schema, yet WB's own examples send some as numbers (`clientID: 123456`).
WBId = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v)]


class WBModel(BaseModel):
    """Base: camelCase aliases, snake_case attributes, extra fields ignored, immutable."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True)


class ProductDetails(WBModel):
    """The product an item is about."""

    nm_id: int | None = None
    imt_id: int | None = None
    product_name: str | None = None
    supplier_article: str | None = None
    supplier_name: str | None = None
    brand_name: str | None = None
    size: str | None = None


class FeedbackAnswer(WBModel):
    """The seller's answer to a review; `state` is none / wbRu / reviewRequired / rejected (kept as WB sends it)."""

    text: str = ""
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

    id: WBId
    text: str = ""
    pros: str = ""
    cons: str = ""
    product_valuation: int = Field(ge=1, le=5)
    created_date: WBDateTime
    answer: FeedbackAnswer | None = None
    state: str | None = None
    product_details: ProductDetails = Field(default_factory=ProductDetails)
    photo_links: list[PhotoLink] | None = None
    video: Video | None = None
    was_viewed: bool | None = None
    user_name: str | None = None
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
    parent_feedback_id: str | None = None
    child_feedback_id: str | None = None


class FeedbackPage(WBModel):
    """One page of reviews; `malformed` counts items skipped because they did not parse."""

    items: list[Feedback] = Field(default_factory=list)
    count_unanswered: int | None = None
    count_archive: int | None = None
    malformed: int = 0


class QuestionAnswer(WBModel):
    """The seller's answer to a question."""

    text: str = ""
    editable: bool | None = None
    create_date: WBDateTime | None = None


class Question(WBModel):
    """A buyer's question; `state` is suppliersPortalSynch (new), wbRu (answered) or none (rejected)."""

    id: WBId
    text: str = ""
    created_date: WBDateTime
    state: str | None = None
    answer: QuestionAnswer | None = None
    product_details: ProductDetails = Field(default_factory=ProductDetails)
    was_viewed: bool | None = None
    is_warned: bool | None = None


class QuestionPage(WBModel):
    """One page of questions."""

    items: list[Question] = Field(default_factory=list)
    count_unanswered: int | None = None
    count_archive: int | None = None
    malformed: int = 0


class NewItems(WBModel):
    """The cheap "anything unseen?" probe."""

    has_new_feedbacks: bool = False
    has_new_questions: bool = False


class GoodCard(WBModel):
    """The order a chat is about."""

    date: str | None = None
    need_refund: bool | None = None
    nm_id: int | None = Field(default=None, alias="nmID")
    price: int | None = None
    price_currency: str | None = None
    rid: str | None = None
    size: str | None = None
    status_id: int | None = Field(default=None, alias="statusID")


class ChatLastMessage(WBModel):
    """The latest message of a chat in the chat list."""

    text: str = ""
    add_timestamp: int | None = None


class Chat(WBModel):
    """A buyer chat; `reply_sign` is needed to send into it."""

    chat_id: WBId = Field(alias="chatID")
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

    text: str = ""
    attachments: Attachments | None = None


class ChatEvent(WBModel):
    """One event of the chat feed; `sender` is client / seller / wb. Deduplicate by `event_id`."""

    chat_id: WBId = Field(alias="chatID")
    event_id: WBId = Field(alias="eventID")
    event_type: str | None = None
    is_new_chat: bool | None = None
    message: EventMessage | None = None
    refund: dict[str, Any] | None = None
    source: str | None = None
    add_timestamp: int
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

    next: int | None = None
    newest_event_time: str | None = None
    oldest_event_time: str | None = None
    total_events: int = 0
    events: list[ChatEvent] = Field(default_factory=list)
    malformed: int = 0


class SentMessage(WBModel):
    """WB's receipt for a sent chat message; `add_time` is Unix milliseconds."""

    add_time: int | None = None
    chat_id: str | None = Field(default=None, alias="chatID")
