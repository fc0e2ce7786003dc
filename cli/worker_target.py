"""The `taskiq worker` targets (`agentiq worker` picks one): broker factories, so importing this builds nothing.

taskiq calls the factory in each worker process; the settings come from that process's environment.
"""

from __future__ import annotations

from taskiq import AsyncBroker

from cli.wiring import build_broker
from core.settings import load_settings


def broker() -> AsyncBroker:
    """Every task: sync and the bot's."""
    return build_broker(load_settings())


def sync_broker() -> AsyncBroker:
    """The sync tasks only (a worker pool that does not talk to Telegram)."""
    return build_broker(load_settings(), bot=False)


def bot_broker() -> AsyncBroker:
    """The bot's tasks only."""
    return build_broker(load_settings(), sync=False)
