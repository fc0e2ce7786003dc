"""Injected Bot API faults: a share of calls, or every call for a time window, fail the way Telegram and the
network between fail, before the method runs (nothing is sent, so a retry is safe).

`POST /_sandbox/faults` sets one rule (replacing the last):

| error     | what the bot sees                                                                          |
|-----------|--------------------------------------------------------------------------------------------|
| `reset`   | the TCP connection reset before any answer                                                  |
| `5xx`     | 502 `{"ok": false, "error_code": 502, "description": "Bad Gateway"}`                        |
| `timeout` | nothing for `hold_s`, then 504 "Gateway Timeout" (a client with a shorter timeout gives up) |
| `429`     | 429 "Too Many Requests: retry after N" with `parameters.retry_after` = `retry_after`        |

`share` (0..1, default 1) is the chance each call fails; `seconds` (optional) ends the rule after that long;
`count` (optional) ends it after that many faults; `after` (optional) lets that many calls through first (Telegram
goes down in the middle of a run); `methods` (optional, case-insensitive) limits it to those methods.
`{"error": null}` (or `DELETE /_sandbox/faults`) clears it. A seeded random makes a run repeatable (`seed`).
`GET /_sandbox/faults` shows the rule and how many faults each method took.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

ERRORS = ("reset", "5xx", "timeout", "429")


@dataclass
class FaultRule:
    """One active rule."""

    error: str
    share: float = 1.0
    until: float | None = None  # time.monotonic() after which the rule is off
    left: int | None = None
    after: int = 0
    methods: frozenset[str] = frozenset()
    hold_s: float = 5.0
    retry_after: int = 1


@dataclass
class Faults:
    """The sandbox's fault rule and what it did."""

    rule: FaultRule | None = None
    taken: Counter[str] = field(default_factory=Counter)
    _random: random.Random = field(default_factory=lambda: random.Random(1))

    def configure(self, body: dict[str, Any]) -> dict[str, Any]:
        """Set (or clear, with no `error`) the rule from a control body; ValueError on a bad one."""
        error = body.get("error")
        if not error:
            self.rule = None
            return self.view()
        if error not in ERRORS:
            raise ValueError(f"error must be one of {', '.join(ERRORS)}")
        share = float(body.get("share", 1.0))
        if not 0 <= share <= 1:
            raise ValueError("share is between 0 and 1")
        seconds = body.get("seconds")
        if "seed" in body:
            self._random = random.Random(int(body["seed"]))
        self.rule = FaultRule(
            error=error,
            share=share,
            until=time.monotonic() + float(seconds) if seconds is not None else None,
            left=int(body["count"]) if body.get("count") is not None else None,
            after=int(body.get("after", 0)),
            methods=frozenset(str(m).lower() for m in body.get("methods") or ()),
            hold_s=float(body.get("hold_s", 5.0)),
            retry_after=max(1, int(body.get("retry_after", 1))),
        )
        return self.view()

    def take(self, method: str) -> FaultRule | None:
        """The rule when this call of `method` is to fail (counted), else None."""
        rule = self.rule
        if rule is None:
            return None
        if (rule.until is not None and time.monotonic() >= rule.until) or rule.left == 0:
            self.rule = None
            return None
        if rule.methods and method.lower() not in rule.methods:
            return None
        if rule.after > 0:
            rule.after -= 1
            return None
        if self._random.random() >= rule.share:
            return None
        if rule.left is not None:
            rule.left -= 1
        self.taken[method] += 1
        return rule

    def view(self) -> dict[str, Any]:
        """JSON-ready state."""
        rule = self.rule
        return {
            "rule": None
            if rule is None
            else {
                "error": rule.error,
                "share": rule.share,
                "seconds_left": None if rule.until is None else max(0.0, rule.until - time.monotonic()),
                "count_left": rule.left,
                "methods": sorted(rule.methods),
            },
            "taken": dict(self.taken),
            "taken_total": sum(self.taken.values()),
        }
