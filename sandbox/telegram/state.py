"""In-memory state of the Telegram sandbox: users, bots, chats, messages, update queues with long-poll wake-ups."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

# Updates Telegram sends when allowed_updates is empty (chat_member and reactions must be asked for).
DEFAULT_UPDATE_KINDS = frozenset(
    {"message", "edited_message", "channel_post", "edited_channel_post", "callback_query", "my_chat_member"}
)


@dataclass
class User:
    """A Telegram account (a person, or the bot itself)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        """The Bot API `User` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    """A private chat (id = the user's id), a group, a supergroup or a channel."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    user: User | None = None

    def to_api(self) -> dict[str, Any]:
        """The Bot API `Chat` object."""
        if self.user is not None:
            return {
                "type": "private",
                **{k: v for k, v in self.user.to_api().items() if k not in ("is_bot", "language_code")},
            }
        data: dict[str, Any] = {"id": self.id, "type": self.type, "title": self.title}
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class Revision:
    """One earlier version of an edited message."""

    text: str | None
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    date: int


@dataclass
class Message:
    """A message as stored: the current content plus its edit history."""

    message_id: int
    chat: Chat
    sender: User
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    document: dict[str, Any] | None = None
    # A photo message: Telegram's PhotoSize list (one size here); `media_group_id` when it came in an album.
    photo: list[dict[str, Any]] | None = None
    media_group_id: str | None = None
    reply_to: Message | None = None
    edit_date: int | None = None
    history: list[Revision] = field(default_factory=list)
    deleted: bool = False

    def to_api(self, *, with_reply: bool = True) -> dict[str, Any]:
        """The Bot API `Message` object."""
        data: dict[str, Any] = {"message_id": self.message_id, "date": self.date, "chat": self.chat.to_api()}
        if self.chat.type == "channel":
            data["sender_chat"] = self.chat.to_api()
        else:
            data["from"] = self.sender.to_api()
        media = self.document or self.photo
        text_key, entities_key = ("caption", "caption_entities") if media else ("text", "entities")
        if self.document:
            data["document"] = {k: v for k, v in self.document.items() if k != "content"}
        if self.photo:
            data["photo"] = [{k: v for k, v in size.items() if k not in ("content", "url")} for size in self.photo]
        if self.media_group_id:
            data["media_group_id"] = self.media_group_id
        if self.text is not None:
            data[text_key] = self.text
        if self.entities:
            data[entities_key] = self.entities
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup
        if self.edit_date:
            data["edit_date"] = self.edit_date
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        return data


@dataclass
class CallbackRecord:
    """A button press and the bot's answer to it."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None


@dataclass
class Webhook:
    """A webhook registration (setWebhook) and its delivery record."""

    url: str
    secret_token: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


class BotState:
    """Everything one bot sees: its chats and messages, its pending updates, its webhook and commands."""

    def __init__(self, user: User, token: str) -> None:
        self.user = user
        self.token = token
        self.chats: dict[int, Chat] = {}
        self.messages: dict[int, dict[int, Message]] = {}
        self.blocked: set[int] = set()
        self.updates: deque[dict[str, Any]] = deque()
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATE_KINDS
        self.webhook: Webhook | None = None
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        self.sent_per_chat: Counter[int] = Counter()
        self.too_many_requests = 0
        self.poll_generation = 0
        self._update_ids = itertools.count(100_000_001)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._wake = asyncio.Event()

    def __getstate__(self) -> dict[str, Any]:
        """Picklable state (the demo keeps its sandbox in a file): counters as numbers, no wake-up event."""
        state = {k: v for k, v in self.__dict__.items() if k not in ("_wake", "_update_ids", "_message_ids")}
        state["_next_update_id"] = next(self._update_ids)
        state["_next_message_ids"] = {chat: next(ids) for chat, ids in self._message_ids.items()}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        self._update_ids = itertools.count(state.pop("_next_update_id"))
        self._message_ids = {chat: itertools.count(n) for chat, n in state.pop("_next_message_ids").items()}
        self.__dict__.update(state)
        self._wake = asyncio.Event()

    def chat_messages(self, chat_id: int) -> dict[int, Message]:
        """The messages of a chat by id, in sending order."""
        return self.messages.setdefault(chat_id, {})

    def add_message(self, chat: Chat, sender: User, **content: Any) -> Message:
        """Store a new message in `chat` with the chat's next message id."""
        ids = self._message_ids.setdefault(chat.id, itertools.count(1))
        message = Message(message_id=next(ids), chat=chat, sender=sender, date=int(time.time()), **content)
        self.chat_messages(chat.id)[message.message_id] = message
        return message

    def push_update(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update unless the bot's allowed_updates filter drops it; wakes long polls and the webhook."""
        if kind not in self.allowed_updates:
            return None
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, kind: payload})
        self.wake()
        return update_id

    def wake(self) -> None:
        """Release everyone waiting for a change (long polls, the webhook sender)."""
        self._wake.set()
        self._wake = asyncio.Event()

    async def wait(self, seconds: float) -> None:
        """Sleep until the next change, at most `seconds`."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    def confirm(self, offset: int) -> None:
        """Forget updates before `offset` (getUpdates' confirmation); a negative offset keeps the last -offset."""
        if offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()
            return
        while self.updates and self.updates[0]["update_id"] < offset:
            self.updates.popleft()


@dataclass
class World:
    """The whole sandbox: users are global, everything else belongs to a bot."""

    users: dict[int, User] = field(default_factory=dict)
    bots: dict[int, BotState] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: Counter[str] = field(default_factory=Counter)
    webhook_deliveries: int = 0
    webhook_errors: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_id(self) -> int:
        """A fresh number for callback query ids, file ids and group ids."""
        return next(self._ids)

    def __getstate__(self) -> dict[str, Any]:
        """Picklable state: the id counter as a number."""
        return {**{k: v for k, v in self.__dict__.items() if k != "_ids"}, "_next_id": self.next_id()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        self._ids = itertools.count(state.pop("_next_id"))
        self.__dict__.update(state)

    def bot_for_token(self, token: str) -> BotState | None:
        """The bot that owns `token`, if registered."""
        bot = self.bots.get(_bot_id(token))
        return bot if bot is not None and bot.token == token else None

    def add_bot(self, token: str, *, first_name: str | None = None, username: str | None = None) -> BotState:
        """Register a bot (idempotent for the same token)."""
        existing = self.bot_for_token(token)
        if existing is not None:
            return existing
        bot_id = _bot_id(token)
        user = User(bot_id, first_name or "Sandbox Bot", username=username or f"sandbox{bot_id}_bot", is_bot=True)
        self.bots[bot_id] = BotState(user, token)
        return self.bots[bot_id]


def _bot_id(token: str) -> int:
    left = token.split(":", 1)[0]
    return int(left) if left.isdigit() else -1


def valid_token(token: str) -> bool:
    """Telegram's token shape: `<bot id>:<secret>` with no whitespace."""
    left, _, right = token.partition(":")
    return left.isdigit() and bool(right) and not any(ch.isspace() for ch in right)
