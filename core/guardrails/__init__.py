"""Guardrails: every outgoing text (template, LLM or seller) is checked before it can be sent.

`check_text(text, channel=..., context=...)` returns a `Verdict` listing each violation with the matched fragment,
its span in the original text, a severity (BLOCK or WARN, stricter for public reviews and questions than for
chats) and a Fluent message key. Pure and fast: everything is compiled once at import. Rules and the
public-vs-chat policy: `core.guardrails.rules`; normalisation: `core.guardrails.normalize`.
"""

from core.guardrails.check import buyer_raised_refund, check_text, context_for, enforce
from core.guardrails.verdict import GuardrailContext, GuardrailViolation, Severity, Verdict, Violation

__all__ = [
    "GuardrailContext",
    "GuardrailViolation",
    "Severity",
    "Verdict",
    "Violation",
    "buyer_raised_refund",
    "check_text",
    "context_for",
    "enforce",
]
