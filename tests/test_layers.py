"""The package layers, read from the source: core imports none of our other packages; bot and admin take nothing
from sync but the task kicks (`sync.broker`: `kick`, core's send step `send_queue`, a kick-only `get_broker`) — the
plumbing every process shares (Redis options, rate limits, heartbeat) is core's, and the WB token check is handed to
the bot by its entry point; bot routers and admin routes import no sync module at all. Policy (approving, auto-send,
what an arrival sets off) is core's, so a handler that reached into `sync.outbox` fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("core", "sync", "bot", "admin", "cli", "sandbox")
# What bot/ and admin/ may import from sync (module and its submodules).
# All that bot/ and admin/ may import from sync: the kicks.
KICKS = {"sync.broker", "sync.broker.kick", "sync.broker.send_queue", "sync.broker.get_broker"}


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (deferred imports inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _package_of(module: str) -> str:
    return module.split(".", 1)[0]


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", _sources("core"), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_imports_none_of_our_other_packages(path: Path) -> None:
    assert {m for m in _imports(path) if _package_of(m) in OURS and _package_of(m) != "core"} == set()


@pytest.mark.parametrize("path", _sources("bot") + _sources("admin"), ids=lambda p: str(p.relative_to(ROOT)))
def test_bot_and_admin_take_only_the_kicks_from_sync(path: Path) -> None:
    from_sync = {m for m in _imports(path) if _package_of(m) == "sync"}
    assert from_sync - KICKS == set()
    if path.parent.name in ("routers", "routes"):
        assert from_sync == set(), "handlers hand the send step in from their dependencies, never import sync"


@pytest.mark.parametrize("path", sorted((ROOT / "admin" / "routes").glob("*.py")), ids=lambda p: p.name)
def test_admin_routes_import_no_sibling_route(path: Path) -> None:
    """What two pages share (loaders, sign-in) lives in one admin module (`admin.loaders`, `admin.login`)."""
    siblings = {m for m in _imports(path) if _under(m, ("admin.routes",)) and path.name != "__init__.py"}
    assert siblings == set()


# The only commands that start the stand-ins (WB, Telegram, LLM); what a deployment runs stays clear of them.
SANDBOX_COMMANDS = {"cli/demo.py", "cli/sandbox.py"}


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in _sources("core") + _sources("sync") + _sources("bot") + _sources("admin") + _sources("cli")
        if str(p.relative_to(ROOT)) not in SANDBOX_COMMANDS
    ],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_production_code_imports_no_stand_in(path: Path) -> None:
    assert {m for m in _imports(path) if _package_of(m) == "sandbox"} == set()


def test_the_production_commands_load_no_stand_in() -> None:
    """What `agentiq run`, `admin serve`, `bot`, `worker`, `scheduler` import at start, in a fresh interpreter: the
    `agentiq` group and every module those commands run, with no `sandbox` module among them."""
    import subprocess
    import sys

    probe = (
        "import sys, cli.main, cli.runtime, cli.admin, cli.bot, cli.workers, cli.health, admin.app, bot.runtime;"
        "print(sorted(m for m in sys.modules if m == 'sandbox' or m.startswith('sandbox.')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
