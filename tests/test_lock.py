"""The lock files agree with pyproject.toml: every declared dependency is pinned (with hashes) at a version its range
allows, nothing is pinned that nothing needs, and the dev lock pins the runtime packages exactly as the image does.

Regenerate both with `bash .ci/lock` after changing a dependency (README, Development).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
FIX = "the lock files disagree with pyproject.toml: regenerate them with `bash .ci/lock` and commit both"
SELF = "agentiq (pyproject.toml)"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


@dataclass
class Pin:
    """One `name==version` entry of a lock file."""

    name: str
    version: Version
    marker: Marker | None
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    def applies(self) -> bool:
        """Whether the entry is installed on this interpreter (universal locks carry markers)."""
        return self.marker is None or self.marker.evaluate()


def read_lock(name: str) -> dict[str, list[Pin]]:
    """The entries of a uv / pip-compile lock file by canonical name (a name can be pinned once per marker)."""
    pins: dict[str, list[Pin]] = {}
    current: Pin | None = None
    in_via = False
    for line in (ROOT / name).read_text().splitlines():
        if match := PIN.match(line):
            marker = match["marker"]
            current = Pin(
                canonicalize_name(match["name"]), Version(match["version"]), Marker(marker) if marker else None
            )
            pins.setdefault(current.name, []).append(current)
            in_via = False
        elif current is not None and (hashed := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            current.hashes.append(hashed[1])
        elif current is not None and (via := re.match(r"\s+# via(?: (.+))?$", line)):
            in_via = via[1] is None
            if via[1]:
                current.via.append(via[1].strip())
        elif current is not None and in_via and (parent := re.match(r"\s+#\s{3}(.+)$", line)):
            current.via.append(parent[1].strip())
    return pins


def declared(extra: str | None = None) -> list[Requirement]:
    """pyproject's runtime dependencies, or those of an extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in (project["optional-dependencies"][extra] if extra else project["dependencies"])]


def _unsatisfied(requirements: list[Requirement], pins: dict[str, list[Pin]]) -> list[str]:
    problems = []
    for requirement in requirements:
        found = [p for p in pins.get(canonicalize_name(requirement.name), []) if p.applies()]
        if not found:
            problems.append(f"{requirement} is not in the lock")
        elif not any(requirement.specifier.contains(p.version, prereleases=True) for p in found):
            problems.append(f"{requirement} but the lock pins {[str(p.version) for p in found]}")
    return problems


def _direct_but_undeclared(requirements: list[Requirement], pins: dict[str, list[Pin]]) -> list[str]:
    names = {canonicalize_name(r.name) for r in requirements}
    return sorted({p.name for group in pins.values() for p in group if SELF in p.via and p.name not in names})


def _orphans(pins: dict[str, list[Pin]]) -> list[str]:
    """Entries whose every parent is neither pyproject nor another entry (left over after a removal)."""
    names = set(pins)
    return sorted(p.name for group in pins.values() for p in group if not any(v == SELF or v in names for v in p.via))


def test_the_runtime_lock_agrees_with_pyproject() -> None:
    pins = read_lock("requirements.lock")
    assert _unsatisfied(declared(), pins) == [], FIX
    assert _direct_but_undeclared(declared(), pins) == [], FIX
    assert _orphans(pins) == [], FIX
    assert [p.name for group in pins.values() for p in group if not p.hashes] == []


def test_the_dev_lock_adds_the_dev_extra_and_keeps_the_runtime_pins() -> None:
    runtime, dev = read_lock("requirements.lock"), read_lock("requirements-dev.lock")
    everything = declared() + declared("dev")
    assert _unsatisfied(everything, dev) == [], FIX
    assert _direct_but_undeclared(everything, dev) == [], FIX
    assert _orphans(dev) == [], FIX
    assert [p.name for group in dev.values() for p in group if not p.hashes] == []
    differ = {
        name: ([str(p.version) for p in pins], [str(p.version) for p in dev.get(name, [])])
        for name, pins in runtime.items()
        if sorted(str(p.version) for p in pins) != sorted(str(p.version) for p in dev.get(name, []))
    }
    assert differ == {}, FIX


def test_a_disagreement_is_caught() -> None:
    pins = read_lock("requirements.lock")
    aiogram = pins["aiogram"][0]
    assert _unsatisfied([Requirement("aiogram>=99")], pins) == [f"aiogram>=99 but the lock pins ['{aiogram.version}']"]
    assert _unsatisfied([Requirement("not-a-dependency-of-ours")], pins) == [
        "not-a-dependency-of-ours is not in the lock"
    ]
    assert _direct_but_undeclared([r for r in declared() if r.name != "aiogram"], pins) == ["aiogram"]
