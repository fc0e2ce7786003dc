"""The acceptance run's own Redis and PostgreSQL: real servers on free ports in a temp dir, never the machine's shared
ones, so the test can `kill -9` them and start them again on the same data (as a container restart would)."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from cli.serving import free_port

STARTUP_S = 30.0


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_listening(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_S
    while not _listening(port):
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{proc.args[0]} did not listen on {port}:\n{log.read_text(errors='replace')}")
        time.sleep(0.1)


class Server:
    """One server process in its own process group (so `kill9` takes its children too), restartable."""

    name = "server"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = folder / f"{self.name}.log"

    def command(self) -> list[str]:
        """The server's command line."""
        raise NotImplementedError

    def start(self) -> None:
        """Start (or restart on the same data and port) and wait until it accepts connections."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.command(), stdout=out, stderr=subprocess.STDOUT, cwd=self.folder, start_new_session=True
            )
        _wait_listening(self.port, self.proc, self.log)

    def kill9(self) -> None:
        """SIGKILL the server and everything it forked, as a crash or an OOM kill would."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        deadline = time.monotonic() + 10
        while _listening(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), for the end of the run."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


class OwnRedis(Server):
    """redis-server with AOF on, as the compose `redis` service runs it (`--appendonly yes`)."""

    name = "redis"

    def command(self) -> list[str]:
        """redis-server on loopback, persisting every write to the append-only file in the run's folder."""
        binary = shutil.which("redis-server")
        assert binary, "redis-server is required (.ci/run installs it)"
        return [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
                "--appendonly", "yes", "--save", "", "--daemonize", "no"]  # fmt: skip

    @property
    def url(self) -> str:
        """Its URL, database 0 (as compose's AGENTIQ_REDIS_URL)."""
        return f"redis://127.0.0.1:{self.port}/0"


def pg_bin(tool: str) -> str:
    """A PostgreSQL server binary (Debian keeps them under /usr/lib/postgresql/<version>/bin)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), key=lambda p: int(p.split("/")[4]))
    path = found[-1] if found else shutil.which(tool)
    assert path, f"{tool} is required (.ci/run installs PostgreSQL)"
    return path


class OwnPostgres(Server):
    """A throwaway cluster (`initdb` in the run's folder), user `agentiq` with trust auth, database `agentiq`."""

    name = "postgres"

    def __init__(self, folder: Path, user: str = "agentiq", database: str = "agentiq") -> None:
        super().__init__(folder)
        # initdb and postgres refuse to run as root: then the cluster runs as the `postgres` system user, in a
        # folder of its own (pytest's temp folders are private to root).
        self.home = Path(tempfile.mkdtemp(prefix="agentiq-acceptance-pg-"))
        if self._user():
            shutil.chown(self.home, user=self._user())
        self.data = self.home / "data"
        self.user, self.database = user, database

    def init(self) -> None:
        """initdb, start, createdb."""
        subprocess.run(
            [pg_bin("initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync"],
            check=True, capture_output=True, user=self._user(),
        )  # fmt: skip
        self.start()
        subprocess.run(
            [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, self.database],
            check=True, capture_output=True,
        )  # fmt: skip

    def _user(self) -> str | None:
        return "postgres" if os.geteuid() == 0 else None

    def command(self) -> list[str]:
        """The postmaster itself (not pg_ctl), so the process group holds every backend for `kill9`."""
        return [pg_bin("postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.home),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]  # fmt: skip

    def start(self) -> None:
        """Start the postmaster (after a kill -9 it runs crash recovery first)."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.command(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True, user=self._user()
            )
        _wait_listening(self.port, self.proc, self.log)
        deadline = time.monotonic() + STARTUP_S
        while subprocess.run([pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                             capture_output=True).returncode != 0:  # fmt: skip
            assert time.monotonic() < deadline, self.log.read_text(errors="replace")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop the cluster and delete its folder."""
        super().stop()
        shutil.rmtree(self.home, ignore_errors=True)

    @property
    def url(self) -> str:
        """The database URL."""
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{self.database}"
