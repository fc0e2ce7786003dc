"""User simulation API of the Telegram sandbox: JSON under `/_sandbox/`, the "other side" of the bot's chats.

The Bot API half (`POST|GET /bot<token>/<method>`) is described in `sandbox/telegram/__init__.py`. Everything here
is what a person does in a Telegram client (or what a test does in their place). Bodies and answers are JSON;
errors are `{"error": "..."}` with 400/404. Every call that targets a bot takes an optional `"bot"` (bot id or token,
in the body or the query string); it defaults to the only bot the sandbox knows (a bot becomes known by
`create_app(bot_tokens=[...])`, `POST /_sandbox/bots`, or its first Bot API call).

Bots
    POST /_sandbox/bots            {"token": "123456:ABC-def", "first_name": "Shop bot", "username": "shop_bot"}
                                   -> {"id": 123456, "username": "shop_bot", ...}
    GET  /_sandbox/bots            -> [{"id", "username", "webhook_url", "pending_updates", "commands"}...]

Users and private chats (a private chat's id is the user's id; it exists once the user wrote to the bot)
    POST /_sandbox/users           {"id": 1001, "first_name": "Ann", "username": "ann", "language_code": "ru",
                                    "start": true}            # start=true: the user sends /start right away
                                   -> {"user": {...}, "chat": {...} | null, "update_id": 7 | null}
    GET  /_sandbox/users           -> [{...user...}]
    POST /_sandbox/users/1001/block      -> {"blocked": true}     # the bot gets 403 on sends to this user
    POST /_sandbox/users/1001/unblock    -> {"blocked": false}

Groups and channels (the bot is a member / admin; ids are negative, channels -100...)
    POST /_sandbox/chats           {"type": "channel", "title": "Ops", "username": "shop_ops"}
                                   -> {"id": -1001000000001, "type": "channel", "title": "Ops", ...}
    GET  /_sandbox/chats           -> [{chat..., "messages": 3, "blocked": false}]

A user writes (creates a `message` update; text starting with "/" gets a bot_command entity)
    POST /_sandbox/chats/1001/send {"text": "/start"}                # private chat: the sender is the user
    POST /_sandbox/chats/-100../send {"text": "hi", "user_id": 1001}  # groups need the sender
    POST /_sandbox/chats/1001/send {"text": "answer", "reply_to_message_id": 5}
                                   -> {"message": {...Bot API Message...}, "update_id": 8}

A user presses an inline button (creates a `callback_query` update carrying the message and the button's data)
    POST /_sandbox/chats/1001/press {"message_id": 5, "text": "Approve"}     # by button text
    POST /_sandbox/chats/1001/press {"message_id": 5, "row": 0, "column": 1} # by position
    POST /_sandbox/chats/1001/press {"message_id": 5, "data": "c:approve:99", "user_id": 2002}
                                   # forged: any data, any user (security tests); no button needs to match
                                   -> {"callback_query_id": "4711", "update_id": 9, "data": "..."}

Reading what the bot did
    GET /_sandbox/chats/1001/messages[?since=<message_id>]
        -> [{"message_id", "date", "from_bot": true, "user_id": null, "text", "parse_mode", "entities",
             "html" (safe HTML of text+entities), "buttons": [[{"text", "callback_data", "url"}]],
             "reply_markup", "document": {"file_id", "file_name", "mime_type", "file_size"} | null,
             "photo": {"file_id", "width", "height", "url" (sent by URL)} | null, "media_group_id" (an album),
             "edits": [{"text", "entities", "html", "reply_markup", "date"}...]  (earlier versions, oldest first),
             "edit_date", "deleted": false}]
    GET /_sandbox/files/<file_id>               -> the document's bytes
    GET /_sandbox/callbacks[?callback_query_id=4711]
        -> [{"callback_query_id", "user_id", "data", "message_id", "chat_id", "answered": true,
             "text": "Saved", "show_alert": false, "url": null}]
    GET /_sandbox/stats[?bot=]  (one bot's figures, or all bots summed; calls and webhook counts are global)
                         -> {"sent_per_chat": {"1001": 4}, "sent_total": 4, "too_many_requests": 0,
                             "calls": {"sendMessage": 4, ...}, "webhook_deliveries": 0, "webhook_errors": 0}
    POST /_sandbox/limits {"enabled": false}    -> {"enabled": false}   # flood limits on/off at run time

Injected faults (a share of Bot API calls, or all of them for a while, fail before the method runs; see
`sandbox/telegram/faults.py`)
    POST /_sandbox/faults {"error": "reset"|"5xx"|"timeout"|"429", "share": 0.3, "seconds": 60, "count": 5,
                           "after": 2, "methods": ["sendMessage"], "seed": 1}   -> {"rule": {...}, "taken": {...}}
    DELETE /_sandbox/faults (or POST {"error": null})                -> {"rule": null, ...}
    GET /_sandbox/faults                                              -> the rule and the faults taken per method

Chat web page: GET /_sandbox/ui (chat list, create a user) and GET /chat/<chat_id> (a chat with typing and buttons).

Example (httpx, against `agentiq sandbox telegram --port 8102`):

    c = httpx.Client(base_url="http://127.0.0.1:8102")
    c.post("/_sandbox/bots", json={"token": "123456:sandbox-token"})
    c.post("/_sandbox/users", json={"id": 1001, "first_name": "Ann", "start": True})
    # ... the bot answers /start with a keyboard ...
    msg = c.get("/_sandbox/chats/1001/messages").json()[-1]
    c.post("/_sandbox/chats/1001/press", json={"message_id": msg["message_id"], "text": "English"})
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.telegram.simulate import ControlError, block, pick_bot, press, render, user_writes
from sandbox.telegram.state import Chat, User, valid_token
from sandbox.telegram.validation import unless_disconnected

if TYPE_CHECKING:
    from sandbox.telegram.server import Sandbox

Handler = Callable[["Sandbox", Request, dict[str, Any]], Awaitable[Any]]


def _bot_summary(bot: Any) -> dict[str, Any]:
    return {
        **bot.user.to_api(),
        "webhook_url": bot.webhook.url if bot.webhook else None,
        "pending_updates": len(bot.updates),
        "commands": [
            {"scope": scope, "language_code": lang, "commands": cmds} for (scope, lang), cmds in bot.commands.items()
        ],
    }


async def add_bot(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """POST /_sandbox/bots."""
    token = str(body.get("token", ""))
    if not valid_token(token):
        raise ControlError("token must look like <digits>:<secret>")
    return _bot_summary(sandbox.world.add_bot(token, first_name=body.get("first_name"), username=body.get("username")))


async def list_bots(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET /_sandbox/bots."""
    return [_bot_summary(bot) for bot in sandbox.world.bots.values()]


