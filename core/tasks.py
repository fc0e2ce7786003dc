"""The names of every background task, in one enum both task registries and every `kick` use.

Only names live here: `core` imports none of sync/bot, so both can import this without a cycle, and a kick's target
is a symbol (jump-to-definition, rename, a typo fails at import) instead of a string.
"""

from __future__ import annotations

from enum import StrEnum


class TaskName(StrEnum):
    """A task's name on the broker (the stream carries the value, so values never change)."""

    SYNC_TICK = "sync.tick"
    SYNC_CHANNEL = "sync.sync_channel"
    SEND_REPLY = "sync.send_reply"
    CHECK_PENDING = "sync.check_pending"
    EVALUATE_ALERTS = "sync.evaluate_alerts"
    LINK = "sync.link"
    PRUNE = "sync.prune"
    NOTIFY_INTERACTION = "bot.notify_interaction"
    REFRESH_CARDS = "bot.refresh_cards"
    DELIVER_ALERT = "bot.deliver_alert"
    BACKLOG_SUMMARY = "bot.backlog_summary"
    SEND_DIGESTS = "bot.send_digests"
    CHECK_SPIKES = "bot.check_spikes"
    BACKLOG_DRAFTS = "bot.backlog_drafts"
    BULK_TICK = "bot.bulk_tick"
