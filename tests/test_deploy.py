"""The compose file is valid for docker-compose and has the shape operations rely on."""

import os
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _config(folder: Path = ROOT) -> dict:
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is required to validate docker-compose.yml (.ci/run installs it)"
    env = {**os.environ, "AGENTIQ_ENCRYPTION_KEYS": "k", "AGENTIQ_ADMIN__SESSION_SECRET": "s"}
    result = subprocess.run(
        [compose, "-f", str(folder / "docker-compose.yml"), "config"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_compose_validates_and_has_every_process() -> None:
    services = _config()["services"]
    assert {"postgres", "redis", "migrate", "bot", "scheduler", "worker", "admin"} <= services.keys()
    for name in ("bot", "scheduler", "worker", "admin"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["environment"]["AGENTIQ_REDIS_URL"].startswith("redis://")
    # `--scale worker=N` needs a worker without a fixed name or host port.
    assert "container_name" not in services["worker"] and "ports" not in services["worker"]
    for name in ("postgres", "redis", "admin", "bot", "scheduler", "worker"):
        assert "healthcheck" in services[name]
    for kind in ("bot", "scheduler", "worker"):
        assert services[kind]["healthcheck"]["test"] == ["CMD", "agentiq", "health", kind]
    # Restarts act on exited processes (a hung one exits through its watchdog, core.watchdog); the admin's
    # healthcheck is its liveness, not its readiness (a database outage is no reason to restart it).
    for name in ("bot", "scheduler", "worker", "admin"):
        assert services[name]["restart"] == "unless-stopped", name
    assert "/livez" in " ".join(services["admin"]["healthcheck"]["test"])


def test_admin_is_published_on_loopback_only_by_default() -> None:
    ports = _config()["services"]["admin"]["ports"]
    published = [p if isinstance(p, str) else f"{p.get('host_ip', '')}:{p['published']}:{p['target']}" for p in ports]
    assert [p.removesuffix("/tcp") for p in published] == ["127.0.0.1:8000:8000"]


def _settings_variables() -> set[str]:
    from pydantic import BaseModel

    from core.settings import Settings

    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        group = field.annotation
        if isinstance(group, type) and issubclass(group, BaseModel):
            names |= {f"AGENTIQ_{name.upper()}__{sub.upper()}" for sub in group.model_fields}
        else:
            names.add(f"AGENTIQ_{name.upper()}")
    return names


def test_every_setting_reaches_the_containers_through_the_env_file(tmp_path: Path) -> None:
    env_file = ROOT / "agentiq.env"
    listed = {line.lstrip("# ").split("=", 1)[0] for line in env_file.read_text().splitlines() if "=" in line}
    missing = _settings_variables() - listed
    assert not missing, f"add these settings to agentiq.env (commented out, with their default): {sorted(missing)}"
    # A value set in the env file reaches every AgentIQ service (compose config resolves env_file into environment).
    shutil.copy(ROOT / "docker-compose.yml", tmp_path)
    (tmp_path / "agentiq.env").write_text(env_file.read_text() + "\nAGENTIQ_SYNC__TICK_S=7\n")
    services = _config(tmp_path)["services"]
    for name in ("migrate", "bot", "scheduler", "worker", "admin"):
        assert services[name]["environment"]["AGENTIQ_SYNC__TICK_S"] == "7", name


def test_compose_refuses_to_start_without_secrets() -> None:
    compose = shutil.which("docker-compose")
    assert compose
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    result = subprocess.run(
        [compose, "-f", str(ROOT / "docker-compose.yml"), "config"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "AGENTIQ_ENCRYPTION_KEYS" in result.stderr
