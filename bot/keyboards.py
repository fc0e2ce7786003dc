"""Inline keyboards. Buttons carry callback-data factories (ids only); texts come from the locales."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import (
    CHANNEL_FILTERS,
    BulkAction,
    BulkCb,
    CardAction,
    CardCb,
    FactsCb,
    InboxCb,
    LangCb,
    MemberCb,
    SellerCb,
    SettingsAction,
    SettingsCb,
    SummaryCb,
    VoiceAction,
    VoiceCb,
)
from bot.claim_card import claim_keyboard
from bot.text import product_url
from core.autosend import RULES_VERSION
from core.humanize import duration
from core.i18n import LANGUAGES, Translator, translator
from core.inbox import InboxPage
from core.items.actions import Action
from core.items.view import ItemView
from core.models import FACT_KINDS, Channel, MemberRole, SellerMember, SummaryEvery
from core.question_actions import is_warned
from core.seller_settings import SellerSettings
from core.timezones import ZONES, zone_label

WINDOW_CHOICES = (30, 180, 720, 1440)
QUIET_STARTS = (20, 21, 22, 23, 0)
QUIET_ENDS = (6, 7, 8, 9, 10)
QUIET_RATINGS = (0, 1, 2, 3)


# The buttons of a card's actions in their order; Approve, Edit, Regenerate and Cancel carry the draft's id.
_BUTTONS: tuple[tuple[Action, CardAction, str], ...] = (
    (Action.APPROVE, CardAction.APPROVE, "bot-btn-approve"),
    (Action.DRAFT, CardAction.DRAFT, "bot-btn-draft"),
    (Action.REPLY, CardAction.REPLY, "bot-btn-reply"),
    (Action.REGENERATE, CardAction.REGENERATE, "bot-btn-regenerate"),
    (Action.CANCEL, CardAction.CANCEL, "bot-btn-cancel"),
    (Action.SKIP, CardAction.SKIP, "bot-btn-skip"),
    (Action.UNSKIP, CardAction.UNSKIP, "bot-btn-unskip"),
    (Action.RECHECK, CardAction.RECHECK, "bot-btn-recheck"),
    (Action.EDIT_ANSWER, CardAction.EDIT_ANSWER, "answer-edit-btn"),
    (Action.HIDE, CardAction.HIDE, "question-btn-hide"),
)


def card_keyboard(data: ItemView, t: Translator) -> InlineKeyboardMarkup:
    """A button per action the item offers now (`data.actions`), then Timeline, the product page and its facts."""
    if data.interaction.channel == Channel.RETURN:
        return claim_keyboard(data, t)
    kb = InlineKeyboardBuilder()
    iid = data.interaction.id
    draft_id = data.draft.id if data.draft is not None else 0
    buttons = list(_BUTTONS)
    if is_warned(data.interaction):
        buttons.insert(0, buttons.pop())  # WB flagged the question: hiding comes first
    for action, button, key in buttons:
        if action not in data.actions:
            continue
        if action == Action.REPLY and Action.REGENERATE in data.actions:
            button, key = CardAction.EDIT, "bot-btn-edit"  # with a draft, the seller's own text starts from it
        with_draft = button in (CardAction.APPROVE, CardAction.EDIT, CardAction.REGENERATE, CardAction.CANCEL)
        cb = CardCb(action=button, interaction_id=iid, draft_id=draft_id if with_draft else 0)
        kb.button(text=t(key), callback_data=cb)
    kb.button(text=t("bot-btn-timeline"), callback_data=CardCb(action=CardAction.TIMELINE, interaction_id=iid))
    if data.nm_id:
        kb.button(text=t("bot-btn-product"), url=product_url(data.nm_id))
    if data.nm_id and Action.REPLY in data.actions:  # facts help an answer still to be written
        kb.button(text=t("bot-btn-facts"), callback_data=FactsCb(interaction_id=iid))
    kb.adjust(3, 3)
    return kb.as_markup()


def preview_keyboard(interaction_id: int, draft_id: int, t: Translator) -> InlineKeyboardMarkup:
    """Send / Edit again / Cancel under the preview of the seller's own text."""
    kb = InlineKeyboardBuilder()
    for action, key in (
        (CardAction.SEND, "bot-btn-send"),
        (CardAction.EDIT, "bot-btn-edit-again"),
        (CardAction.DISCARD, "bot-btn-cancel"),
    ):
        kb.button(text=t(key), callback_data=CardCb(action=action, interaction_id=interaction_id, draft_id=draft_id))
    kb.adjust(1, 2)
    return kb.as_markup()


