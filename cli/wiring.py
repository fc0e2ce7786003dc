"""The product's broker: built from the settings an entry point holds, with the task sets registered on it.

It lives here, beside the entry points, because it is the one place that knows both `sync` and `bot`: sync never
imports bot, and both register their tasks on a broker they are given.
"""

from __future__ import annotations

from taskiq import AsyncBroker

from bot import tasks as bot_tasks
from core.settings import Settings
from sync import tasks as sync_tasks
from sync.broker import get_broker


def build_broker(settings: Settings, *, sync: bool = True, bot: bool = True) -> AsyncBroker:
    """A broker for these settings (Redis stream or in-process; not started) with the sync and/or bot tasks and
    their worker startup (the sync context, the notifier) opened from `settings`."""
    broker = get_broker(settings)
    if sync:
        sync_tasks.register(broker, settings)
    if bot:
        bot_tasks.register(broker, settings)
    return broker
