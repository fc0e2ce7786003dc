"""DEBUG logging must not print SQL parameters: the drivers' statement logs carry token ciphertext and buyer texts.
With AGENTIQ_LOG_LEVEL=DEBUG the process's own debug lines show, the statements' parameters do not."""

from __future__ import annotations

import logging

import pytest
import structlog

from core.logs import setup_logging
from core.models import Seller
from tests.factories import new_seller


async def test_debug_logs_print_no_sql_parameters(db, capfd: pytest.CaptureFixture[str]) -> None:
    setup_logging(level="DEBUG")
    structlog.get_logger("agentiq.test").debug("debug.visible")
    await new_seller("buyer-text-SECRET-4242", wb_token_enc="gAAAAA-ciphertext-SECRET-4242")
    await Seller.filter(name="buyer-text-SECRET-4242").first()
    for handler in logging.getLogger().handlers:
        handler.flush()
    err = capfd.readouterr().err
    assert "debug.visible" in err
    assert "SECRET-4242" not in err
