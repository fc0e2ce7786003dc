"""`agentiq sandbox wb|telegram|llm`: run one sandbox server alone."""

from __future__ import annotations

import click

from cli.serving import run_app


@click.group("sandbox")
def sandbox_group() -> None:
    """Local stand-ins for WB, Telegram and an LLM, speaking the real protocols."""


@sandbox_group.command("wb")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8101, show_default=True)
@click.option("--seed", default=1, show_default=True, help="Seed of the generated store.")
def sandbox_wb(host: str, port: int, seed: int) -> None:
    """The WB seller API sandbox (reviews, questions, chats)."""
    from sandbox.wb.server import create_app

    run_app(create_app(seed=seed), host=host, port=port)


@sandbox_group.command("telegram")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8102, show_default=True)
def sandbox_telegram(host: str, port: int) -> None:
    """The Telegram Bot API sandbox with its chat web page."""
    from sandbox.telegram.server import create_app

    run_app(create_app(), host=host, port=port)


@sandbox_group.command("llm")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8103, show_default=True)
def sandbox_llm(host: str, port: int) -> None:
    """The OpenAI-compatible LLM sandbox."""
    from sandbox.llm.server import create_app

    run_app(create_app(), host=host, port=port)


def register(main: click.Group) -> None:
    """Attach the group to the `agentiq` command."""
    main.add_command(sandbox_group)
