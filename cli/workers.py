"""`agentiq worker` and `agentiq scheduler`: the taskiq worker processes and the tick that feeds them."""

from __future__ import annotations

import sys

import click

# `--tasks` → the factory in `cli.worker_target` that registers that set.
TARGETS = {"all": "broker", "sync": "sync_broker", "bot": "bot_broker"}


@click.command("worker")
@click.option("--workers", default=1, show_default=True, help="Worker processes (each runs many tasks at once).")
@click.option("--max-async-tasks", default=100, show_default=True, help="Concurrent tasks per process.")
@click.option(
    "--tasks", type=click.Choice(list(TARGETS)), default="all", show_default=True, help="Which task set to run."
)
def worker(workers: int, max_async_tasks: int, tasks: str) -> None:
    """Run taskiq workers on the configured broker (Redis streams; requires AGENTIQ_REDIS_URL)."""
    from cli.main import _settings

    if _settings().redis_url is None:
        raise click.ClickException("AGENTIQ_REDIS_URL is not set: the embedded mode runs tasks in-process")
    from taskiq.cli.worker.args import WorkerArgs
    from taskiq.cli.worker.run import run_worker

    args = [
        f"cli.worker_target:{TARGETS[tasks]}",
        "--workers",
        str(workers),
        "--max-async-tasks",
        str(max_async_tasks),
        "--ack-type",
        "when_saved",
        # On SIGTERM running tasks get this long to finish; an unfinished one is not acked, so the stream
        # broker hands it to another worker (every task is idempotent).
        "--wait-tasks-timeout",
        "25",
        # `agentiq` already set up logging (JSON in production); the forked worker processes inherit it, so
        # taskiq's own lines come out in the same format instead of its plain-text basicConfig.
        "--no-configure-logging",
    ]
    sys.exit(run_worker(WorkerArgs.from_cli(args)) or 0)


@click.command("scheduler")
def scheduler() -> None:
    """Kick the sync tick every AGENTIQ_SYNC__TICK_S seconds (several schedulers are safe: claims are atomic)."""
    from cli.main import _settings
    from cli.signals import run_until_signal
    from core import metrics
    from core.watchdog import watching
    from sync.broker import get_broker
    from sync.scheduler import run_forever

    settings = _settings()
    # The scheduler only kicks: a stream broker needs no registered task for that.
    broker = get_broker(settings)
    # One reporter of the task stream's state, not one per worker.
    metrics.watch_queue(settings.redis_url, settings.sync.queue_name)
    metrics.serve(settings.metrics.host, settings.metrics.scheduler_port)

    async def main() -> None:
        await broker.startup()
        try:
            async with watching("scheduler", settings.metrics.watchdog_s):
                await run_forever(broker, settings)
        finally:
            await broker.shutdown()

    run_until_signal(main)


def register(main: click.Group) -> None:
    """Attach the commands to `agentiq`."""
    main.add_command(worker)
    main.add_command(scheduler)
