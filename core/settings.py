"""Settings: one `Settings` object built per entry point from `AGENTIQ_*` variables and `.env`.

Defaults are the embedded ones (SQLite in the data dir, no Redis): one machine with no services runs the product.
Nested groups use `__`: `AGENTIQ_WB__TIMEOUT=5`.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

from cryptography.fernet import Fernet
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

WEBHOOK_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{32,256}")
# A session signing key shorter than this is guessable (itsdangerous signs with whatever it is given, even "").
MIN_SESSION_SECRET = 32


# WB's own sandbox for reviews and questions (2026; a «Тестовый контур» token; no chat or returns sandbox exists).
WB_SANDBOX_FEEDBACKS_URL = "https://feedbacks-api-sandbox.wildberries.ru"


class WBSettings(BaseModel):
    """Wildberries seller API endpoints and client behaviour."""

    feedbacks_base_url: str = "https://feedbacks-api.wildberries.ru"
    chat_base_url: str = "https://buyer-chat-api.wildberries.ru"
    returns_base_url: str = "https://returns-api.wildberries.ru"
    timeout: float = Field(default=15.0, gt=0, le=120)
    max_retries: int = Field(default=3, ge=0, le=10)
    # The shared feedbacks+questions budget and the chat budget, as WB documents them (wb_api.md).
    feedbacks_rate: str = "3/second"
    feedbacks_burst: int = 6
    chat_rate: str = "10/10second"
    # Buyer returns (claims): 20 requests a minute, burst 10.
    returns_rate: str = "20/minute"
    returns_burst: int = 10
    # A Base token's budgets (WB, 2026; burst 1 each): reviews+questions 5 an hour, chat and returns 1 an hour.
    base_feedbacks_rate: str = "5/hour"
    base_chat_rate: str = "1/hour"
    base_returns_rate: str = "1/hour"

    @property
    def feedbacks_sandbox(self) -> bool:
        """Reviews and questions go to WB's own sandbox (`feedbacks-api-sandbox.wildberries.ru`): only a «Test
        scope» token works there, and WB has no sandbox for chats and returns."""
        return self.feedbacks_base_url.rstrip("/") == WB_SANDBOX_FEEDBACKS_URL


class TelegramSettings(BaseModel):
    """Telegram Bot API access. `api_base_url` points aiogram at another Bot API server (the sandbox)."""

    bot_token: SecretStr | None = None
    api_base_url: str | None = None
    ops_chat_id: int | None = None
    webhook_url: str | None = None
    # Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every webhook update; unset: generated once into
    # `<data dir>/webhook.secret`. Telegram allows 1-256 of A-Z a-z 0-9 _ -; we require 32+ (guessing must not pay).
    webhook_secret: SecretStr | None = None
    # On start the bot reads the current webhook: held by another address, it refuses to start unless this is set.
    webhook_takeover: bool = False
    # Telegram's documented flood limits; the shared limiter keeps us under them.
    global_rate: str = "30/second"
    per_chat_rate: str = "1/second"
    per_group_rate: str = "20/minute"
    # Delivery (bot.notify, core.cards): one Bot API request waits at most `request_timeout_s`; a send that meets a
    # network error, a 5xx, a timeout or a 429 is retried with backoff for up to `send_retry_s`; a card (or alert)
    # whose claim has not ended in a message after `card_lease_s` is re-sent by the sweep, for `redeliver_max_age_h`.
    request_timeout_s: float = Field(default=20.0, gt=0)
    send_retry_s: float = Field(default=30.0, gt=0)
    card_lease_s: float = Field(default=180.0, gt=0)
    redeliver_max_age_h: int = Field(default=24, ge=1)

    @model_validator(mode="after")
    def _lease_outlives_a_send(self) -> TelegramSettings:
        # A live sender must never lose its claim to the sweep: that would be two messages for one card.
        if self.card_lease_s < 2 * (self.send_retry_s + self.request_timeout_s):
            raise ValueError("card_lease_s must be at least 2 x (send_retry_s + request_timeout_s)")
        return self

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET_RE.fullmatch(value.get_secret_value()):
            raise ValueError("must be 32-256 characters of A-Z, a-z, 0-9, _ and - (leave unset to generate one)")
        return value


class LLMSettings(BaseModel):
    """OpenAI-compatible LLM (DeepSeek, OpenAI, a local server). Off unless `base_url` and `api_key` are set."""

    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str = "deepseek-chat"
    timeout: float = Field(default=20.0, gt=0, le=300)
    max_retries: int = Field(default=1, ge=0, le=5)

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.api_key)


class SyncSettings(BaseModel):
    """How often each channel is polled and how failures back off."""

    # 15 s (plus the 1 s tick) keeps p95 new-item latency under 20 s; an idle seller costs one request per channel
    # per 15 s (WB allows 3/s) and ~217 runs/s at 1 000 sellers (bench/freshness.py prints the CPU per run).
    review_interval_s: int = Field(default=15, ge=1)
    question_interval_s: int = Field(default=15, ge=1)
    chat_interval_s: int = Field(default=15, ge=1)
    # Claims: one list read per idle run (under review; the archive when a claim left it) against WB's 20/min.
    return_interval_s: int = Field(default=60, ge=1)
    # The scheduler's claim round; the tick's upkeep (missing cursors, backed-off probes, the pending check, dead
    # workers' runs) every `upkeep_s`.
    tick_s: float = Field(default=1.0, gt=0)
    upkeep_s: float = Field(default=5.0, gt=0)
    # Live mode (core.live): a seller who acted on a card within `live_window_s` is polled every `live_interval_s`
    # (reviews + questions: ≤ 2 requests per 3 s against WB's 3/s; chats likewise), claims every
    # `live_return_interval_s` (half of WB's 20/min, so the archive reads still fit).
    live_window_s: int = Field(default=600, ge=1)
    live_interval_s: int = Field(default=3, ge=1)
    live_return_interval_s: int = Field(default=6, ge=1)
    overlap_s: int = Field(default=5, ge=0)
    max_backoff_s: int = Field(default=1800, ge=1)
    # A dead worker's seller × channel lock (renewed every third of it while the run lives) and the cursor's claim
    # lease: after a `kill -9` the pair syncs again within about this long.
    lock_ttl_s: int = Field(default=30, ge=5)
    page_size: int = Field(default=1000, ge=1, le=5000)
    # Every task is cancelled after `task_timeout_s` (taskiq's `timeout` label); a sync run stops paging after
    # `run_budget_s` and continues at the next tick. So no live task is ever older than the stream broker's
    # redelivery timeout, which can be short: a dead worker's unacknowledged tasks move on within it.
    run_budget_s: float = Field(default=20.0, gt=0)
    task_timeout_s: float = Field(default=45.0, gt=0)
    task_idle_timeout_ms: int = Field(default=60_000, ge=1_000)
    # The stream keeps acknowledged entries until it is longer than this; then the scheduler trims them
    # (approximately, whole stream nodes), never an entry that is pending or not yet delivered.
    stream_maxlen: int = Field(default=10_000, ge=100)
    # Consumers of the group idle this long with nothing pending are dead workers: the scheduler removes them.
    dead_consumer_idle_s: int = Field(default=300, ge=10)
    # Liveness: each process writes a heartbeat to Redis this often; `agentiq health KIND` wants one this fresh x3.
    heartbeat_s: float = Field(default=10.0, gt=0)
    # The Redis stream the workers read (one per deployment; tests use their own).
    queue_name: str = Field(default="agentiq", min_length=1, max_length=100)
    # A full watermark pass even when WB's "anything new?" probe says no (it reports only *unseen* items); for
    # claims, the archive read even when no claim left the list under review.
    full_check_s: int = Field(default=600, ge=10)
    # How often the scheduler kicks the ops-alerts evaluation.
    alerts_interval_s: int = Field(default=60, ge=1)
    # The reply outbox: the first wait before reading WB back after an unknown send outcome (doubling up to 60×
    # this), and before a queued reply whose task seems lost is kicked again.
    reply_retry_s: float = Field(default=15.0, gt=0)

    @model_validator(mode="after")
    def _bounded_tasks(self) -> SyncSettings:
        if self.task_timeout_s * 1000 >= self.task_idle_timeout_ms:
            raise ValueError("task_timeout_s must stay below task_idle_timeout_ms (a live task would be redelivered)")
        if self.run_budget_s >= self.task_timeout_s:
            raise ValueError("run_budget_s must be shorter than task_timeout_s")
        return self


class AdminSettings(BaseModel):
    """Web admin."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    session_secret: SecretStr | None = None
    secure_cookies: bool = True
    # A session ends after this long without a request, and in any case this long after the login.
    session_idle_min: int = Field(default=30, ge=1, le=7 * 24 * 60)
    session_max_hours: int = Field(default=12, ge=1, le=24 * 30)
    # Login attempts per account (any IP) per minute; the hour and day allow 4x and 10x that: a backoff in tiers.
    # A browser that signed in to the account before (device cookie) has its own budget, so an attack on the
    # account does not lock its owner out.
    login_attempts_per_minute: int = Field(default=5, ge=1)
    # Login attempts per client IP (any account) per minute; the hour allows 5x that.
    login_ip_attempts_per_minute: int = Field(default=20, ge=1)
    # Reverse proxies whose X-Forwarded-For is believed (IPs or CIDR networks); nobody's by default.
    trusted_proxies: list[str] = Field(default_factory=list)
    # When set, /metrics wants `Authorization: Bearer <token>`.
    metrics_token: SecretStr | None = None

    @field_validator("session_secret")
    @classmethod
    def _session_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().strip()) < MIN_SESSION_SECRET:
            raise ValueError(f"must be at least {MIN_SESSION_SECRET} characters (leave unset to generate one)")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            ipaddress.ip_network(item.strip(), strict=False)  # ValueError names the bad entry
        return [item.strip() for item in value]


