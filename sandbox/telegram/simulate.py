"""What a person does in a Telegram client: write, press buttons; and how a client shows the bot's messages."""

from __future__ import annotations

import base64
import itertools
import time
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from sandbox.telegram.entities import to_html, utf16_len
from sandbox.telegram.state import BotState, CallbackRecord, Chat, Message, User

if TYPE_CHECKING:
    from sandbox.telegram.server import Sandbox


class ControlError(Exception):
    """A refused control call: `{"error": message}` with `status`."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def pick_bot(sandbox: Sandbox, body: dict[str, Any], request: Request) -> BotState:
    """The bot named by `bot` (id or token), else the only one."""
    wanted = body.get("bot") or request.query_params.get("bot")
    bots = sandbox.world.bots
    if not wanted:
        if len(bots) != 1:
            raise ControlError(
                "no bot registered" if not bots else 'several bots: pass "bot"', 404 if not bots else 400
            )
        return next(iter(bots.values()))
    bot = bots.get(int(str(wanted).split(":")[0])) if str(wanted).split(":")[0].lstrip("-").isdigit() else None
    if bot is None:
        raise ControlError(f"unknown bot {wanted}", 404)
    return bot


def _chat(bot: BotState, chat_id: int) -> Chat:
    chat = bot.chats.get(chat_id)
    if chat is None:
        raise ControlError(f"chat {chat_id} not found (a user opens a private chat by writing to the bot)", 404)
    return chat


def _user(sandbox: Sandbox, user_id: Any) -> User:
    user = sandbox.world.users.get(int(user_id)) if user_id is not None else None
    if user is None:
        raise ControlError(f"user {user_id} not found", 404)
    return user


def user_writes(sandbox: Sandbox, bot: BotState, chat_id: int, body: dict[str, Any]) -> dict[str, Any]:
    """A user sends text in a chat (opening the private chat if needed); queues the `message` update."""
    user = _user(sandbox, body.get("user_id", chat_id if chat_id > 0 else None))
    if chat_id > 0:
        if chat_id != user.id:
            raise ControlError("in a private chat only its user writes")
        chat = bot.chats.setdefault(user.id, Chat(user.id, "private", user=user))
    else:
        chat = _chat(bot, chat_id)
    text = str(body.get("text", ""))
    document = _user_document(sandbox, body.get("document"))
    if not text.strip() and document is None:
        raise ControlError("text is empty")
    entities = []
    if text.startswith("/"):
        command = text.split()[0]
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command)})
    reply_to = (
        bot.chat_messages(chat.id).get(int(body["reply_to_message_id"])) if body.get("reply_to_message_id") else None
    )
    content: dict[str, Any] = {"text": text, "entities": entities}
    if document is not None:
        content = {"text": text or None, "entities": [], "document": document}  # the text is the caption
    message = bot.add_message(chat, user, reply_to=reply_to, **content)
    kind = "channel_post" if chat.type == "channel" else "message"
    update_id = bot.push_update(kind, message.to_api())
    sandbox.changed()
    return {"message": message.to_api(), "update_id": update_id}


def _user_document(sandbox: Sandbox, spec: Any) -> dict[str, Any] | None:
    """A file the user attaches (`{"file_name", "mime_type", "content_b64"}`), stored like the bot's uploads so
    getFile and the file URL serve it."""
    if spec is None:
        return None
    if not isinstance(spec, dict) or not isinstance(spec.get("content_b64"), str):
        raise ControlError("document needs content_b64")
    content = base64.b64decode(spec["content_b64"])
    file_id = f"sandbox-file-{sandbox.world.next_id()}"
    sandbox.world.files[file_id] = {
        "file_id": file_id,
        "file_unique_id": file_id.replace("-", ""),
        "file_name": str(spec.get("file_name") or "document"),
        "mime_type": str(spec.get("mime_type") or "application/octet-stream"),
        "file_size": len(content),
        "content": content,
    }
    return sandbox.world.files[file_id]


def _button(message: Message, body: dict[str, Any]) -> dict[str, Any]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    if "row" in body:
        try:
            return rows[int(body["row"])][int(body.get("column", 0))]
        except (IndexError, ValueError) as exc:
            raise ControlError("no button at that position") from exc
    found = [b for b in itertools.chain.from_iterable(rows) if b.get("text") == body.get("text")]
    if not found:
        raise ControlError(f"no button with text {body.get('text')!r}")
    return found[0]


def press(sandbox: Sandbox, bot: BotState, chat_id: int, body: dict[str, Any]) -> dict[str, Any]:
    """A user presses an inline button (or forges `data`); queues the `callback_query` update."""
    chat = _chat(bot, chat_id)
    message = bot.chat_messages(chat.id).get(int(body.get("message_id", 0)))
    if message is None or message.deleted:
        raise ControlError("message not found", 404)
    user = _user(sandbox, body.get("user_id", chat_id if chat_id > 0 else None))
    if "data" in body:
        data = str(body["data"])
    else:
        button = _button(message, body)
        if "callback_data" not in button:
            raise ControlError("that button has no callback_data (it is a link)")
        data = button["callback_data"]
    query_id = str(sandbox.world.next_id() * 7919 + 4_000_000)
    bot.callbacks[query_id] = CallbackRecord(query_id, user.id, chat.id, message.message_id, data)
    payload = {
        "id": query_id,
        "from": user.to_api(),
        "message": message.to_api(),
        "chat_instance": str(chat.id * 31 + bot.user.id),
        "data": data,
    }
    return {"callback_query_id": query_id, "update_id": bot.push_update("callback_query", payload), "data": data}


def render(message: Message, bot: BotState) -> dict[str, Any]:
    """A message as a client shows it, with its edit history."""
    markup = message.reply_markup or {}
    return {
        "message_id": message.message_id,
        "date": message.date,
        "from_bot": message.sender.id == bot.user.id,
        "user_id": None if message.sender.id == bot.user.id else message.sender.id,
        "text": message.text,
        "parse_mode": message.parse_mode,
        "entities": message.entities,
        "html": to_html(message.text or "", message.entities),
        "reply_markup": message.reply_markup,
        "buttons": [
            [{k: b.get(k) for k in ("text", "callback_data", "url")} for b in row]
            for row in markup.get("inline_keyboard", [])
        ],
        "document": {k: v for k, v in message.document.items() if k != "content"} if message.document else None,
        # A photo as the bot sent it: its file_id and, for one sent by URL, that URL (the sandbox never fetches it).
        "photo": {k: v for k, v in message.photo[-1].items() if k != "content"} if message.photo else None,
        "media_group_id": message.media_group_id,
        "edits": [
            {
                "text": r.text,
                "entities": r.entities,
                "html": to_html(r.text or "", r.entities),
                "reply_markup": r.reply_markup,
                "date": r.date,
            }
            for r in message.history
        ],
        "edit_date": message.edit_date,
        "deleted": message.deleted,
    }


def block(sandbox: Sandbox, bot: BotState, user_id: int, blocked: bool) -> dict[str, Any]:
    """The user blocks (or unblocks) the bot; Telegram tells the bot with a `my_chat_member` update."""
    user = _user(sandbox, user_id)
    (bot.blocked.add if blocked else bot.blocked.discard)(user.id)
    chat = bot.chats.setdefault(user.id, Chat(user.id, "private", user=user))
    statuses = ({"status": "member"}, {"status": "kicked", "until_date": 0})
    old, new = statuses if blocked else statuses[::-1]
    update_id = bot.push_update(
        "my_chat_member",
        {
            "chat": chat.to_api(),
            "from": user.to_api(),
            "date": int(time.time()),
            "old_chat_member": {**old, "user": bot.user.to_api()},
            "new_chat_member": {**new, "user": bot.user.to_api()},
        },
    )
    sandbox.changed()
    return {"blocked": blocked, "update_id": update_id}