def hide_confirm_keyboard(interaction_id: int, t: Translator) -> InlineKeyboardMarkup:
    """The confirm step of "Hide question"."""
    kb = InlineKeyboardBuilder()
    for action, key in (
        (CardAction.HIDE_CONFIRM, "question-btn-hide-confirm"),
        (CardAction.HIDE_CANCEL, "bot-btn-cancel"),
    ):
        kb.button(text=t(key), callback_data=CardCb(action=action, interaction_id=interaction_id))
    kb.adjust(1)
    return kb.as_markup()


def edit_confirm_keyboard(interaction_id: int, draft_id: int, t: Translator) -> InlineKeyboardMarkup:
    """The confirm step of an answer edit (the new text is the draft `draft_id`)."""
    kb = InlineKeyboardBuilder()
    for action, key in (
        (CardAction.EDIT_ANSWER_CONFIRM, "answer-edit-btn-confirm"),
        (CardAction.EDIT_ANSWER_CANCEL, "bot-btn-cancel"),
    ):
        kb.button(text=t(key), callback_data=CardCb(action=action, interaction_id=interaction_id, draft_id=draft_id))
    kb.adjust(1)
    return kb.as_markup()


def language_keyboard() -> InlineKeyboardMarkup:
    """Русский / English."""
    kb = InlineKeyboardBuilder()
    for language in LANGUAGES:
        kb.button(text={"ru": "Русский", "en": "English"}[language], callback_data=LangCb(language=language))
    return kb.as_markup()


def inbox_keyboard(page: InboxPage, channel: str, t: Translator, oldest: bool = False) -> InlineKeyboardMarkup:
    """A button per listed item, the channel filter and the pager (both keep the order: urgent or oldest first)."""
    kb = InlineKeyboardBuilder()
    for n, item in enumerate(page.items, start=1):
        kb.button(text=str(n), callback_data=CardCb(action=CardAction.SHOW, interaction_id=item.id))
    sizes = [len(page.items)] if page.items else []
    for option in ("", *CHANNEL_FILTERS):
        mark = "• " if option == channel else ""
        kb.button(
            text=mark + t(f"bot-filter-{option or 'all'}"), callback_data=InboxCb(channel=option, page=0, oldest=oldest)
        )
    sizes.append(len(CHANNEL_FILTERS) + 1)
    if page.pages > 1:
        for number, label in ((max(page.page - 1, 0), "‹"), (page.page, f"{page.page + 1}/{page.pages}"),
                              (min(page.page + 1, page.pages - 1), "›")):  # fmt: skip
            kb.button(text=label, callback_data=InboxCb(channel=channel, page=number, oldest=oldest))
        sizes.append(3)
    kb.adjust(*sizes)
    return kb.as_markup()


def summary_schedule_keyboard(current: SummaryEvery, t: Translator) -> InlineKeyboardMarkup:
    """/digest's push schedule: off / daily / weekly, the current choice marked."""
    kb = InlineKeyboardBuilder()
    for every in SummaryEvery:
        mark = "✅ " if every == current else ""
        kb.button(text=mark + t(f"summary-every-{every.value}"), callback_data=SummaryCb(every=every))
    kb.adjust(3)
    return kb.as_markup()


def voice_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """Switch the LLM and the tone, edit the texts, back to /settings."""
    kb = InlineKeyboardBuilder()
    for action in VoiceAction:
        if action != VoiceAction.OPEN:
            kb.button(text=t(f"bot-voice-btn-{action.value}"), callback_data=VoiceCb(action=action))
    kb.button(text=t("bot-settings-btn-back"), callback_data=SettingsCb(action=SettingsAction.BACK))
    kb.adjust(2, 2, 2, 2, 1)
    return kb.as_markup()