class MetricsSettings(BaseModel):
    """Prometheus: where each process serves its own /metrics (core.metrics); port 0 turns a process's off.

    The admin (and the all-in-one `agentiq run`/`demo`) serve theirs at the admin's `/metrics` instead. A taken port
    moves a process to the next free one (several workers on one machine): its log says which."""

    host: str = "127.0.0.1"
    bot_port: int = Field(default=9101, ge=0, le=65535)
    worker_port: int = Field(default=9102, ge=0, le=65535)
    scheduler_port: int = Field(default=9103, ge=0, le=65535)
    # A process whose event loop has not run for this long is hung: its watchdog ends it, so the supervisor
    # (compose's `restart: unless-stopped`, taskiq's worker manager) starts it again (core.watchdog). 0: off.
    watchdog_s: float = Field(default=120.0, ge=0)


class SpikeSettings(BaseModel):
    """Product × topic spike alerts (core.spikes): the last `recent_days` against the `baseline_weeks` before."""

    recent_days: int = Field(default=7, ge=1, le=30)
    baseline_weeks: int = Field(default=4, ge=1, le=12)
    # At least this many items with the topic in the recent window: one review is not a spike.
    min_count: int = Field(default=5, ge=2)
    # ... and this many times the baseline's weekly rate.
    ratio: float = Field(default=2.0, ge=1.0)
    mute_days: int = Field(default=30, ge=1, le=365)


