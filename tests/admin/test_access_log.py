"""The admin's access log: one structured line per request (method, path without the query string, status, time),
and a library's warning in a JSON log stays a JSON line."""

from __future__ import annotations

import json
import warnings

import httpx
import pytest
import structlog

from core.logs import setup_logging


async def test_every_request_is_logged_without_its_query(client: httpx.AsyncClient) -> None:
    with structlog.testing.capture_logs() as logs:
        await client.get("/healthz", params={"token": "secret-value"})
        await client.get("/no-such-page")
    lines = [line for line in logs if line["event"] == "admin.request"]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/healthz", 200),
        ("GET", "/no-such-page", 404),
    ]
    assert all("secret-value" not in json.dumps(line) for line in lines) and lines[0]["duration_ms"] >= 0


def test_a_warning_in_a_json_log_is_a_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(fmt="json")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("Detected slow response into webhook", RuntimeWarning, stacklevel=1)
        lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
        assert lines and all(json.loads(line) for line in lines)
        assert "Detected slow response" in lines[-1]
    finally:
        setup_logging()