def facts_keyboard(interaction_id: int, t: Translator, en: bool = False) -> InlineKeyboardMarkup:
    """One button per kind of fact, and the switch to the other language's texts."""
    kb = InlineKeyboardBuilder()
    for kind in FACT_KINDS:
        kb.button(
            text=t(f"bot-facts-kind-{kind}"), callback_data=FactsCb(interaction_id=interaction_id, kind=kind, en=en)
        )
    other = "bot-facts-btn-main" if en else "bot-facts-btn-en"
    kb.button(text=t(other), callback_data=FactsCb(interaction_id=interaction_id, en=not en))
    kb.adjust(2)
    return kb.as_markup()


def settings_keyboard(current: SellerSettings, language: str, t: Translator) -> InlineKeyboardMarkup:
    """One row per section, the current choice marked ✅ and switches that are off marked ❌."""
    kb = InlineKeyboardBuilder()
    now = datetime.now(UTC)

    def button(text: str, action: SettingsAction, value: str = "", chosen: bool = False) -> None:
        kb.button(text=("✅ " if chosen else "") + text, callback_data=SettingsCb(action=action, value=value))

    for lang in LANGUAGES:
        button(translator(lang)("settings-language-name"), SettingsAction.LANGUAGE, lang, lang == language)
    zone = zone_label(current.business_hours.timezone, t, now)
    button(t("bot-settings-btn-zone", zone=zone), SettingsAction.ZONE)
    for minutes in WINDOW_CHOICES:
        label = t("bot-settings-btn-window", window=duration(minutes * 60, t))
        button(label, SettingsAction.WINDOW, str(minutes), minutes == current.pending_window_min)
    on_off = {True: "✅", False: "❌"}
    kb.button(
        text=f"{on_off[current.auto_draft]} {t('bot-settings-auto-draft')}",
        callback_data=SettingsCb(action=SettingsAction.AUTO_DRAFT),
    )
    # Switching auto-send on (or back on after its rules changed) goes through its 30-day replay first.
    live = current.auto_send and current.auto_send_rules == RULES_VERSION
    kb.button(
        text=f"{on_off[live]} {t('bot-settings-auto-send')}",
        callback_data=SettingsCb(action=SettingsAction.AUTO_SEND if live else SettingsAction.AUTO_SEND_REPLAY),
    )
    for name in ("reviews", "questions", "chats"):
        kb.button(
            text=f"{on_off[getattr(current.notify, name)]} {t(f'bot-settings-notify-{name}')}",
            callback_data=SettingsCb(action=SettingsAction.NOTIFY, value=name),
        )
    for rating in range(1, 6):
        chosen = rating == current.notify.max_review_rating
        button(t("bot-settings-btn-rating", rating=rating), SettingsAction.RATING, str(rating), chosen)
    _quiet_buttons(kb, current, t)
    kb.button(text=t("bot-settings-btn-voice"), callback_data=VoiceCb(action=VoiceAction.OPEN))
    kb.adjust(len(LANGUAGES), 1, len(WINDOW_CHOICES), 1, 1, 3, 5, 2, 3, 1)
    return kb.as_markup()


def autosend_replay_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """Under the auto-send replay: switch it on (having seen the replay), or back to /settings."""
    kb = InlineKeyboardBuilder()
    kb.button(text=t("autosend-replay-btn-on"), callback_data=SettingsCb(action=SettingsAction.AUTO_SEND_ON))
    kb.button(text=t("autosend-replay-btn-back"), callback_data=SettingsCb(action=SettingsAction.BACK))
    kb.adjust(1)
    return kb.as_markup()


def _next(choices: tuple[int, ...], current: int) -> int:
    """The choice after `current` (cycling), or the first one when `current` is not offered."""
    return choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[0]


