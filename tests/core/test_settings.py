"""Settings load from AGENTIQ_* variables, default to the embedded setup and name a bad variable."""

from pathlib import Path

import pytest

from core.settings import SettingsError, load_settings


def test_embedded_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("AGENTIQ_DATABASE_URL", "AGENTIQ_REDIS_URL", "AGENTIQ_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.database_url == "sqlite://data/agentiq.sqlite3"
    assert settings.embedded
    assert not settings.llm.enabled


def test_nested_variables_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("AGENTIQ_WB__TIMEOUT=7.5\n")
    monkeypatch.setenv("AGENTIQ_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("AGENTIQ_DATABASE_URL", "postgresql://u@h:5432/d")
    settings = load_settings()
    assert settings.wb.timeout == 7.5
    assert not settings.embedded
    assert settings.database_url == "postgres://u@h:5432/d"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("AGENTIQ_DATABASE_URL", "mysql://x"),
        ("AGENTIQ_REDIS_URL", "http://x"),
        ("AGENTIQ_WB__TIMEOUT", "-1"),
        ("AGENTIQ_DEFAULT_LANGUAGE", "de"),
        ("AGENTIQ_LOG_FORMAT", "xml"),
    ],
)
def test_bad_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert variable in str(info.value)


def test_secret_values_are_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTIQ_TELEGRAM__BOT_TOKEN", "123456:very-secret-token")
    settings = load_settings()
    assert "very-secret-token" not in repr(settings)
    assert settings.telegram.bot_token is not None
    assert settings.telegram.bot_token.get_secret_value() == "123456:very-secret-token"
