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
             "edits": [{"text", "entities", "html", "reply_markup", "date"}...]  (earlier versions, oldest first),
             "edit_date", "deleted": false}]
    GET /_sandbox/files/<file_id>               -> the document's bytes
    GET /_sandbox/callbacks[?callback_query_id=4711]
        -> [{"callback_query_id", "user_id", "data", "message_id", "chat_id", "answered": true,
             "text": "Saved", "show_alert": false, "url": null}]
    GET /_sandbox/stats  -> {"sent_per_chat": {"1001": 4}, "sent_total": 4, "too_many_requests": 0,
                             "calls": {"sendMessage": 4, ...}, "webhook_deliveries": 0, "webhook_errors": 0}
    POST /_sandbox/limits {"enabled": false}    -> {"enabled": false}   # flood limits on/off at run time

Chat web page: GET /_sandbox/ui (chat list, create a user) and GET /chat/<chat_id> (a chat with typing and buttons).

Example (httpx, against `agentiq sandbox telegram --port 8102`):

    c = httpx.Client(base_url="http://127.0.0.1:8102")
    c.post("/_sandbox/bots", json={"token": "123456:sandbox-token"})
    c.post("/_sandbox/users", json={"id": 1001, "first_name": "Ann", "start": True})
    # ... the bot answers /start with a keyboard ...
    msg = c.get("/_sandbox/chats/1001/messages").json()[-1]
    c.post("/_sandbox/chats/1001/press", json={"message_id": msg["message_id"], "text": "English"})
"""
