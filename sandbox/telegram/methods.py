"""Bot API methods on messages: send, edit, delete, callbacks, commands, chat info."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from starlette.datastructures import UploadFile

from sandbox.telegram.state import BotState, Chat, Message, Revision
from sandbox.telegram.validation import (
    ApiError,
    Params,
    bad_request,
    parse_text,
    reply_markup,
    store_text,
)

if TYPE_CHECKING:
    from sandbox.telegram.server import Sandbox

Method = Callable[["Sandbox", BotState, Params], Awaitable[Any]]
METHODS: dict[str, Method] = {}
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


def method(name: str) -> Callable[[Method], Method]:
    """Register a Bot API method (names are matched case-insensitively, as Telegram does)."""

    def register(func: Method) -> Method:
        METHODS[name.lower()] = func
        return func

    return register


def find_chat(bot: BotState, params: Params) -> Chat:
    """The target chat: it must exist for this bot."""
    raw = params.require("chat_id")
    chat: Chat | None = None
    if isinstance(raw, str) and raw.startswith("@"):
        chat = next((c for c in bot.chats.values() if c.username and f"@{c.username}" == raw), None)
    else:
        try:
            chat = bot.chats.get(int(raw))
        except (TypeError, ValueError):
            chat = None
    if chat is None:
        raise bad_request("chat not found")
    return chat


def ensure_reachable(bot: BotState, chat: Chat) -> None:
    """A user who blocked the bot gets nothing from it (Telegram's servers say so, after every local check)."""
    if chat.type == "private" and chat.id in bot.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")


def resolve_chat(bot: BotState, params: Params) -> Chat:
    """The target chat: it must exist for this bot and must not have blocked it."""
    chat = find_chat(bot, params)
    ensure_reachable(bot, chat)
    return chat


def _own_message(bot: BotState, params: Params, action: str) -> Message:
    chat = resolve_chat(bot, params)
    message = bot.chat_messages(chat.id).get(params.int("message_id") or 0)
    if message is None or message.deleted:
        raise bad_request(f"message to {action} not found")
    if action == "edit" and message.sender.id != bot.user.id:
        raise bad_request("message can't be edited")
    return message


def _reply_to(bot: BotState, chat: Chat, params: Params) -> Message | None:
    reply = params.json("reply_parameters") or {}
    reply_id = reply.get("message_id") if isinstance(reply, dict) else None
    reply_id = reply_id or params.int("reply_to_message_id")
    if reply_id is None:
        return None
    message = bot.chat_messages(chat.id).get(int(reply_id))
    if message is None and not (isinstance(reply, dict) and reply.get("allow_sending_without_reply")):
        raise bad_request("message to be replied not found")
    return message


def _deliver(sandbox: Sandbox, bot: BotState, chat: Chat, **content: Any) -> dict[str, Any]:
    """Apply the flood limits, then store the bot's message; returns the Bot API Message."""
    retry_after = sandbox.flood.check(bot.user.id, chat.id, private=chat.type == "private")
    if retry_after:
        bot.too_many_requests += 1
        raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
    bot.sent_per_chat[chat.id] += 1
    message = bot.add_message(chat, bot.user, **content)
    sandbox.changed()
    return message.to_api()


@method("sendMessage")
async def send_message(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """sendMessage: the Bot API parses the text and the keyboard first, then looks the chat up."""
    parsed = parse_text(params, "text", "parse_mode", "entities", required=True)
    markup = reply_markup(params)
    chat = find_chat(bot, params)
    text, entities, mode = store_text(parsed, caption=False)
    reply_to = _reply_to(bot, chat, params)
    ensure_reachable(bot, chat)
    return _deliver(
        sandbox, bot, chat, text=text, entities=entities, parse_mode=mode, reply_markup=markup, reply_to=reply_to
    )


@method("getFile")
async def get_file(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """getFile: a stored file's `file_path` (its id here), served at `/file/bot<token>/<file_path>`."""
    stored = sandbox.world.files.get(str(params.require("file_id")))
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored["file_id"],
        "file_unique_id": stored["file_unique_id"],
        "file_size": stored["file_size"],
        "file_path": stored["file_id"],
    }


@method("sendDocument")
async def send_document(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """sendDocument: an uploaded file (multipart, `attach://name`) or the file_id of an earlier one."""
    parsed = parse_text(params, "caption", "parse_mode", "caption_entities", required=False)
    markup = reply_markup(params)
    chat = find_chat(bot, params)
    caption, entities, mode = store_text(parsed, caption=True)
    document = params.require("document")
    if isinstance(document, str) and document.startswith("attach://"):
        document = params.get(document.removeprefix("attach://"))
    if isinstance(document, UploadFile):
        content = await document.read()
        file_id = f"sandbox-file-{sandbox.world.next_id()}"
        sandbox.world.files[file_id] = {
            "file_id": file_id,
            "file_unique_id": file_id.replace("-", ""),
            "file_name": document.filename or "document",
            "mime_type": document.content_type or "application/octet-stream",
            "file_size": len(content),
            "content": content,
        }
    elif isinstance(document, str) and document in sandbox.world.files:
        file_id = document
    else:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return _deliver_file(
        sandbox, bot, chat, params, (caption, entities, mode), markup, document=sandbox.world.files[file_id]
    )


def _deliver_file(
    sandbox: Sandbox,
    bot: BotState,
    chat: Chat,
    params: Params,
    caption: tuple[str | None, list[dict[str, Any]], str | None],
    markup: dict[str, Any] | None,
    **file: Any,
) -> dict[str, Any]:
    """Deliver a file message (a document, a photo) with its stored caption, as a reply where one is asked for."""
    text, entities, mode = caption
    reply_to = _reply_to(bot, chat, params)
    ensure_reachable(bot, chat)
    return _deliver(
        sandbox,
        bot,
        chat,
        text=text,
        entities=entities,
        parse_mode=mode,
        reply_markup=markup,
        reply_to=reply_to,
        **file,
    )


MAX_ALBUM = 10
PHOTO_SIDE = 1280


async def _photo(sandbox: Sandbox, value: Any, params: Params) -> list[dict[str, Any]]:
    """A photo as sent: an upload (`attach://name`), the file_id of an earlier photo, or an http(s) URL.

    Telegram's servers download a URL themselves; the sandbox is hermetic, so it keeps the URL instead of fetching
    it (a URL it cannot use is refused with Telegram's words). A host under `.invalid` (RFC 2606: never resolves)
    fails as a download Telegram could not make.
    """
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.get(value.removeprefix("attach://"))
    if isinstance(value, str) and value in sandbox.world.files:
        return [sandbox.world.files[value]]
    stored: dict[str, Any]
    if isinstance(value, UploadFile):
        stored = {"content": await value.read()}
    elif isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) <= 2048:
        if (urlsplit(value).hostname or "").endswith(".invalid"):
            raise bad_request("failed to get HTTP URL content")
        stored = {"url": value}
    else:
        raise bad_request("wrong file identifier/HTTP URL specified")
    file_id = f"sandbox-photo-{sandbox.world.next_id()}"
    stored.update(
        file_id=file_id, file_unique_id=file_id.replace("-", ""), width=PHOTO_SIDE, height=PHOTO_SIDE, file_size=1
    )
    sandbox.world.files[file_id] = stored
    return [stored]


@method("sendPhoto")
async def send_photo(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """sendPhoto: a photo by upload, file_id or URL, with a caption of at most 1024 characters."""
    parsed = parse_text(params, "caption", "parse_mode", "caption_entities", required=False)
    markup = reply_markup(params)
    photo = await _photo(sandbox, params.require("photo"), params)
    chat = find_chat(bot, params)
    return _deliver_file(sandbox, bot, chat, params, store_text(parsed, caption=True), markup, photo=photo)


@method("sendMediaGroup")
async def send_media_group(sandbox: Sandbox, bot: BotState, params: Params) -> list[dict[str, Any]]:
    """sendMediaGroup: 1–10 photos as one album (no reply_markup: an album carries no buttons), each with its own
    caption; a single item is sent as one message outside any album, as Telegram's server does. A refused album
    sends nothing. Only photos are modelled (an InputMediaVideo/Document/Audio is refused as unsupported)."""
    if params.get("reply_markup") is not None:
        raise bad_request("parameter reply_markup is not supported in sendMediaGroup")
    media = params.json("media", "media")
    if not media:
        raise bad_request("there are no messages to send")
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        raise bad_request("can't parse media JSON object")
    if len(media) > MAX_ALBUM:
        raise bad_request("too many messages to send as an album")
    items = []
    for item in media:
        if item.get("type") != "photo":
            raise bad_request("unsupported media type in the sandbox")
        item_params = Params(item)
        parsed = parse_text(item_params, "caption", "parse_mode", "caption_entities", required=False)
        items.append((parsed, item))
    chat = find_chat(bot, params)
    stored = []
    for position, (parsed, item) in enumerate(items, start=1):
        caption, entities, mode = store_text(parsed, caption=True)
        try:
            photo = await _photo(sandbox, item.get("media"), params)
        except ApiError as exc:
            if "HTTP URL content" not in exc.description:
                raise
            # Telegram's server names the first item its servers refused, with their error.
            raise bad_request(
                f'failed to send message #{position} with the error message "WEBPAGE_CURL_FAILED"'
            ) from None
        stored.append((caption, entities, mode, photo))
    ensure_reachable(bot, chat)
    # One request, one flood check: the album is sent as a whole or not at all.
    retry_after = sandbox.flood.check(bot.user.id, chat.id, private=chat.type == "private")
    if retry_after:
        bot.too_many_requests += 1
        raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
    group = str(sandbox.world.next_id()) if len(stored) > 1 else None
    sent = []
    for caption, entities, mode, photo in stored:
        bot.sent_per_chat[chat.id] += 1
        message = bot.add_message(
            chat, bot.user, text=caption, entities=entities, parse_mode=mode, photo=photo, media_group_id=group
        )
        sent.append(message.to_api())
    sandbox.changed()
    return sent


def _edit(sandbox: Sandbox, message: Message, **changes: Any) -> dict[str, Any]:
    """Apply an edit unless it changes nothing Telegram stores (text as stored, entities, keyboard)."""
    if all(getattr(message, key) == value for key, value in changes.items() if key != "parse_mode"):
        raise bad_request(_NOT_MODIFIED)
    message.history.append(
        Revision(message.text, message.entities, message.reply_markup, message.edit_date or message.date)
    )
    for key, value in changes.items():
        setattr(message, key, value)
    message.edit_date = int(time.time())
    sandbox.changed()
    return message.to_api()


@method("editMessageText")
async def edit_message_text(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """editMessageText; as in Telegram, omitting reply_markup removes the inline keyboard."""
    parsed = parse_text(params, "text", "parse_mode", "entities", required=True)
    markup = reply_markup(params)
    message = _own_message(bot, params, "edit")
    if message.document is not None:
        raise bad_request("there is no text in the message to edit")
    text, entities, mode = store_text(parsed, caption=False)
    return _edit(sandbox, message, text=text, entities=entities, parse_mode=mode, reply_markup=markup)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """editMessageReplyMarkup (no reply_markup = remove the keyboard)."""
    markup = reply_markup(params)
    message = _own_message(bot, params, "edit")
    return _edit(sandbox, message, reply_markup=markup)


@method("deleteMessage")
async def delete_message(sandbox: Sandbox, bot: BotState, params: Params) -> bool:
    """deleteMessage: the bot's own messages anywhere, a user's in a private chat."""
    message = _own_message(bot, params, "delete")
    if message.sender.id != bot.user.id and message.chat.type != "private":
        raise bad_request("message can't be deleted")
    message.deleted = True
    sandbox.changed()
    return True


@method("answerCallbackQuery")
async def answer_callback_query(sandbox: Sandbox, bot: BotState, params: Params) -> bool:
    """answerCallbackQuery: once per query id."""
    record = bot.callbacks.get(str(params.require("callback_query_id")))
    if record is None or record.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.get("text")
    if text is not None and len(str(text)) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered, record.text, record.show_alert, record.url = (
        True,
        text,
        params.bool("show_alert"),
        params.get("url"),
    )
    sandbox.changed()
    return True


@method("sendChatAction")
async def send_chat_action(sandbox: Sandbox, bot: BotState, params: Params) -> bool:
    """sendChatAction (typing...): only checks the chat and the action."""
    resolve_chat(bot, params)
    params.require("action")
    return True


@method("getChat")
async def get_chat(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """getChat: a ChatFullInfo with the fields aiogram requires."""
    chat = resolve_chat(bot, params)
    return {**chat.to_api(), "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": _NO_GIFTS}


_NO_GIFTS = {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False, "premium_subscription": False}


def _commands_key(params: Params) -> tuple[str, str]:
    scope = params.json("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code", ""))


@method("setMyCommands")
async def set_my_commands(sandbox: Sandbox, bot: BotState, params: Params) -> bool:
    """setMyCommands per scope and language_code."""
    commands = params.json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    for command in commands:
        name, description = command.get("command", ""), command.get("description", "")
        if not _COMMAND.match(str(name).lower()):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(description)) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    bot.commands[_commands_key(params)] = [{"command": c["command"], "description": c["description"]} for c in commands]
    return True


@method("getMyCommands")
async def get_my_commands(sandbox: Sandbox, bot: BotState, params: Params) -> list[dict[str, Any]]:
    """getMyCommands for exactly that scope and language_code."""
    return bot.commands.get(_commands_key(params), [])


@method("deleteMyCommands")
async def delete_my_commands(sandbox: Sandbox, bot: BotState, params: Params) -> bool:
    """deleteMyCommands."""
    bot.commands.pop(_commands_key(params), None)
    return True
