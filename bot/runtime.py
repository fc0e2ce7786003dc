"""The bot's process resources as one context manager, shared by `agentiq bot`, `agentiq run` and the demo.

Opens the database, the Bot, the shared Telegram limiter and the process's one LLM client, starts the broker its
caller built (`cli.wiring.build_broker`; the WB token probe comes from the caller too) — in the embedded setup
the in-process broker then runs every task here — and builds the Dispatcher.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from taskiq import AsyncBroker, InMemoryBroker

from bot.app import build_bot, build_dispatcher
from bot.backfill import Backfill
from bot.notifier import Notifier
from bot.routers.help import set_commands
from core.db import open_database
from core.llm import process_client
from core.ratelimit import build_limiter
from core.settings import Settings
from core.tokens import TokenProbe
from sync.broker import send_queue

SHUTDOWN_GRACE_S = 30.0


@dataclass
class BotRuntime:
    """What a running bot process holds."""

    bot: Bot
    dispatcher: Dispatcher
    broker: AsyncBroker


@contextlib.asynccontextmanager
async def bot_runtime(settings: Settings, broker: AsyncBroker, probe: TokenProbe) -> AsyncIterator[BotRuntime]:
    """Open everything the bot needs around `broker` (built with every task) and the WB token `probe` onboarding
    uses (both the entry point's); close it all on exit, in reverse order."""
    db = await open_database(settings)
    bot = build_bot(settings)
    limiter = build_limiter(settings)
    backfill = Backfill(bot, broker)
    enqueue = send_queue(broker)
    llm_client = process_client(settings.llm)
    broker.state.notifier = Notifier(bot, limiter, settings, enqueue=enqueue, llm_client=llm_client)
    await broker.startup()
    try:
        dp = build_dispatcher(settings, probe=probe, backfill=backfill, enqueue=enqueue, llm_client=llm_client)
        await set_commands(bot, settings.default_language)
        yield BotRuntime(bot=bot, dispatcher=dp, broker=broker)
    finally:
        await backfill.aclose()
        if isinstance(broker, InMemoryBroker):
            # In-process tasks die with the process: let in-flight sends finish first (a card cut off between
            # its claim and its send would be lost). The stream broker redelivers instead.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(drain_in_process(broker), timeout=SHUTDOWN_GRACE_S)
        await broker.shutdown()
        await limiter.aclose()
        if llm_client is not None:
            await llm_client.close()
        await bot.session.close()
        await db.close()


async def drain_in_process(broker: InMemoryBroker) -> None:
    """Wait until no in-process task runs. `wait_all` awaits only the tasks running when it is called, and a task
    may kick another meanwhile (a send kicks the card refresh), which would then run against closed clients."""
    while broker._running_tasks:  # taskiq has no public view of them
        await broker.wait_all()


POLLING_STOP_S = 10.0


async def poll_until_cancelled(runtime: BotRuntime) -> None:
    """Long polling until this task is cancelled (Ctrl-C / SIGTERM), then a clean stop.

    Cancelling aiogram's `start_polling` while it waits leaves its per-bot poll loop running as an orphan task,
    which keeps calling getUpdates while the rest of the process (and, in the demo, the Telegram sandbox) shuts
    down and logs "Failed to fetch updates". So polling runs in a task of its own, and a cancellation is turned
    into the dispatcher's own stop signal, which ends the loop before anything it talks to closes.
    """
    await runtime.bot.delete_webhook()
    polling = asyncio.create_task(runtime.dispatcher.start_polling(runtime.bot, handle_signals=False))
    try:
        await asyncio.shield(polling)
    except asyncio.CancelledError:
        # RuntimeError: cancelled before polling started; then cancelling the task below is enough.
        with contextlib.suppress(RuntimeError, TimeoutError):
            await asyncio.wait_for(runtime.dispatcher.stop_polling(), POLLING_STOP_S)
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        raise
