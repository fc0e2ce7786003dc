"""`agentiq health bot|worker|scheduler`: the liveness check compose runs inside each container."""

from __future__ import annotations

import asyncio

import click

from core.heartbeat import KINDS
from core.settings import Settings


@click.command("health")
@click.argument("kind", type=click.Choice(KINDS))
def health(kind: str) -> None:
    """Exit 0 when this container's KIND process beat recently (its heartbeat in Redis) and the configured keys
    open the stored WB tokens, else 1."""
    from cli.main import _settings
    from core.heartbeat import age_s

    settings = _settings()
    if settings.redis_url is None:
        raise click.ClickException("AGENTIQ_REDIS_URL is not set: heartbeats live in Redis")
    try:
        age = asyncio.run(asyncio.wait_for(age_s(settings.redis_url, kind), timeout=5))
    except Exception as exc:  # redis-py's connection errors: say which, never the URL
        raise click.ClickException(f"Redis did not answer: {type(exc).__name__}") from None
    if age is None:
        raise click.ClickException(f"no {kind} heartbeat within {3 * settings.sync.heartbeat_s:g} s")
    try:
        problem = asyncio.run(asyncio.wait_for(_key_problem(settings), timeout=10))
    except Exception as exc:  # the database's errors: say which, never the URL
        raise click.ClickException(f"the database did not answer: {type(exc).__name__}") from None
    if problem:
        raise click.ClickException(problem)
    click.echo(f"{kind} alive (last beat {age:.1f} s ago)")


async def _key_problem(settings: Settings) -> str | None:
    from core import tokens
    from core.db import database

    async with database(settings):
        return await tokens.key_problem(settings)


def register(main: click.Group) -> None:
    """Attach the command to `agentiq`."""
    main.add_command(health)
