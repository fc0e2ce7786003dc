"""The LLM sandbox over real HTTP with the real openai client: answers, streaming, auth, faults, control."""

from __future__ import annotations

import httpx
import openai
import pytest

from cli.serving import serve_app
from sandbox.llm.server import create_app

KEY = "sk-test"


def _client(url: str, **kwargs: object) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=f"{url}/v1", api_key=KEY, **kwargs)  # type: ignore[arg-type]


async def _ask(client: openai.AsyncOpenAI, content: str) -> str:
    completion = await client.chat.completions.create(model="m", messages=[{"role": "user", "content": content}])
    return completion.choices[0].message.content or ""


async def test_plain_answer_is_deterministic_in_the_prompt_language_with_usage() -> None:
    async with serve_app(create_app(api_key=KEY)) as url:
        client = _client(url, max_retries=0)
        try:
            first = await client.chat.completions.create(model="m", messages=[{"role": "user", "content": "Привет"}])
            again = await _ask(client, "Привет")
            english = await _ask(client, "Reply language: en\nHello there")
            models = await client.models.list()
        finally:
            await client.close()
    assert first.choices[0].message.content == again
    assert "Здравствуйте" in again or "Добрый день" in again
    assert english.startswith(("Hello", "Good day"))
    assert first.usage is not None and first.usage.prompt_tokens > 0 and first.usage.completion_tokens > 0
    assert [m.id for m in models.data] == ["sandbox-chat"]


async def test_streaming_yields_the_same_text_and_usage() -> None:
    async with serve_app(create_app(api_key=KEY)) as url:
        client = _client(url, max_retries=0)
        try:
            plain = await _ask(client, "Привет")
            stream = await client.chat.completions.create(
                model="m",
                messages=[{"role": "user", "content": "Привет"}],
                stream=True,
                stream_options={"include_usage": True},
            )
            pieces, usage = [], None
            async for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    pieces.append(chunk.choices[0].delta.content)
                usage = chunk.usage or usage
        finally:
            await client.close()
    assert "".join(pieces) == plain
    assert usage is not None and usage.completion_tokens > 0


async def test_wrong_key_is_refused() -> None:
    async with serve_app(create_app(api_key=KEY)) as url:
        client = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="sk-wrong", max_retries=0)
        try:
            with pytest.raises(openai.AuthenticationError):
                await _ask(client, "hi")
        finally:
            await client.close()


async def test_fail_next_then_recovers_and_the_client_retries() -> None:
    async with serve_app(create_app(api_key=KEY, fail_next=1, error_status=429)) as url:
        client = _client(url, max_retries=1)
        try:
            assert await _ask(client, "Привет")
        finally:
            await client.close()
        async with httpx.AsyncClient(base_url=url) as http:
            mode = (await http.get("/_sandbox/mode")).json()
    assert mode["requests"] == 2 and mode["fail_next"] == 0


async def test_control_endpoint_switches_evil_mode_and_records_requests() -> None:
    async with serve_app(create_app(api_key=KEY)) as url, httpx.AsyncClient(base_url=url) as http:
        client = _client(url, max_retries=0)
        try:
            assert (await http.post("/_sandbox/mode", json={"evil": True})).json()["evil"] is True
            evil = await _ask(client, "Привет")
            assert (await http.post("/_sandbox/mode", json={"nonsense": 1})).status_code == 400
        finally:
            await client.close()
        recorded = (await http.get("/_sandbox/requests")).json()
    assert any(marker in evil for marker in ("искусственный интеллект", "измените отзыв", "https://"))
    assert recorded[-1]["messages"] == [{"role": "user", "content": "Привет"}]


async def test_error_rate_and_latency_are_options() -> None:
    async with serve_app(create_app(api_key=KEY, error_rate=1.0, error_status=500, latency=0.05)) as url:
        client = _client(url, max_retries=0)
        try:
            with pytest.raises(openai.InternalServerError):
                await _ask(client, "hi")
        finally:
            await client.close()
