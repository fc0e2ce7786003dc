"""Buyer intent of a question or chat message: rules first, an LLM only when the rules are unsure (opt-in).

`classify(text)` is pure and fast (no I/O): the sync path calls it for every new question and chat message and
feeds the result into priority and SLA (`core.priority`, `core.sla`). `classify_with_llm` asks the configured LLM only
when the rules' confidence is below `UNSURE_BELOW`.
"""

from core.intent.llm import classify_with_llm
from core.intent.rules import UNSURE_BELOW, Intent, IntentResult, IntentSource, classify

__all__ = [
    "UNSURE_BELOW",
    "Intent",
    "IntentResult",
    "IntentSource",
    "classify",
    "classify_with_llm",
]
