"""docker-compose.yml, run without Docker: every service built from our image becomes a real process.

`docker-compose config` resolves the file exactly as compose would (anchors, `env_file`, `${...}` interpolation);
from it each service gives its `command`, `environment`, `depends_on` (with conditions), `healthcheck`, `restart`
and `stop_grace_period`. Mapped onto one machine:
- the image's entrypoint `agentiq` is `python -m cli` of this checkout's environment, `python` is this interpreter;
  the image's `ENV` lines (Dockerfile) are part of every process's environment, and `/data` (also the image's
  WORKDIR, so no stray `.env` of the checkout is read) is a folder per service;
- service host names (`postgres`, `redis`) point at the run's own servers on 127.0.0.1, published container ports
  (the admin's 8000) at free ports; `HOSTNAME` is the container's name, as Docker sets it;
- `restart:` is honoured by `Deployment.supervise`: a process that dies is started again unless the run stopped it.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cli.serving import free_port

ROOT = Path(__file__).resolve().parents[2]
AGENTIQ = [sys.executable, "-m", "cli"]


def compose_config(folder: Path, env: dict[str, str]) -> dict[str, Any]:
    """`docker-compose config` of `folder`'s docker-compose.yml (and its env file) under `env`."""
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is required (.ci/run installs it)"
    done = subprocess.run(
        [compose, "-f", str(folder / "docker-compose.yml"), "config"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def image_env(dockerfile: Path = ROOT / "Dockerfile") -> dict[str, str]:
    """The `ENV` settings of our image (`ENV A=1 B=2`, continued lines included)."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text())
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            out |= dict(item.split("=", 1) for item in shlex.split(line[4:]) if "=" in item)
    return out


def image_entrypoint(dockerfile: Path = ROOT / "Dockerfile") -> list[str]:
    """The image's `ENTRYPOINT` (exec form): a service's `command` is its arguments."""
    lines = [line for line in dockerfile.read_text().splitlines() if line.startswith("ENTRYPOINT ")]
    return list(json.loads(lines[-1].removeprefix("ENTRYPOINT "))) if lines else []


def _seconds(value: str | int | float | None, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, int | float):
        return float(value)
    total = 0.0
    for amount, unit in re.findall(r"([\d.]+)(ms|s|m|h)", value):
        total += float(amount) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total


@dataclass
class Service:
    """One compose service as a process on this machine."""

    name: str
    command: list[str]
    env: dict[str, str]
    depends_on: dict[str, str]
    healthcheck: list[str] | None
    restart: str
    grace_s: float
    data_dir: Path
    log: Path
    # Published container port -> the free port it has on this machine.
    ports: dict[int, int] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None
    stopped: bool = False
    restarts: int = 0
    exits: list[int] = field(default_factory=list)

    @property
    def one_shot(self) -> bool:
        """A job (migrate) rather than a long-running process: `restart: "no"`."""
        return self.restart == "no"

    def start(self) -> None:
        """Start the process (in its own process group: `kill9` takes a worker's children too)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.command, cwd=self.data_dir, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.stopped = False

    def kill9(self) -> None:
        """SIGKILL the whole process group (the container dies); the restart policy brings it back."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self) -> int:
        """`docker compose stop`: SIGTERM to the main process, wait up to the grace period; the exit code."""
        assert self.proc is not None
        self.stopped = True
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(self.grace_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
            raise AssertionError(f"{self.name} did not stop within {self.grace_s:g} s\n{self.tail()}") from None

    async def healthy(self) -> bool:
        """The service's own healthcheck command passes (no healthcheck: the process is running)."""
        if self.healthcheck is None:
            return self.proc is not None and self.proc.poll() is None
        proc = await asyncio.create_subprocess_exec(
            *self.healthcheck, cwd=self.data_dir, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            return await asyncio.wait_for(proc.wait(), 20) == 0
        except TimeoutError:
            proc.kill()
            return False

    def tail(self, chars: int = 4000) -> str:
        """The end of the service's log."""
        return f"--- {self.name}\n{self.log.read_text(errors='replace')[-chars:]}" if self.log.exists() else ""


def _translate(args: list[str], ports: dict[int, int]) -> list[str]:
    """A container command line on this machine: our entrypoint and interpreter, published ports remapped."""
    out: list[str] = []
    for arg in args:
        for inner, outer in ports.items():
            arg = str(outer) if arg == str(inner) else arg.replace(f":{inner}/", f":{outer}/")
        out.append("127.0.0.1" if arg == "0.0.0.0" else arg)
    if out and out[0] == "agentiq":
        return [*AGENTIQ, *out[1:]]
    if out and out[0] == "python":
        return [sys.executable, *out[1:]]
    return out


def _healthcheck(spec: dict[str, Any] | None, ports: dict[int, int]) -> list[str] | None:
    if not spec or spec.get("disable"):
        return None
    test = spec["test"]
    if test[0] == "CMD-SHELL":
        return ["/bin/sh", "-c", test[1]]
    assert test[0] == "CMD", test
    return _translate(list(test[1:]), ports)


def services_of(
    config: dict[str, Any], servers: dict[str, tuple[int, str]], folder: Path, base_env: dict[str, str]
) -> dict[str, Service]:
    """Our image's services from a resolved compose config; `servers` maps each other service (PostgreSQL, Redis)
    to (its container port, its address on this machine)."""
    services: dict[str, Service] = {}
    for name, spec in config["services"].items():
        if "build" not in spec:
            assert name in servers, f"{name}: a service not built from our image that the run does not provide"
            continue
        ports = {}
        for port in spec.get("ports", []):
            target = int(port["target"] if isinstance(port, dict) else str(port).split(":")[-1].split("/")[0])
            ports[target] = free_port()
        data_dir = folder / name / "data"
        env = {**base_env, **image_env(), "HOSTNAME": f"{name}-1"}
        for key, value in (spec.get("environment") or {}).items():
            value = "" if value is None else str(value)
            for host, (inner, outer) in servers.items():
                value = value.replace(f"@{host}:{inner}", f"@{outer}").replace(f"//{host}:{inner}", f"//{outer}")
            env[key] = value
        env = {k: (str(data_dir) if v == "/data" else v) for k, v in env.items()}
        services[name] = Service(
            name=name,
            command=_translate([*image_entrypoint(), *spec["command"]], ports),
            env=env,
            depends_on={dep: cond.get("condition", "service_started") for dep, cond in spec["depends_on"].items()},
            healthcheck=_healthcheck(spec.get("healthcheck"), ports),
            restart=str(spec.get("restart", "no")),
            grace_s=_seconds(spec.get("stop_grace_period"), 10.0),
            data_dir=data_dir,
            log=folder / f"{name}.log",
            ports=ports,
        )
    return services


class Deployment:
    """The services started in `depends_on` order, each waited for as compose waits (healthy / completed)."""

    def __init__(self, services: dict[str, Service], ready: dict[str, Any]) -> None:
        self.services = services
        # Conditions on the services the run provides itself (PostgreSQL, Redis): already up.
        self.ready = ready
        self._supervisor: asyncio.Task[None] | None = None

    async def _satisfied(self, dep: str, condition: str) -> bool:
        if dep not in self.services:
            return bool(self.ready.get(dep))
        svc = self.services[dep]
        if svc.proc is None:
            return False
        if condition == "service_completed_successfully":
            code = svc.proc.poll()
            assert code in (None, 0), f"{dep} failed with {code}\n{svc.tail()}"
            return code == 0
        if condition == "service_healthy":
            return await svc.healthy()
        return True

    async def up(self, timeout_s: float = 90) -> list[str]:
        """Start every service once its dependencies hold; returns the start order."""
        order: list[str] = []
        async with asyncio.timeout(timeout_s):
            while len(order) < len(self.services):
                progressed = False
                for name, svc in self.services.items():
                    if name in order:
                        continue
                    checks = [await self._satisfied(d, c) for d, c in svc.depends_on.items()]
                    if all(checks):
                        svc.start()
                        order.append(name)
                        progressed = True
                if not progressed:
                    await asyncio.sleep(0.3)
            for name, svc in self.services.items():
                if svc.one_shot:
                    continue
                while not await svc.healthy():
                    assert svc.proc is not None and svc.proc.poll() is None, f"{name} exited\n{svc.tail()}"
                    await asyncio.sleep(0.5)
        self._supervisor = asyncio.create_task(self._supervise())
        return order

    async def _supervise(self) -> None:
        """compose's `restart: unless-stopped`: a long-running process that exited is started again."""
        while True:
            for svc in self.services.values():
                if svc.one_shot or svc.stopped or svc.proc is None:
                    continue
                code = svc.proc.poll()
                if code is not None:
                    svc.exits.append(code)
                    svc.restarts += 1
                    svc.start()
            await asyncio.sleep(0.5)

    async def all_healthy(self, timeout_s: float = 60) -> None:
        """Every long-running service passes its healthcheck again (after a fault)."""
        async with asyncio.timeout(timeout_s):
            for svc in self.services.values():
                if not svc.one_shot:
                    while not await svc.healthy():
                        await asyncio.sleep(0.5)

    async def stop_supervising(self) -> None:
        """No more restarts (before the final SIGTERMs)."""
        if self._supervisor is not None:
            self._supervisor.cancel()
            await asyncio.gather(self._supervisor, return_exceptions=True)

    def kill_all(self) -> None:
        """Clean-up after a failed run: nothing may outlive the test."""
        for svc in self.services.values():
            if svc.proc is not None and svc.proc.poll() is None:
                os.killpg(svc.proc.pid, signal.SIGKILL)
                svc.proc.wait(10)

    def logs(self) -> str:
        """Every service's log tail (assertion messages)."""
        return "\n".join(svc.tail() for svc in self.services.values())
