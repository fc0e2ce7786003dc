"""A local Telegram Bot API server for tests, benchmarks and the demo (`agentiq sandbox telegram`).

`sandbox.telegram.server.create_app(**options)` returns an ASGI app serving:

- `POST|GET /bot<token>/<method>` like api.telegram.org: form-encoded, multipart (files, `attach://name`) or JSON
  bodies; nested objects (reply_markup, entities, commands, allowed_updates) as JSON strings inside form fields.
  Answers are `{"ok": true, "result": ...}` or `{"ok": false, "error_code", "description", "parameters"?}`.
  Method names are case-insensitive; an unknown method is 404 "Not Found".
  Methods: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage, editMessageText,
  editMessageReplyMarkup, answerCallbackQuery, sendDocument, setMyCommands, getMyCommands, deleteMyCommands,
  deleteMessage, sendChatAction, getChat.
- `/_sandbox/...`: the user simulation API, documented in `sandbox/telegram/control.py`.
- `GET /_sandbox/ui` and `GET /chat/<chat_id>`: a chat web page (static HTML + JS, no CDN).

Behaviour that mirrors Telegram (errors carry Telegram's descriptions):
- texts as Telegram takes them: the Bot API refuses an empty `text` ("message text is empty") and markup over
  32 768 bytes ("text is too long"), then parses HTML exactly like tdlib's parse_html (`html_parser.py`: tag set,
  case-insensitive tags, byte offsets in every error, a bare `&` kept as text, `</>`...) and the keyboard, and
  only then looks the chat up; Telegram then cleans the text (`formatted.py`: trims spaces and newlines, drops
  U+2028–U+202E and `\r`), refuses one with nothing visible left ("text must be non-empty") and counts 1..4096
  code points (captions ≤ 1024). The stored text is what "message is not modified" compares. Only HTML is
  implemented: another parse_mode is refused rather than rendered differently from Telegram.
- inline keyboards (an unparsable one: "can't parse reply keyboard markup JSON object"): array of arrays of
  buttons, each with text and exactly one action; callback_data 1..64 bytes.
- a private chat exists once its user wrote to the bot (/start); a blocked bot gets 403.
- editing to identical content → 400 "message is not modified"; stale callback ids → 400.
- getUpdates: offset confirms, limit 1..100, timeout long polling that returns as soon as an update arrives; a
  second concurrent getUpdates ends the first with 409; with a webhook set → 409. setWebhook accepts http and
  https URLs on any port (Telegram wants https on 443/80/88/8443; the sandbox runs on loopback) and delivers
  updates one at a time by POST with `X-Telegram-Bot-Api-Secret-Token`, retrying failures; a JSON reply with a
  `method` field is executed, as Telegram does.

Flood limits (429 "Too Many Requests: retry after N" with `parameters.retry_after`, counted in stats), applied to
message sends (sendMessage, sendDocument), as token buckets: 30/s per bot (burst 30), 1/s per private chat with a
burst of 3 (Telegram tolerates short bursts in a private chat but not a sustained rate above 1/s), 20/min per
group or channel (burst 20). A client that keeps a sliding window of the same limits never sees a 429.
`create_app(flood_limits=False)` or `POST /_sandbox/limits` switches them off.

Tokens: any token registered with `create_app(bot_tokens=[...])` or `POST /_sandbox/bots`; with
`accept_any_token=True` (the default, so setup needs no extra step) any well-formed token `<digits>:<secret>`
registers its bot on first use. `accept_any_token=False` → 401 "Unauthorized" for unknown tokens.
"""
