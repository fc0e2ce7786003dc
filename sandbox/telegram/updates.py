"""Bot API methods about the bot and its updates: getMe, getUpdates (long polling) and webhooks with delivery."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import TYPE_CHECKING, Any

import httpx
from starlette.requests import Request

from sandbox.telegram.methods import METHODS, method
from sandbox.telegram.state import DEFAULT_UPDATE_KINDS, BotState, Webhook
from sandbox.telegram.validation import ApiError, Params, bad_request, read_params

if TYPE_CHECKING:
    from sandbox.telegram.server import Sandbox

_BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
_CONFLICT_POLL = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


def _set_allowed(bot: BotState, params: Params) -> None:
    """allowed_updates: absent keeps the previous setting, an empty list means Telegram's default set."""
    allowed = params.json("allowed_updates")
    if allowed is not None:
        bot.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATE_KINDS


@method("getMe")
async def get_me(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """getMe."""
    return {
        **bot.user.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("getUpdates")
async def get_updates(sandbox: Sandbox, bot: BotState, params: Params) -> list[dict[str, Any]]:
    """getUpdates: confirm by offset, then wait up to `timeout` seconds for the first update."""
    if bot.webhook is not None:
        raise ApiError(409, _CONFLICT_WEBHOOK)
    limit = params.int("limit", 100) or 100
    if not 1 <= limit <= 100:
        limit = 100
    timeout = max(0, params.int("timeout", 0) or 0)
    offset = params.int("offset")
    _set_allowed(bot, params)
    if offset is not None:
        bot.confirm(offset)
    # A newer poll ends this one with 409, as Telegram does when two instances poll.
    bot.poll_generation += 1
    generation = bot.poll_generation
    bot.wake()
    deadline = time.monotonic() + timeout
    while not bot.updates and time.monotonic() < deadline:
        await bot.wait(deadline - time.monotonic())
        if bot.poll_generation != generation:
            raise ApiError(409, _CONFLICT_POLL)
    return list(bot.updates)[:limit]


@method("setWebhook")
async def set_webhook(sandbox: Sandbox, bot: BotState, params: Params) -> bool:
    """setWebhook: http(s) URL on any port (the sandbox is local); delivery starts at once."""
    url = str(params.get("url", ""))
    if not url:
        return await delete_webhook(sandbox, bot, params)
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not _SECRET.match(str(secret)):
        raise bad_request("secret token contains unallowed characters")
    if params.bool("drop_pending_updates"):
        bot.updates.clear()
    _set_allowed(bot, params)
    bot.webhook = Webhook(url=url, secret_token=secret)
    sandbox.start_delivery(bot)
    return True


@method("deleteWebhook")
async def delete_webhook(sandbox: Sandbox, bot: BotState, params: Params) -> bool:
    """deleteWebhook (optionally dropping pending updates)."""
    bot.webhook = None
    if params.bool("drop_pending_updates"):
        bot.updates.clear()
    bot.wake()
    return True


@method("getWebhookInfo")
async def get_webhook_info(sandbox: Sandbox, bot: BotState, params: Params) -> dict[str, Any]:
    """getWebhookInfo."""
    hook = bot.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(bot.updates),
    }
    if hook:
        info["max_connections"] = 40
        info["allowed_updates"] = sorted(bot.allowed_updates)
        if hook.last_error_date:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


async def deliver_webhook(sandbox: Sandbox, bot: BotState, http: httpx.AsyncClient, retry_s: float) -> None:
    """Send the bot's updates to its webhook one at a time, in order, until the webhook is removed."""
    backoff = retry_s
    while bot.webhook is not None:
        hook = bot.webhook
        if not bot.updates:
            await bot.wait(30)
            continue
        update = bot.updates[0]
        headers = {"X-Telegram-Bot-Api-Secret-Token": hook.secret_token} if hook.secret_token else {}
        try:
            response = await http.post(hook.url, json=update, headers=headers)
            error = None if response.is_success else f"Wrong response from the webhook: {response.status_code}"
        except httpx.HTTPError as exc:
            response, error = None, f"Connection failed: {type(exc).__name__}"
        if error is not None:
            sandbox.world.webhook_errors += 1
            hook.last_error_date, hook.last_error_message = int(time.time()), error
            await bot.wait(backoff)
            backoff = min(backoff * 2, 5.0)
            continue
        backoff = retry_s
        sandbox.world.webhook_deliveries += 1
        if bot.updates and bot.updates[0] is update:
            bot.updates.popleft()
        if response is not None:
            await _run_reply_method(sandbox, bot, response)


async def _run_reply_method(sandbox: Sandbox, bot: BotState, response: httpx.Response) -> None:
    """A webhook may answer with a method call (JSON or a form, as aiogram sends it); Telegram runs it and
    discards the result."""
    content_type = response.headers.get("content-type", "")
    if not response.content or not content_type.startswith(_BODY_TYPES):
        return
    scope = {
        "type": "http",
        "method": "POST",
        "query_string": b"",
        "headers": [(b"content-type", content_type.encode())],
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": response.content, "more_body": False}

    with contextlib.suppress(ApiError, ValueError):
        params = await read_params(Request(scope, receive))
        handler = METHODS.get(str(params.get("method", "")).lower())
        if handler is not None:
            await handler(sandbox, bot, params)


async def cancel(task: asyncio.Task[None] | None) -> None:
    """Stop a delivery task and wait for it."""
    if task is not None and not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
