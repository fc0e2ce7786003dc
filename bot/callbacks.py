"""Callback data factories: a short prefix, an enum action and ids only (Telegram allows 64 bytes).

Callback data comes back from the client and can be forged: every field is checked against its enum or range
while it is unpacked, so a forged value matches no handler and ends in the errors router as a refused button.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Self

from aiogram.filters.callback_data import CallbackData
from pydantic import Field, field_validator, model_validator

from core.i18n import LANGUAGES
from core.models import FACT_KINDS, Channel, SummaryEvery
from core.seller_settings import NotifySettings
from core.timezones import ZONES

# Database ids: positive 63-bit integers.
Id = Field(gt=0, lt=2**63)


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
    # "Hide question" (WB hides it from buyers) and its confirm step.
    HIDE = "h"
    HIDE_CONFIRM = "hc"
    HIDE_CANCEL = "hx"
    # "Edit answer" on a published review/question card (WB: once, within 60 days), its confirm and cancel.
    EDIT_ANSWER = "ea"
    EDIT_ANSWER_CONFIRM = "ec"
    EDIT_ANSWER_CANCEL = "ex"
    # The preview of the seller's own text: Send it, or drop it (Edit again reuses EDIT).
    SEND = "sd"
    DISCARD = "dx"
    UNSKIP = "u"
    RECHECK = "rc"


class CardCb(CallbackData, prefix="c"):
    """A button on an interaction's card."""

    action: CardAction
    interaction_id: int = Id
    # The draft the button was rendered with: Approve of a superseded draft is refused as stale.
    draft_id: int = Field(default=0, ge=0, lt=2**63)


class TeachAction(StrEnum):
    SAVE = "s"
    NO = "n"


class TeachCb(CallbackData, prefix="tf"):
    """ "Save your answer as a product fact?" after the seller answered a question no fact answered (core.taught)."""

    action: TeachAction
    interaction_id: int = Id


class ClaimStep(StrEnum):
    ASK = "a"
    CONFIRM = "c"
    CANCEL = "x"


class ClaimCb(CallbackData, prefix="cl"):
    """A decision button of a return (claim) card and its confirm step; `action` is WB's code, checked in core."""

    step: ClaimStep
    action: str
    interaction_id: int = Id
    # The seller's comment (a draft) confirmed with `rejectcustom`, and the card to redraw from that prompt.
    draft_id: int = Field(default=0, ge=0, lt=2**63)
    card_id: int = Field(default=0, ge=0, lt=2**63)


class DemoTokenCb(CallbackData, prefix="dt"):
    """Onboarding in the demo: connect the WB sandbox store's token (the token itself never goes in the button)."""


class LangCb(CallbackData, prefix="l"):
    """Language choice (onboarding and /settings)."""

    language: str

    @field_validator("language")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError("unknown language")
        return value


class InboxCb(CallbackData, prefix="i"):
    """/inbox page and channel filter ("" = all channels); `oldest` lists the oldest first instead of urgent first."""

    channel: str = ""
    page: int = Field(default=0, ge=0, le=100_000)
    oldest: bool = False
    # Opened from a message that must stay readable (the onboarding backlog summary): the list comes as a new message.
    new: bool = False

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: str) -> str:
        if value and value not in Channel.__members__.values():
            raise ValueError("unknown channel")
        return value


class SettingsAction(StrEnum):
    LANGUAGE = "lang"
    WINDOW = "win"
    AUTO_DRAFT = "ad"
    AUTO_SEND = "as"
    # Auto-send goes on only from its 30-day replay screen (core.autosend_replay): "show" opens it, "on" confirms.
    AUTO_SEND_REPLAY = "asr"
    AUTO_SEND_ON = "ason"
    NOTIFY = "n"
    RATING = "rt"
    # value "" opens the zone picker, a zone name sets it.
    ZONE = "tz"
    BACK = "bk"
    # Quiet hours (core.quiet): the switch, the start and end hour, the night rule's rating, returns paging.
    QUIET = "q"
    QUIET_START = "qs"
    QUIET_END = "qe"
    QUIET_RATING = "qr"
    QUIET_RETURNS = "qt"


