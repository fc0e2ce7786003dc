"""What the image build does, done here (no container engine or base image on this machine): the wheel is built from
the tracked files alone, installed non-editable into a fresh venv with the locked dependencies (hashes required),
and every command the compose file runs from our image answers `--help`; the wheel carries the migrations and
the locales (`db upgrade` works, messages are translated)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD_LOCK = ROOT / "requirements-build.lock"


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 180) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def compose_commands() -> list[list[str]]:
    """The `command` of every compose service built from our image (the image's entrypoint is `agentiq`), and the
    `agentiq …` healthchecks those services run inside it."""
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    ours = [s for s in services.values() if s.get("image", "").startswith("agentiq")]
    checks = [s["healthcheck"]["test"] for s in ours if "healthcheck" in s]
    return [list(s["command"]) for s in ours if "command" in s] + [
        list(test[2:]) for test in checks if test[:2] == ["CMD", "agentiq"]
    ]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the locked dependencies and the project's wheel, as the Dockerfile installs them."""
    work = tmp_path_factory.mktemp("image")
    source = work / "src"
    for name in _run(["git", "ls-files"], ROOT).splitlines():
        if (ROOT / name).is_file():  # a tracked file deleted in the working tree is not part of the build
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    # uv (a dev dependency) instead of pip for the venvs and the installs: the same locks with every hash required,
    # in seconds from its cache instead of half a minute.
    uv = str(Path(sys.executable).with_name("uv"))
    # The wheel as the image's build stage makes it: only the hash-pinned build backend, no build isolation (the
    # backend's PEP 517 hook, which `pip wheel --no-build-isolation` calls).
    backend = work / "build-venv"
    _run([uv, "venv", "-q", "--python", sys.executable, str(backend)], work)
    backend_python = str(backend / "bin" / "python")
    _run([uv, "pip", "install", "-q", "--python", backend_python, "--require-hashes", "-r", str(BUILD_LOCK)], work)
    hook = f"from setuptools import build_meta; build_meta.build_wheel({str(work / 'dist')!r})"
    _run([backend_python, "-c", hook], source)
    (wheel,) = (work / "dist").glob("agentiq-*.whl")
    venv = work / "venv"
    _run([uv, "venv", "-q", "--python", sys.executable, str(venv)], work)
    install = [uv, "pip", "install", "-q", "--compile-bytecode", "--python", str(venv / "bin" / "python")]
    _run([*install, "--require-hashes", "-r", str(ROOT / "requirements.lock")], work, timeout=300)
    _run([*install, "--no-deps", str(wheel)], work)
    return venv


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTIQ_")}
    return env | {"AGENTIQ_DATA_DIR": str(tmp_path), "PYTHONPATH": ""}


def test_every_compose_command_runs_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    commands = compose_commands()
    assert {tuple(c[:1]) for c in commands} >= {("db",), ("bot",), ("scheduler",), ("worker",), ("admin",)}
    agentiq = str(installed / "bin" / "agentiq")
    # Options after the subcommand stay: `--help` wins over them, and they must still parse. All at once (each
    # start imports the whole product).
    env, output = _env(tmp_path), {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
    runs = {" ".join(c): subprocess.Popen([agentiq, *c, "--help"], cwd=tmp_path, env=env, **output) for c in commands}
    for name, proc in runs.items():
        out, _ = proc.communicate(timeout=180)
        assert proc.returncode == 0 and b"Usage:" in out, f"agentiq {name} --help\n{out.decode()[-3000:]}"


def test_the_wheel_carries_migrations_and_locales(installed: Path, tmp_path: Path) -> None:
    env = _env(tmp_path) | {"AGENTIQ_DATABASE_URL": f"sqlite://{tmp_path / 'db.sqlite3'}"}
    assert "up to date" in _run([str(installed / "bin" / "agentiq"), "db", "upgrade"], tmp_path, env)
    probe = (
        "import core.i18n as i; from core.i18n import translator; "
        "assert 'site-packages' in str(i.LOCALES_DIR), i.LOCALES_DIR; "
        "assert len(list((i.LOCALES_DIR / 'en').glob('*.ftl'))) == len(list((i.LOCALES_DIR / 'ru').glob('*.ftl'))) > 0"
    )
    _run([str(installed / "bin" / "python"), "-c", probe], tmp_path, env)


def test_the_dockerfile_builds_a_wheel_and_installs_it_with_the_lock() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("FROM ") == 2 and " AS build" in dockerfile
    assert "pip wheel" in dockerfile and "--require-hashes -r /tmp/requirements.lock" in dockerfile
    assert "pip install -e" not in dockerfile and "--no-deps /tmp/dist/agentiq-" in dockerfile
    # The build backend: pinned with its hashes, installed with them required, and the only one the build sees.
    assert "--require-hashes -r /tmp/requirements-build.lock" in dockerfile
    assert "pip wheel --no-cache-dir --no-deps --no-build-isolation" in dockerfile
    pins = [line for line in BUILD_LOCK.read_text().splitlines() if line and not line.startswith(("#", " "))]
    assert [pin.split("==")[0] for pin in pins] == ["setuptools"], pins
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert [r.split(">")[0].split("=")[0] for r in requires] == ["setuptools"], requires
    assert "--hash=sha256:" in BUILD_LOCK.read_text()
    # Both stages start from the one base image argument (pin it by digest with --build-arg or in its default).
    froms = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert froms == ["${PYTHON_IMAGE}", "${PYTHON_IMAGE}"] and "ARG PYTHON_IMAGE=" in dockerfile
    ci = (ROOT / ".ci" / "run").read_text()
    assert "--require-hashes -r requirements-dev.lock" in ci and "--no-deps -e ." in ci
