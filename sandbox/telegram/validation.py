"""Request parameters and Telegram's validation rules: text limits, parse modes, inline keyboards."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import Request

from sandbox.telegram.formatted import TextRefused, normalise
from sandbox.telegram.html_parser import EntityParseError, parse_html

T = TypeVar("T")
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_RAW_BYTES = 1 << 15  # the Bot API refuses longer markup before parsing it
MAX_CALLBACK_DATA = 64
_MAX_UPLOAD = 50 * 1024 * 1024  # Telegram's limit for bot uploads
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


class ApiError(Exception):
    """An error envelope: `{"ok": false, "error_code", "description", "parameters"?}`."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def envelope(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    """400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {detail}")


class Params:
    """Method parameters from a form (all strings, objects as JSON text) or a JSON body (typed values)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = dict(values)

    def get(self, name: str, default: Any = None) -> Any:
        """The raw value, or `default` when missing or empty."""
        value = self.values.get(name)
        return default if value is None or value == "" else value

    def require(self, name: str) -> Any:
        """The raw value; a missing one is Telegram's "<name> is empty"."""
        value = self.get(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def int(self, name: str, default: int | None = None) -> int | None:
        """An integer parameter."""
        value = self.get(name)
        if value is None:
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def bool(self, name: str) -> bool:
        """A boolean parameter ("true"/"false" in forms)."""
        value = self.get(name, False)
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1")

    def json(self, name: str, what: str | None = None) -> Any:
        """An object parameter: JSON text in a form field, or already decoded in a JSON body.

        `what` names the object in the error, as Telegram does ("can't parse reply keyboard markup JSON object").
        """
        value = self.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                raise bad_request(f"can't parse {what or name} JSON object") from None
        return value


async def read_params(request: Request) -> Params:
    """Method parameters from the query string plus a JSON, form-encoded or multipart body."""
    values: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if isinstance(body, dict):
            values.update(body)
    elif content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form(max_part_size=_MAX_UPLOAD)
        values.update(form.items())
    return Params(values)


async def unless_disconnected(request: Request, work: Awaitable[T]) -> T | None:
    """Run a long wait (a long poll) but give up when the client goes away, so no orphan request outlives it."""

    async def disconnected() -> None:
        while (await request.receive())["type"] != "http.disconnect":
            pass

    job = asyncio.ensure_future(work)
    # A long poll ended by a newer one (409) after its own request was cancelled has nobody to read its error.
    job.add_done_callback(lambda done: done.cancelled() or done.exception())
    watcher = asyncio.ensure_future(disconnected())
    try:
        await asyncio.wait((job, watcher), return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
    if not job.done():
        job.cancel()
        return None
    return job.result()


@dataclass
class Parsed:
    """A text parameter after the Bot API's own checks and the parse mode, before Telegram stores it."""

    text: str
    entities: list[dict[str, Any]]
    mode: str | None


def parse_text(
    params: Params, text_field: str, mode_field: str, entities_field: str, *, required: bool
) -> Parsed | None:
    """The Bot API's part: an empty parameter, the raw size, the parse mode (all before the chat is looked up)."""
    raw = params.get(text_field)
    if raw is None:
        if required:
            raise bad_request("message text is empty")
        return None
    raw = str(raw)
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request("strings must be encoded in UTF-8") from None
    mode = str(params.get(mode_field) or "").strip().lower()
    if mode in ("", "none"):
        return Parsed(raw, _explicit_entities(params, entities_field), None)
    if mode != "html":
        # Only HTML is implemented; a Markdown request must not silently render differently than Telegram.
        raise bad_request("unsupported parse_mode")
    if len(raw.encode()) > MAX_RAW_BYTES:
        raise bad_request("text is too long")
    try:
        text, entities = parse_html(raw)
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    return Parsed(text, entities, "HTML")


def _explicit_entities(params: Params, field: str) -> list[dict[str, Any]]:
    entities = params.json(field) or []
    if not isinstance(entities, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("type"), str)
        and isinstance(e.get("offset"), int)
        and isinstance(e.get("length"), int)
        for e in entities
    ):
        raise bad_request(f"can't parse {field} JSON object")
    return entities


def store_text(parsed: Parsed | None, *, caption: bool) -> tuple[str | None, list[dict[str, Any]], str | None]:
    """Telegram's part (after the chat is found): normalise, refuse an empty text, count the length."""
    if parsed is None:
        return None, [], None
    try:
        text, entities = normalise(parsed.text, parsed.entities, allow_empty=caption)
    except TextRefused as exc:
        raise bad_request(str(exc)) from None
    if len(text) > (MAX_CAPTION if caption else MAX_TEXT):
        raise bad_request("message caption is too long" if caption else "message is too long")
    if caption and not text:
        return None, [], None
    return text, entities, parsed.mode


def reply_markup(params: Params) -> dict[str, Any] | None:
    """The reply_markup parameter, with inline keyboards checked the way Telegram checks them."""
    markup = params.json("reply_markup", "reply keyboard markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("object expected as reply markup")
    if "inline_keyboard" not in markup:
        # Reply keyboards, ForceReply and ReplyKeyboardRemove are accepted as they are.
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    for row in rows:
        for button in row:
            _check_button(button)
    return {"inline_keyboard": rows}


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if len(actions) != 1:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not str(button["url"]).startswith(("http://", "https://", "tg://")):
        raise bad_request("BUTTON_URL_INVALID")