def _quiet_buttons(kb: InlineKeyboardBuilder, current: SellerSettings, t: Translator) -> None:
    """Quiet hours: the switch and returns paging, then the start, end and night-rule buttons (each press moves
    to the next offered value)."""
    quiet, on_off = current.quiet, {True: "✅", False: "❌"}

    def button(text: str, action: SettingsAction, value: str = "") -> None:
        kb.button(text=text, callback_data=SettingsCb(action=action, value=value))

    button(f"{on_off[quiet.enabled]} {t('quiet-btn-switch')}", SettingsAction.QUIET)
    button(f"{on_off[quiet.page_returns]} {t('quiet-btn-returns')}", SettingsAction.QUIET_RETURNS)
    start, end = quiet.start.hour, quiet.end.hour
    button(t("quiet-btn-start", hour=f"{start:02d}"), SettingsAction.QUIET_START, str(_next(QUIET_STARTS, start)))
    button(t("quiet-btn-end", hour=f"{end:02d}"), SettingsAction.QUIET_END, str(_next(QUIET_ENDS, end)))
    rating = quiet.page_max_rating
    button(t("quiet-btn-rating", rating=rating), SettingsAction.QUIET_RATING, str(_next(QUIET_RATINGS, rating)))


def zone_keyboard(current: str, t: Translator) -> InlineKeyboardMarkup:
    """The offered time zones (current one marked) and Back."""
    kb = InlineKeyboardBuilder()
    now = datetime.now(UTC)
    for zone in ZONES:
        mark = "✅ " if zone == current else ""
        kb.button(
            text=mark + zone_label(zone, t, now), callback_data=SettingsCb(action=SettingsAction.ZONE, value=zone)
        )
    kb.button(text=t("bot-settings-btn-back"), callback_data=SettingsCb(action=SettingsAction.BACK))
    kb.adjust(*([2] * (len(ZONES) // 2)), *([1] * (len(ZONES) % 2)), 1)
    return kb.as_markup()


def members_keyboard(members: list[SellerMember], t: Translator) -> InlineKeyboardMarkup:
    """A remove button per operator."""
    kb = InlineKeyboardBuilder()
    for m in members:
        if m.role != MemberRole.OWNER:
            kb.button(
                text=t("bot-btn-remove", name=m.name or str(m.tg_user_id)), callback_data=MemberCb(member_id=m.id)
            )
    kb.adjust(1)
    return kb.as_markup()


def sellers_keyboard(memberships: list[SellerMember], t: Translator) -> InlineKeyboardMarkup:
    """A button per seller the user belongs to; the active one (first) is marked."""
    kb = InlineKeyboardBuilder()
    for n, m in enumerate(memberships):
        label = t("bot-seller-button", seller=m.seller.name or str(m.seller_id), role=t(f"bot-role-{m.role}"))
        kb.button(text=("✅ " if n == 0 else "") + label, callback_data=SellerCb(member_id=m.id))
    kb.adjust(1)
    return kb.as_markup()


def bulk_cluster_keyboard(cluster: int, count: int, t: Translator) -> InlineKeyboardMarkup:
    """A backlog cluster's card: approve all of its drafts (a confirm follows)."""
    kb = InlineKeyboardBuilder()
    kb.button(text=t("bulk-btn-approve", count=count), callback_data=BulkCb(action=BulkAction.APPROVE, cluster=cluster))
    return kb.as_markup()


def bulk_confirm_keyboard(cluster: int, nonce: str, count: int, t: Translator) -> InlineKeyboardMarkup:
    """The confirm of a cluster's approval, with the count; its nonce makes a double tap one batch."""
    kb = InlineKeyboardBuilder()
    kb.button(
        text=t("bulk-btn-confirm", count=count),
        callback_data=BulkCb(action=BulkAction.CONFIRM, cluster=cluster, nonce=nonce),
    )
    kb.button(text=t("bulk-btn-cancel"), callback_data=BulkCb(action=BulkAction.CANCEL, cluster=cluster))
    kb.adjust(1)
    return kb.as_markup()


def bulk_progress_keyboard(batch_id: int, paused: bool, t: Translator) -> InlineKeyboardMarkup:
    """Pause or resume a batch that is still sending."""
    kb = InlineKeyboardBuilder()
    action = BulkAction.RESUME if paused else BulkAction.PAUSE
    kb.button(text=t(f"bulk-btn-{action.name.lower()}"), callback_data=BulkCb(action=action, batch_id=batch_id))
    return kb.as_markup()
