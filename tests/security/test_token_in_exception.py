"""Attack surface: a WB token inside an exception (e.g. an error message quoting the request) must not reach the
logs — the traceback is formatted after the per-field redaction, so the finished line is redacted again."""

from __future__ import annotations

import json
import logging

import pytest

from core.logs import get_logger, setup_logging

WB_TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjEifQ.eyJzaWQiOiJzZWxsZXItNDIiLCJleHAiOjE5MDB9.c2lnbmF0dXJlLXNlY3JldA"


class UpstreamError(Exception):
    """An error whose text quotes what was sent, as HTTP libraries' errors often do."""


def _fail_with_token() -> None:
    raise UpstreamError(f"request failed: Authorization={WB_TOKEN}")


@pytest.mark.parametrize("fmt", ["json", "console"])
def test_token_inside_exception_is_redacted(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(fmt=fmt, level="INFO")
    try:
        _fail_with_token()
    except UpstreamError:
        get_logger("agentiq.sync").exception("sync.failed", seller_id=42)
        logging.getLogger("aiogram.event").exception("Cause exception while process update")
    err = capsys.readouterr().err
    assert "UpstreamError" in err and "_fail_with_token" in err, "the traceback itself is kept"
    assert WB_TOKEN not in err
    # Not even a recognisable piece of it.
    assert WB_TOKEN.split(".")[1] not in err
    if fmt == "json":
        assert all(json.loads(line) for line in err.strip().splitlines())
