"""`agentiq wb check` against the WB sandbox over real HTTP (the command runs in a worker thread: it owns a loop)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli.main import main
from cli.serving import serve_app
from sandbox.wb.server import create_app


@pytest.fixture
async def sandbox() -> AsyncIterator[tuple[Any, str]]:
    app = create_app(seed=31, limits=False, claims=5)
    async with serve_app(app) as url:
        yield app, url


async def _check(url: str, token: str, *extra: str) -> Result:
    args = ["wb", "check", "--token", token, "--feedbacks-url", url, "--chat-url", url, "--returns-url", url]
    args += ["--lang", "en", *extra]
    return await asyncio.to_thread(CliRunner().invoke, main, args)


async def test_check_passes_for_a_full_token_and_never_prints_it(sandbox: Any) -> None:
    app, url = sandbox
    token = next(iter(app.state.store.tokens))
    result = await _check(url, token)
    assert result.exit_code == 0, result.output
    assert "Token covers: chat, question, return, review; expires 2030-01-01" in result.output
    for name in ("feedbacks", "feedbacks_answered", "questions", "chats", "chat_events", "claims"):
        assert f"✓ {name}:" in result.output
    assert "All checks passed." in result.output and token not in result.output


async def test_check_reports_missing_access_and_fails(sandbox: Any) -> None:
    app, url = sandbox
    token = app.state.store.issue_token(app.state.store.sellers[1], scopes=("chat",))
    result = await _check(url, token)
    assert result.exit_code == 1
    assert "✗ feedbacks: the token has no access" in result.output and "✓ chats:" in result.output


async def test_check_reports_malformed_items_and_garbage_tokens(sandbox: Any) -> None:
    app, url = sandbox
    app.state.store.config.update({"malformed_rate": 1.0})
    result = await _check(url, next(iter(app.state.store.tokens)))
    assert result.exit_code == 1 and "items do not match our models" in result.output
    garbage = await _check(url, "garbage", "--lang", "ru")
    assert garbage.exit_code == 1 and "Токен не похож на JWT" in garbage.output
