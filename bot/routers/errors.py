"""Last router: answers the refusals core raises, and catches buttons and texts no other router took.

Error handlers run outside the message/callback middlewares, so they resolve the member and language themselves.
"""

from __future__ import annotations

import contextlib
import logging
from contextlib import suppress

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ErrorEvent, Message, Update, User

from bot.render import clip
from bot.tapped import tapped_message
from core import access, members, tokens
from core.guardrails import GuardrailViolation
from core.i18n import LANGUAGES, Translator, translator
from core.models import SellerMember
from core.replies import ReplyNotAllowed

router = Router(name="errors")
log = logging.getLogger(__name__)


async def _who(update: Update) -> tuple[User, SellerMember | None, Translator]:
    event = update.callback_query or update.message
    # The bot is sent taps and private messages only, each with its sender.
    assert event is not None and event.from_user is not None
    user = event.from_user
    member = await members.member_of(user.id)
    language = member.language if member and member.language else (user.language_code or "")[:2]
    return user, member, translator(language if language in LANGUAGES else None)


async def _say(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        assert update.message is not None  # not a tap: a message
        await update.message.answer(text)


def _reason(event: ErrorEvent) -> str:
    """The refusal's reason: the routers using it filter on exceptions that carry one."""
    refusal = event.exception
    assert isinstance(refusal, access.NotAllowed | ReplyNotAllowed | tokens.TokenRejected)
    return refusal.reason


def _command_of(message: Message | None) -> str:
    """What a refused message asked for: its command, never its free text (it may be a pasted WB token)."""
    text = ((message.text if message else None) or "").strip()
    return text.split(maxsplit=1)[0][:64] if text.startswith("/") else "<text>"


@router.error(ExceptionTypeFilter(access.NotAllowed))
async def not_allowed(event: ErrorEvent) -> None:
    user, member, t = await _who(event.update)
    query = event.update.callback_query
    detail = query.data if query else _command_of(event.update.message)
    await access.record_refusal(member, tg_user_id=user.id, reason=_reason(event), detail=detail or "")
    await _say(event.update, t(f"bot-denied-{_reason(event)}"))


@router.error(ExceptionTypeFilter(GuardrailViolation))
async def blocked(event: ErrorEvent) -> None:
    _, _, t = await _who(event.update)
    assert isinstance(event.exception, GuardrailViolation)  # the router's filter
    verdict = event.exception.verdict
    message = event.update.message
    if message is not None and any(v.rule_id == "secret.token" for v in verdict.violations):
        # A WB token typed into a reply: like a token pasted anywhere else, it does not stay in the chat.
        with suppress(TelegramAPIError):
            await message.delete()
    reasons = verdict.reasons(t.language)
    lines = [t("bot-blocked")] + [f"• {clip(reason, 300, '…')}" for reason in reasons]
    if event.update.callback_query is not None:
        await event.update.callback_query.answer(t("bot-blocked"), show_alert=True)
        await tapped_message(event.update.callback_query).answer("\n".join(lines))
    else:
        assert event.update.message is not None  # not a tap: a message
        await event.update.message.answer("\n".join(lines))


@router.error(ExceptionTypeFilter(ReplyNotAllowed))
async def reply_not_allowed(event: ErrorEvent) -> None:
    _, _, t = await _who(event.update)
    await _say(event.update, t(f"bot-reply-{_reason(event)}"))


@router.error(ExceptionTypeFilter(tokens.TokenRejected))
async def token_rejected(event: ErrorEvent) -> None:
    _, _, t = await _who(event.update)
    await _say(event.update, t(f"bot-token-{_reason(event)}"))


@router.error(ExceptionTypeFilter(members.InviteInvalid))
async def invite_invalid(event: ErrorEvent) -> None:
    _, _, t = await _who(event.update)
    await _say(event.update, t("bot-invite-invalid"))


@router.error(F.update.callback_query)
async def tap_failed(event: ErrorEvent) -> None:
    """Any other failure of a tap (the database, Redis or Telegram away): the spinner ends with "tap again" instead
    of spinning until Telegram gives up. Nothing here needs the database: the language is Telegram's."""
    query = event.update.callback_query
    assert query is not None  # the router's filter: a tap
    log.error(
        "tap failed: update %s, data %r: %s: %s",
        event.update.update_id,
        query.data,
        type(event.exception).__name__,
        event.exception,
    )
    language = (query.from_user.language_code or "")[:2]
    t = translator(language if language in LANGUAGES else None)
    with contextlib.suppress(TelegramAPIError):
        await query.answer(t("bot-tap-again"), show_alert=True)


@router.callback_query()
async def unknown_button(query: CallbackQuery, member: SellerMember | None, tg_user_id: int, t: Translator) -> None:
    # Unparseable or unknown callback data: a forged button, or one from an older bot version.
    await access.record_refusal(member, tg_user_id=tg_user_id, reason="stale", detail=query.data or "")
    await query.answer(t("bot-denied-stale"), show_alert=True)


@router.message(F.text)
async def unknown_text(message: Message, member: SellerMember | None, state: FSMContext, t: Translator) -> None:
    await message.answer(t("bot-unknown" if member else "bot-start-first"))
