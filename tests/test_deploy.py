"""The compose file is valid for docker-compose and has the shape operations rely on."""

import os
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is required to validate docker-compose.yml (.ci/run installs it)"
    env = {**os.environ, "AGENTIQ_ENCRYPTION_KEYS": "k", "AGENTIQ_ADMIN__SESSION_SECRET": "s"}
    result = subprocess.run(
        [compose, "-f", str(ROOT / "docker-compose.yml"), "config"], env=env, capture_output=True, text=True
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
    for name in ("postgres", "redis", "admin"):
        assert "healthcheck" in services[name]


def test_compose_refuses_to_start_without_secrets() -> None:
    compose = shutil.which("docker-compose")
    assert compose
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    result = subprocess.run(
        [compose, "-f", str(ROOT / "docker-compose.yml"), "config"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "AGENTIQ_ENCRYPTION_KEYS" in result.stderr