class OpsSettings(BaseModel):
    """Ops alert and pilot-readiness (GO/NO-GO) thresholds."""

    stale_sync_min: int = Field(default=15, ge=1)
    # A seller × channel whose runs have failed since this long ago (no success in between) raises one ops alert.
    sync_failing_min: int = Field(default=3, ge=1)
    # Logs kept as rows (sync runs, resolved alerts) are deleted after this many days (core.retention), in batches
    # of `retention_batch` rows, at most `retention_max_batches` per table in a round, a round every
    # `retention_interval_s`.
    retention_days: int = Field(default=30, ge=1)
    retention_batch: int = Field(default=5000, ge=1)
    retention_max_batches: int = Field(default=20, ge=1)
    retention_interval_s: int = Field(default=3600, ge=10)
    rate_limit_streak: int = Field(default=5, ge=1)
    token_expiry_days: int = Field(default=7, ge=1)
    reply_failures_window_min: int = Field(default=60, ge=1)
    llm_fallback_pct: float = Field(default=30.0, ge=0, le=100)
    llm_min_drafts: int = Field(default=5, ge=1)
    moderation_rejections_24h: int = Field(default=3, ge=1)
    backlog_cap: int = Field(default=200, ge=0)
    reply_failure_rate_pct: float = Field(default=5.0, ge=0, le=100)
    guardrail_rise_factor: float = Field(default=1.5, ge=1)
    guardrail_rise_floor: int = Field(default=5, ge=0)


