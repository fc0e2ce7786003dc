"""Secrets never reach the log output, whatever path they take."""

import json
import logging

import pytest

from core.logs import get_logger, redact_text, setup_logging

JWT = "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJl"
BOT = "123456789:AAEhBP0av28X9Xx-secretsecretsecret"


@pytest.mark.parametrize(
    "text",
    [
        f"token {JWT} rejected",
        f"POST https://api.telegram.org/bot{BOT}/sendMessage",
        "Authorization: Bearer sk-live-abcdefghijkl",
    ],
)
def test_redact_text_masks_secrets(text: str) -> None:
    out = redact_text(text)
    assert "***" in out
    for secret in (JWT, BOT, "sk-live-abcdefghijkl"):
        assert secret not in out


def test_json_logs_redact_our_and_library_records(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(fmt="json", level="INFO")
    get_logger("agentiq.test").info("connect", wb_token=JWT, seller_id=7, note=f"url /bot{BOT}/getMe")
    logging.getLogger("aiogram.test").warning("failed %s", f"/bot{BOT}/getMe")
    lines = [json.loads(line) for line in capsys.readouterr().err.strip().splitlines()]
    assert lines[0]["wb_token"] == "***" and lines[0]["seller_id"] == 7
    assert BOT not in lines[0]["note"]
    assert BOT not in lines[1]["event"]
    assert JWT not in json.dumps(lines)


def test_json_logs_stay_json_when_code_writes_a_traceback_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """What multiprocessing prints when a worker child dies (and Python for an uncaught exception) is raw text on
    sys.stderr: in JSON mode it becomes one record, the traceback a field of it, the secret masked."""
    import sys
    import traceback

    setup_logging(fmt="json", level="INFO")
    try:
        try:
            raise ConnectionError(f"redis wiped while reading /bot{BOT}/getMe")
        except ConnectionError:
            print("Process worker-0:", file=sys.stderr)
            traceback.print_exc()
            sys.stderr.flush()
        get_logger("agentiq.test").error("after", seller_id=1)
    finally:
        setup_logging(fmt="console", level="INFO")
    lines = capsys.readouterr().err.strip().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    (raw,) = [r for r in records if r.get("logger") == "stderr"]
    assert raw["level"] == "error" and raw["event"].startswith("Process worker-0:\nTraceback (most recent call last)")
    assert "ConnectionError: redis wiped" in raw["event"] and BOT not in raw["event"]
    assert records[-1]["event"] == "after"
