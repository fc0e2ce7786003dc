"""The message under a tapped button, typed: Telegram sends none for an inline-mode message and only a stub for a
message older than 48 hours, which can be answered in its chat but no longer edited or read."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import CallbackQuery, InaccessibleMessage, Message


class MessageGone(LookupError):
    """The tapped message is not there to edit (the errors router's tap_failed answers "tap again")."""


def tapped_message(query: CallbackQuery) -> Message | InaccessibleMessage:
    """The message whose button was tapped, possibly only its stub (chat and id)."""
    if query.message is None:
        raise MessageGone("the tap came without its message")
    return query.message


def shown_message(query: CallbackQuery) -> Message:
    """The message whose button was tapped, still accessible (its text can be read and edited)."""
    message = tapped_message(query)
    if not isinstance(message, Message):
        raise MessageGone("the tapped message is older than Telegram lets a bot edit")
    return message


def bot_of(query: CallbackQuery) -> Bot:
    """The Bot that received the tap (aiogram binds every update it dispatches to one)."""
    if query.bot is None:
        raise RuntimeError("the tap is not bound to a Bot")
    return query.bot