class SettingsCb(CallbackData, prefix="st"):
    """A /settings button; `value` is the new value (or the switch name)."""

    action: SettingsAction
    value: str = ""

    @model_validator(mode="after")
    def _value_fits_action(self) -> Self:
        if not _SETTINGS_VALUES[self.action](self.value):
            raise ValueError(f"bad value for {self.action}")
        return self


def _int_in(low: int, high: int) -> Callable[[str], bool]:
    return lambda value: value.isdecimal() and len(value) <= 5 and low <= int(value) <= high


_NOTIFY_SWITCHES = frozenset(name for name, f in NotifySettings.model_fields.items() if f.annotation is bool)
_SETTINGS_VALUES = {
    SettingsAction.LANGUAGE: lambda value: value in LANGUAGES,
    SettingsAction.WINDOW: _int_in(30, 1440),
    SettingsAction.AUTO_DRAFT: lambda value: value == "",
    SettingsAction.AUTO_SEND: lambda value: value == "",
    SettingsAction.AUTO_SEND_REPLAY: lambda value: value == "",
    SettingsAction.AUTO_SEND_ON: lambda value: value == "",
    SettingsAction.NOTIFY: lambda value: value in _NOTIFY_SWITCHES,
    SettingsAction.RATING: _int_in(1, 5),
    # Only the offered zones are set from the buttons ("" opens the picker).
    SettingsAction.ZONE: lambda value: value == "" or value in ZONES,
    SettingsAction.BACK: lambda value: value == "",
    SettingsAction.QUIET: lambda value: value == "",
    SettingsAction.QUIET_START: _int_in(0, 23),
    SettingsAction.QUIET_END: _int_in(0, 23),
    SettingsAction.QUIET_RATING: _int_in(0, 5),
    SettingsAction.QUIET_RETURNS: lambda value: value == "",
}


class MemberCb(CallbackData, prefix="m"):
    """Remove a member (owner's /members list)."""

    member_id: int = Id


class SellerCb(CallbackData, prefix="sl"):
    """Make one of the user's memberships the active one (/sellers)."""

    member_id: int = Id


CHANNEL_FILTERS: tuple[Channel, ...] = (Channel.REVIEW, Channel.QUESTION, Channel.CHAT, Channel.RETURN)


class VoiceAction(StrEnum):
    OPEN = "o"
    LLM = "llm"
    LLM_ARRIVAL = "lla"
    TONE = "tn"
    SIGNATURE = "sig"
    BRAND = "br"
    SIGNATURE_EN = "sge"
    BRAND_EN = "bre"
    BANNED = "ban"


class VoiceCb(CallbackData, prefix="v"):
    """The "Voice and drafts" screen of /settings: switches, or a field whose new text the seller types next."""

    action: VoiceAction


class FactsCb(CallbackData, prefix="f"):
    """Product facts of a card's product: `kind` "" shows them, a kind asks for its new text (`en`: the English
    texts)."""

    interaction_id: int = Id
    kind: str = ""
    en: bool = False  # the English texts (quoted in English replies)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value and value not in FACT_KINDS:
            raise ValueError("unknown fact kind")
        return value


class SpikeCb(CallbackData, prefix="sp"):
    """Mute a product spike's product × topic (the owners' spike message)."""

    spike_id: int = Id


class SummaryCb(CallbackData, prefix="sm"):
    """How often the summary is pushed (/digest settings); an unknown value fails the enum check."""

    every: SummaryEvery


class BulkAction(StrEnum):
    """The backlog bulk flow (bot.backlog_bulk): a cluster's approve, its confirm or cancel, pause and resume."""

    APPROVE = "a"
    CONFIRM = "c"
    CANCEL = "x"
    PAUSE = "p"
    RESUME = "r"


class BulkCb(CallbackData, prefix="bk"):
    """A cluster by its index in `core.backlog_bulk.CLUSTERS`, the confirm's nonce (hex; a double tap of one confirm
    is one batch), or a batch id for pause/resume."""

    action: BulkAction
    cluster: int = Field(default=0, ge=0, lt=8)
    nonce: str = Field(default="", pattern=r"^[0-9a-f]{0,16}$")
    batch_id: int = Field(default=0, ge=0, lt=2**63)
