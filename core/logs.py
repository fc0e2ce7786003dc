"""Structured logging: JSON lines in production, readable lines in the demo; secrets are redacted on the way out.

Every record — ours through structlog, libraries' through the stdlib — passes `redact` (values of secret-named
keys) and, once fully rendered with its traceback, `redact_rendered`, so a WB token, a bot token or an LLM key that
slips into a message, a URL or an exception is masked before it is written.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import threading
from collections.abc import MutableMapping
from typing import Any, TextIO

import structlog

_SECRET_KEYS = re.compile(r"token|secret|password|api_key|authorization|encryption_keys", re.IGNORECASE)
_SECRET_VALUES = [
    # JWTs (WB tokens), Telegram bot tokens (also inside Bot API URLs), bearer keys.
    re.compile(r"eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*"),
    re.compile(r"(?<!\d)\d{5,}:[\w-]{20,}"),
    re.compile(r"(?i)bearer\s+[\w.-]{8,}"),
    re.compile(r"\bsk-[\w-]{8,}"),
    # Passwords in service URLs (redis://:pw@host, postgres://user:pw@host).
    re.compile(r"(?<=://)[^/\s:@]*:[^@\s/]+(?=@)"),
]
_MASK = "***"


def redact_text(text: str) -> str:
    """`text` with every secret-looking value masked."""
    for pattern in _SECRET_VALUES:
        text = pattern.sub(_MASK, text)
    return text


def redact(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: mask values of secret-named keys and secret-looking substrings."""
    for key, value in list(event_dict.items()):
        if _SECRET_KEYS.search(key) and value is not None:
            event_dict[key] = _MASK
        elif isinstance(value, str):
            event_dict[key] = redact_text(value)
    return event_dict


def redact_rendered(_logger: Any, _method: str, rendered: str | bytes) -> str | bytes:
    """The last processor: mask secrets in the finished line, after tracebacks and reprs were formatted into it
    (an exception's message or a local's repr can carry a token that no earlier step saw)."""
    if isinstance(rendered, bytes):
        return redact_text(rendered.decode("utf-8", "replace")).encode()
    return redact_text(rendered)


class JsonStderr(io.TextIOBase):
    """sys.stderr of a JSON-logging process: what code writes there directly instead of logging — the traceback
    `multiprocessing` prints when a worker child dies, Python's own for an uncaught exception, a library's
    `print(file=sys.stderr)` — becomes one JSON record per flush (logger `stderr`, level error), so the log stays
    one JSON object per line. Our own records never pass here: the handler writes to the real stream."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self._buffer: list[str] = []
        self._lock = threading.RLock()
        self._inside = threading.local()

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.stream.fileno()

    def write(self, text: str) -> int:
        """Keep the text until the writer flushes (a traceback is written line by line, then flushed)."""
        if getattr(self._inside, "active", False):  # logging failed and reports it: straight out, no loop
            return self.stream.write(text)
        with self._lock:
            self._buffer.append(text)
        return len(text)

    def flush(self) -> None:
        """Emit what was written since the last flush as one record."""
        with self._lock:
            text, self._buffer = "".join(self._buffer).rstrip("\n"), []
        if text.strip():
            self._inside.active = True
            try:
                logging.getLogger("stderr").error(text)
            finally:
                self._inside.active = False
        self.stream.flush()


# Loggers that print SQL statements with their parameters.
SQL_LOGGERS = ("tortoise", "tortoise.db_client", "db_client", "asyncpg", "aiosqlite")


def setup_logging(*, fmt: str = "console", level: str = "INFO") -> None:
    """Configure structlog and the stdlib root logger once per process."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        redact,
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer() if fmt == "json" else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Not cached: a logger used before a reconfiguration (uvicorn's start-up, structlog's capture_logs in tests)
        # would keep the old pipeline for the life of the process.
        cache_logger_on_first_use=False,
    )
    # Our records go to the real stderr; in JSON mode anything else written to sys.stderr is wrapped (JsonStderr).
    real_stderr = sys.stderr.stream if isinstance(sys.stderr, JsonStderr) else sys.stderr
    handler = logging.StreamHandler(real_stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
                # structlog's Processor type has no case for a step after the renderer (it is given the rendered str)
                redact_rendered,  # type: ignore[list-item]
            ],
        )
    )
    sys.stderr = JsonStderr(real_stderr) if fmt == "json" else real_stderr
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Warnings (a library's RuntimeWarning) would otherwise be printed raw to stderr, in the middle of the JSON lines.
    # Off and on again: a second configuration re-installs the hook even when someone restored `showwarning` since.
    logging.captureWarnings(False)
    logging.captureWarnings(True)
    # Request-line loggers print full URLs (the Bot API URL holds the token); keep them at WARNING.
    # taskiq's receiver logs every task start at INFO; the sync runs log their own summaries.
    for noisy in ("httpx", "httpcore", "aiohttp.access", "uvicorn.access", "taskiq.receiver.receiver"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # The database drivers print every statement with its parameters at DEBUG (token ciphertext, buyer texts):
    # they stay at INFO whatever AGENTIQ_LOG_LEVEL says.
    for driver in SQL_LOGGERS:
        logging.getLogger(driver).setLevel(max(logging.INFO, logging.getLogger().level))


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    """A structlog logger named `name`."""
    return structlog.get_logger(name)
