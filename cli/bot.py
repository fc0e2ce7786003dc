"""`agentiq bot`: run the Telegram bot (long polling, or a webhook server when a webhook URL is set)."""

from __future__ import annotations

import click


@click.command("bot")
@click.option("--host", default="127.0.0.1", show_default=True, help="Webhook server bind (webhook mode only).")
@click.option("--port", default=8080, show_default=True, help="Webhook server port (webhook mode only).")
def bot_command(host: str, port: int) -> None:
    """The Telegram bot: onboarding, cards, /inbox, /stats, /settings."""
    from bot.process import run
    from bot.webhook import WebhookTaken
    from cli.main import _settings
    from cli.signals import run_until_signal
    from cli.wiring import build_broker
    from core import metrics
    from core.watchdog import watching
    from sync.token_probe import open_token_probe

    settings = _settings()
    metrics.serve(settings.metrics.host, settings.metrics.bot_port)

    async def main() -> None:
        async with watching("bot", settings.metrics.watchdog_s), open_token_probe(settings.wb) as probe:
            await run(settings, build_broker(settings), probe, host=host, port=port)

    try:
        run_until_signal(main)
    except WebhookTaken as exc:
        raise click.ClickException(str(exc)) from None


def register(main: click.Group) -> None:
    """Attach the command to `agentiq`."""
    main.add_command(bot_command)