class Settings(BaseSettings):
    """All settings of one AgentIQ process."""

    model_config = SettingsConfigDict(
        env_prefix="AGENTIQ_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    data_dir: Path = Path("data")
    database_url: str = ""
    redis_url: str | None = None
    # Comma-separated Fernet keys, newest first: the first encrypts, all decrypt (rotation).
    encryption_keys: SecretStr | None = None
    default_language: str = "ru"
    log_format: str = "console"
    log_level: str = "INFO"
    banned_phrases_extra: list[str] = Field(default_factory=list)
    # `agentiq demo` only: the WB sandbox store's token, offered at onboarding as a button (never set for real WB).
    demo_token: SecretStr | None = None

    wb: WBSettings = Field(default_factory=WBSettings)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    admin: AdminSettings = Field(default_factory=AdminSettings)
    ops: OpsSettings = Field(default_factory=OpsSettings)
    spikes: SpikeSettings = Field(default_factory=SpikeSettings)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)

    @field_validator("database_url")
    @classmethod
    def _db_scheme(cls, value: str) -> str:
        if value and not value.startswith(("sqlite://", "postgres://", "postgresql://", "asyncpg://")):
            raise ValueError("must start with sqlite://, postgres:// or postgresql://")
        return value.replace("postgresql://", "postgres://", 1)

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value or None

    @field_validator("encryption_keys")
    @classmethod
    def _encryption_keys(cls, value: SecretStr | None) -> SecretStr | None:
        # Checked here so that every process stops at start, not the first sync that reads a token.
        if value is None:
            return None
        keys = [k.strip() for k in value.get_secret_value().split(",")]
        if not all(keys):
            raise ValueError("must be comma-separated Fernet keys, none empty (leave unset to generate one)")
        for key in keys:
            try:
                Fernet(key)
            except (ValueError, TypeError):
                raise ValueError("every key must be a 32-byte url-safe base64 Fernet key") from None
        return value

    @field_validator("default_language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in ("ru", "en"):
            raise ValueError("must be ru or en")
        return value

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value not in ("console", "json"):
            raise ValueError("must be console or json")
        return value

    @model_validator(mode="after")
    def _embedded_database(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite://{(self.data_dir / 'agentiq.sqlite3').as_posix()}"
        return self

    @property
    def embedded(self) -> bool:
        """True when no Redis is configured: in-process broker, limiter and locks."""
        return self.redis_url is None


class SettingsError(RuntimeError):
    """A setting is invalid; the message names the environment variable."""


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, turning validation errors into a message naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = "AGENTIQ_" + "__".join(str(p) for p in err["loc"]).upper()
            lines.append(f"{name}: {err['msg']}")
        raise SettingsError("invalid settings:\n  " + "\n  ".join(lines)) from None
