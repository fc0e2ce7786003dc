"""Callback data factories: a short prefix, an enum action and ids only (Telegram allows 64 bytes)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from core.models import Channel


class CardAction(StrEnum):
    SHOW = "sh"
    DRAFT = "d"
    REPLY = "r"
    SKIP = "s"
    TIMELINE = "t"
    APPROVE = "a"
    EDIT = "e"
    REGENERATE = "g"
    CANCEL = "x"


class CardCb(CallbackData, prefix="c"):
    """A button on an interaction's card."""

    action: CardAction
    interaction_id: int
    # The draft the button was rendered with: Approve of a superseded draft is refused as stale.
    draft_id: int = 0


class LangCb(CallbackData, prefix="l"):
    """Language choice (onboarding and /settings)."""

    language: str


class InboxCb(CallbackData, prefix="i"):
    """/inbox page and channel filter ("" = all channels)."""

    channel: str = ""
    page: int = 0


class SettingsAction(StrEnum):
    LANGUAGE = "lang"
    WINDOW = "win"
    AUTO_DRAFT = "ad"
    AUTO_SEND = "as"
    NOTIFY = "n"
    RATING = "rt"


class SettingsCb(CallbackData, prefix="st"):
    """A /settings button; `value` is the new value (or the switch name)."""

    action: SettingsAction
    value: str = ""


class MemberCb(CallbackData, prefix="m"):
    """Remove a member (owner's /members list)."""

    member_id: int


CHANNEL_FILTERS: tuple[Channel, ...] = (Channel.REVIEW, Channel.QUESTION, Channel.CHAT)
