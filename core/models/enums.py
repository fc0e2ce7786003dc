"""Enumerations of the domain, stored as their string values."""

from enum import StrEnum


class Channel(StrEnum):
    REVIEW = "review"
    QUESTION = "question"
    CHAT = "chat"
    # A buyer's return application (WB "claim"): decided with one of WB's actions, never answered with text.
    RETURN = "return"


class InteractionStatus(StrEnum):
    NEW = "new"
    NEEDS_RESPONSE = "needs_response"
    DRAFTED = "drafted"
    ANSWERED = "answered"
    SKIPPED = "skipped"
    CLOSED = "closed"


class AnswerState(StrEnum):
    """The answer's state as WB reports it, normalised; the raw WB value is kept beside it."""

    NONE = "none"
    PUBLISHED = "published"
    MODERATION = "moderation"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


class WbSyncState(StrEnum):
    """Whether our sent reply is visible in WB yet."""

    NONE = "none"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    EXPIRED = "expired"


class InteractionSource(StrEnum):
    WB_API = "wb_api"
    FALLBACK = "fallback"


class Priority(StrEnum):
    """Ordering key: the inbox sorts by `priority_rank` (urgent first)."""

    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


PRIORITY_RANK: dict[Priority, int] = {
    Priority.URGENT: 0,
    Priority.HIGH: 1,
    Priority.NORMAL: 2,
    Priority.LOW: 3,
}


class DraftOrigin(StrEnum):
    TEMPLATE = "template"
    LLM = "llm"
    FALLBACK = "fallback"
    SELLER = "seller"


class ReplyStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    # The POST may have reached WB and nothing proved it did or did not: WB is read back (with backoff) before
    # anything else happens to this reply (sync/outbox.py).
    UNKNOWN = "unknown"


class ReplyVia(StrEnum):
    TELEGRAM = "telegram"
    WEB = "web"
    AUTO = "auto"


class ReplyQuality(StrEnum):
    """How the sent text relates to the draft: the reply-quality analytics count these."""

    AS_IS = "as_is"
    EDITED = "edited"
    MANUAL = "manual"
    AUTO = "auto"


class LinkKind(StrEnum):
    DETERMINISTIC = "deterministic"
    PROBABILISTIC = "probabilistic"


class MemberRole(StrEnum):
    OWNER = "owner"
    OPERATOR = "operator"


class SummaryEvery(StrEnum):
    """How often a member gets the /digest summary pushed (core.summary_push)."""

    OFF = "off"
    DAILY = "daily"
    WEEKLY = "weekly"


class SellerStatus(StrEnum):
    ONBOARDING = "onboarding"
    ACTIVE = "active"
    PAUSED = "paused"
    TOKEN_INVALID = "token_invalid"


class SyncRunStatus(StrEnum):
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"


class AlertSeverity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class AdminRole(StrEnum):
    ADMIN = "admin"
    VIEWER = "viewer"


class AdminTokenPurpose(StrEnum):
    """What a one-time admin link does: an invite sets the first password, a reset a new one."""

    INVITE = "invite"
    RESET = "reset"


class ChatDirection(StrEnum):
    IN = "in"
    OUT = "out"
    # WB's own messages (any sender other than the buyer or the seller): they neither answer nor close a chat.
    SYSTEM = "sys"


class FileState(StrEnum):
    """A buyer's chat file as WB lets us have it: not asked yet, under moderation (202), ready, or refused (451)."""

    NEW = "new"
    MODERATING = "moderating"
    READY = "ready"
    REFUSED = "refused"


class DeliveryState(StrEnum):
    """A Telegram card's delivery: claimed before the send so a redelivery never sends it twice."""

    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    # Quiet hours: held back instead of sent, then listed in one digest message (core.quiet).
    HELD = "held"
    DIGESTED = "digested"
