"""`agentiq run` (everything in one process, real Telegram and WB) and `agentiq demo` (the same on sandboxes)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("run")
def run() -> None:
    """Run the bot, the sync scheduler and workers, and the admin in one process (a single seller or a pilot)."""
    from cli.main import _settings
    from cli.runtime import run_all
    from cli.signals import run_until_signal
    from core.db import upgrade

    settings = _settings()
    if settings.telegram.bot_token is None:
        raise click.ClickException("AGENTIQ_TELEGRAM__BOT_TOKEN is not set (see README, Configuration)")

    async def main() -> None:
        await upgrade(settings)
        await run_all(settings)

    run_until_signal(main)


@click.command("demo")
@click.option(
    "--port-base",
    default=8100,
    show_default=True,
    help="Admin on this port, WB/Telegram/LLM on +1/+2/+3 (0: any free ports).",
)
@click.option("--seed", default=1, show_default=True, help="Seed of the demo store and of the buyer activity.")
@click.option("--inject-every", default=20.0, show_default=True, help="Seconds between new buyer interactions.")
@click.option("--data-dir", default="data/demo", show_default=True, type=click.Path(path_type=Path))
@click.option("--ready-file", default=None, type=click.Path(path_type=Path), help="Written once the demo is up.")
@click.option(
    "--llm/--no-llm",
    default=False,
    show_default=True,
    help="Draft with the LLM stand-in (canned text) instead of the templates, the product's default.",
)
def demo(port_base: int, seed: int, inject_every: float, data_dir: Path, ready_file: Path | None, llm: bool) -> None:
    """The whole product on the embedded default against the WB, Telegram and LLM sandboxes."""
    from cli.demo import DemoPorts, run_demo
    from cli.signals import run_until_signal

    ports = DemoPorts.from_base(port_base)
    if (taken := ports.first_taken()) is not None:
        raise click.ClickException(
            f"port {taken} is already in use (the demo takes {port_base}-{port_base + 3}): choose other ports "
            f"with --port-base, e.g. --port-base {port_base + 100}, or --port-base 0 for any free ports"
        )
    try:
        run_until_signal(
            lambda: run_demo(
                ports=ports,
                seed=seed,
                inject_every_s=inject_every,
                data_dir=data_dir,
                ready_file=ready_file,
                llm=llm,
            )
        )
    except OSError as exc:  # a port taken between the check and the bind
        raise click.ClickException(f"{exc}: choose other ports with --port-base") from None


def register(main: click.Group) -> None:
    """Attach the commands to `agentiq`."""
    main.add_command(run)
    main.add_command(demo)