async def add_user(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """POST /_sandbox/users: a new Telegram account, optionally sending /start."""
    user_id = int(body.get("id") or 1_000_000 + sandbox.world.next_id())
    if user_id <= 0:
        raise ControlError("user ids are positive")
    user = User(
        user_id,
        str(body.get("first_name") or f"User {user_id}"),
        last_name=body.get("last_name"),
        username=body.get("username"),
        language_code=body.get("language_code"),
    )
    sandbox.world.users[user_id] = user
    sent = (
        user_writes(sandbox, pick_bot(sandbox, body, request), user_id, {"text": "/start"})
        if body.get("start")
        else None
    )
    return {
        "user": user.to_api(),
        "chat": sent["message"]["chat"] if sent else None,
        "update_id": sent["update_id"] if sent else None,
    }


async def list_users(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET /_sandbox/users."""
    return [user.to_api() for user in sandbox.world.users.values()]


async def set_blocked(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """POST /_sandbox/users/<id>/block|unblock."""
    action = request.path_params["action"]
    if action not in ("block", "unblock"):
        raise ControlError("action is block or unblock", 404)
    return block(sandbox, pick_bot(sandbox, body, request), int(request.path_params["user_id"]), action == "block")


async def add_chat(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """POST /_sandbox/chats: a group, supergroup or channel with the bot in it."""
    bot = pick_bot(sandbox, body, request)
    kind = body.get("type", "group")
    if kind not in ("group", "supergroup", "channel"):
        raise ControlError("type must be group, supergroup or channel")
    number = sandbox.world.next_id()
    chat_id = int(body.get("id") or (-1_000_000_000_000 - number if kind != "group" else -number))
    chat = Chat(chat_id, kind, title=str(body.get("title") or f"Chat {number}"), username=body.get("username"))
    bot.chats[chat_id] = chat
    return chat.to_api()


async def list_chats(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET /_sandbox/chats."""
    bot = pick_bot(sandbox, body, request)
    return [
        {**chat.to_api(), "messages": len(bot.chat_messages(chat.id)), "blocked": chat.id in bot.blocked}
        for chat in bot.chats.values()
    ]


async def send(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """POST /_sandbox/chats/<id>/send."""
    return user_writes(sandbox, pick_bot(sandbox, body, request), int(request.path_params["chat_id"]), body)


async def press_button(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """POST /_sandbox/chats/<id>/press."""
    return press(sandbox, pick_bot(sandbox, body, request), int(request.path_params["chat_id"]), body)


async def messages(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET /_sandbox/chats/<id>/messages[?since=<message_id>][&after_version=N&wait=S] (the page long-polls)."""
    query = request.query_params
    if "after_version" in query:
        wait = sandbox.wait_changed(int(query["after_version"]), min(float(query.get("wait", 20)), 55))
        await unless_disconnected(request, wait)
    bot = pick_bot(sandbox, body, request)
    since = int(query.get("since", 0))
    chat_id = int(request.path_params["chat_id"])
    listed = [render(m, bot) for m in bot.chat_messages(chat_id).values() if m.message_id > since]
    return JSONResponse(listed, headers={"X-Sandbox-Version": str(sandbox.version)})


async def callbacks(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET /_sandbox/callbacks[?callback_query_id=]."""
    wanted = request.query_params.get("callback_query_id")
    records = pick_bot(sandbox, body, request).callbacks.values()
    return [
        {"callback_query_id": r.id, **{k: v for k, v in vars(r).items() if k != "id"}}
        for r in records
        if wanted is None or r.id == wanted
    ]


async def stats(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET /_sandbox/stats[?bot=]: one bot's sends and 429s, or all bots' summed."""
    world = sandbox.world
    bots = [pick_bot(sandbox, body, request)] if request.query_params.get("bot") else list(world.bots.values())
    per_chat: dict[str, int] = {}
    for bot in bots:
        for chat_id, count in bot.sent_per_chat.items():
            per_chat[str(chat_id)] = per_chat.get(str(chat_id), 0) + count
    return {
        "sent_per_chat": per_chat,
        "sent_total": sum(per_chat.values()),
        "too_many_requests": sum(bot.too_many_requests for bot in bots),
        "calls": dict(world.calls),
        "webhook_deliveries": world.webhook_deliveries,
        "webhook_errors": world.webhook_errors,
    }


async def limits(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """POST /_sandbox/limits {"enabled": bool}."""
    sandbox.flood.enabled = bool(body.get("enabled", True))
    return {"enabled": sandbox.flood.enabled}


async def faults(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET|POST|DELETE /_sandbox/faults."""
    if request.method == "GET":
        return sandbox.faults.view()
    return sandbox.faults.configure({} if request.method == "DELETE" else body)


async def file_content(sandbox: Sandbox, request: Request, body: dict[str, Any]) -> Any:
    """GET /_sandbox/files/<file_id>."""
    stored = sandbox.world.files.get(request.path_params["file_id"])
    if stored is None:
        raise ControlError("file not found", 404)
    return Response(stored["content"], media_type=stored["mime_type"])


def _endpoint(sandbox: Sandbox, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        try:
            body = await request.json() if request.method == "POST" and await request.body() else {}
            if not isinstance(body, dict):
                raise ControlError("body must be a JSON object")
            result = await handler(sandbox, request, body)
        except ControlError as exc:
            return JSONResponse({"error": str(exc)}, status_code=exc.status)
        except (ValueError, TypeError, KeyError) as exc:
            return JSONResponse({"error": f"bad request: {exc}"}, status_code=400)
        return result if isinstance(result, Response) else JSONResponse(result)

    return endpoint


def routes(sandbox: Sandbox) -> list[Route]:
    """The `/_sandbox/*` routes bound to one sandbox."""
    table: list[tuple[str, Handler, str]] = [
        ("/_sandbox/bots", add_bot, "POST"),
        ("/_sandbox/bots", list_bots, "GET"),
        ("/_sandbox/users", add_user, "POST"),
        ("/_sandbox/users", list_users, "GET"),
        ("/_sandbox/users/{user_id:int}/{action:str}", set_blocked, "POST"),
        ("/_sandbox/chats", add_chat, "POST"),
        ("/_sandbox/chats", list_chats, "GET"),
        ("/_sandbox/chats/{chat_id}/send", send, "POST"),
        ("/_sandbox/chats/{chat_id}/press", press_button, "POST"),
        ("/_sandbox/chats/{chat_id}/messages", messages, "GET"),
        ("/_sandbox/callbacks", callbacks, "GET"),
        ("/_sandbox/stats", stats, "GET"),
        ("/_sandbox/limits", limits, "POST"),
        ("/_sandbox/faults", faults, "GET"),
        ("/_sandbox/faults", faults, "POST"),
        ("/_sandbox/faults", faults, "DELETE"),
        ("/_sandbox/files/{file_id}", file_content, "GET"),
    ]
    return [Route(path, _endpoint(sandbox, handler), methods=[verb]) for path, handler, verb in table]
