"""The `agentiq` command. Subcommands import their package lazily so `agentiq db ...` needs no bot or broker."""

from __future__ import annotations

import asyncio
import sys

import click

from core.settings import Settings, SettingsError, load_settings


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def main() -> None:
    """AgentIQ: a Wildberries seller's buyer inbox, answered from Telegram."""
    from core.logs import setup_logging

    settings = _settings()
    setup_logging(fmt=settings.log_format, level=settings.log_level)


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations."""
    from core import db as core_db

    settings = _settings()
    asyncio.run(core_db.upgrade(settings))
    click.echo("database is up to date")


@db.command("status")
def db_status() -> None:
    """Show applied and pending migrations; exit 1 when some are pending."""
    from core import db as core_db

    result = asyncio.run(core_db.status(_settings()))
    for name in result["applied"]:
        click.echo(f"applied  {name}")
    for name in result["pending"]:
        click.echo(f"pending  {name}")
    if result["pending"]:
        sys.exit(1)


@main.group()
def keys() -> None:
    """Encryption keys of the stored secrets."""


@keys.command("rotate")
def keys_rotate() -> None:
    """Re-encrypt every WB token with the first key of AGENTIQ_ENCRYPTION_KEYS (then the old key can go)."""
    from core import db as core_db
    from core.tokens import reencrypt_tokens

    settings = _settings()

    async def rotate() -> int:
        async with core_db.database(settings):
            return await reencrypt_tokens(settings)

    click.echo(f"re-encrypted {asyncio.run(rotate())} token(s) with the newest key")


def _register_optional_groups() -> None:
    """Attach the command groups that live beside their packages (each module exposes `register(main)`)."""
    import importlib

    for module_name in (
        "cli.sandbox",
        "cli.wb",
        "cli.run",
        "cli.admin",
        "cli.bot",
        "cli.workers",
        "cli.health",
        "cli.draft",
    ):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(main)


_register_optional_groups()
