"""`agentiq bot`: run the Telegram bot (long polling, or a webhook server when a webhook URL is set)."""

from __future__ import annotations

import click


@click.command("bot")
@click.option("--host", default="127.0.0.1", show_default=True, help="Webhook server bind (webhook mode only).")
@click.option("--port", default=8080, show_default=True, help="Webhook server port (webhook mode only).")
def bot_command(host: str, port: int) -> None:
    """The Telegram bot: onboarding, cards, /inbox, /stats, /settings."""
    from bot.process import run
    from cli.main import _settings
    from cli.signals import run_until_signal
    from cli.wiring import build_broker

    settings = _settings()
    run_until_signal(lambda: run(settings, build_broker(settings), host=host, port=port))


def register(main: click.Group) -> None:
    """Attach the command to `agentiq`."""
    main.add_command(bot_command)
