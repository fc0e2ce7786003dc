"""The guardrail verdict: what was found, where, how bad, and why (as a Fluent message key)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.i18n import translator

# Long fragments (an over-long text's tail) are cut in the human-readable reason, never in the stored verdict.
_REASON_FRAGMENT_CHARS = 80


class Severity(StrEnum):
    """BLOCK: the text is never sent. WARN: shown to the person approving, sending is allowed."""

    BLOCK = "block"
    WARN = "warn"


@dataclass(frozen=True)
class Violation:
    """One finding: the rule, the fragment of the original text and its span (`text[start:end] == fragment`)."""

    rule_id: str
    fragment: str
    start: int
    end: int
    severity: Severity
    reason_key: str
    reason_args: dict[str, str | int] = field(default_factory=dict)

    def reason(self, language: str | None) -> str:
        """The localised explanation of this violation."""
        fragment = self.fragment
        if len(fragment) > _REASON_FRAGMENT_CHARS:
            fragment = fragment[: _REASON_FRAGMENT_CHARS - 1] + "…"
        return translator(language)(self.reason_key, fragment=fragment, **self.reason_args)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "rule_id": self.rule_id,
            "fragment": self.fragment,
            "start": self.start,
            "end": self.end,
            "severity": self.severity.value,
            "reason_key": self.reason_key,
            "reason_args": dict(self.reason_args),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Violation:
        """Inverse of `to_dict`."""
        return cls(
            rule_id=data["rule_id"],
            fragment=data["fragment"],
            start=int(data["start"]),
            end=int(data["end"]),
            severity=Severity(data["severity"]),
            reason_key=data["reason_key"],
            reason_args=dict(data.get("reason_args") or {}),
        )


@dataclass(frozen=True)
class Verdict:
    """Every violation found in one text, ordered by position. `ok` is False when any of them blocks."""

    violations: tuple[Violation, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.blocking

    @property
    def blocking(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity is Severity.BLOCK)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity is Severity.WARN)

    def reasons(self, language: str | None) -> list[str]:
        """One localised explanation per violation, in order."""
        return [v.reason(language) for v in self.violations]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored on `Draft.verdict` (`ok` is included for queries, ignored when loading)."""
        return {"ok": self.ok, "violations": [v.to_dict() for v in self.violations]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        """Inverse of `to_dict`."""
        return cls(tuple(Violation.from_dict(v) for v in data.get("violations", ())))


@dataclass(frozen=True)
class GuardrailContext:
    """What the checker knows besides the text: the buyer's own words, their rating, extra banned phrases."""

    buyer_text: str = ""
    rating: int | None = None
    extra_phrases: tuple[str, ...] = ()


class GuardrailViolation(Exception):
    """Raised by services when a text with a blocking violation was about to be sent."""

    def __init__(self, verdict: Verdict) -> None:
        self.verdict = verdict
        rules = ", ".join(sorted({v.rule_id for v in verdict.blocking})) or "none"
        super().__init__(f"text blocked by guardrails: {rules}")
