"""Topics: what a buyer's review, question or chat is about (several per item), in Russian and English.

`detect(text, channel=…, rating=…, pros=…, cons=…)` is the reader's topic detector (`core.reading.topics`, pure and
fast: clauses, morphology and rules, no I/O): the sync path stores the topics of every new interaction
(`Interaction.topics`) and the drafters address each one. `core.reading.read` gives the whole reading.
`refine_with_llm` asks the configured LLM for a second opinion only when the rules are unsure (opt-in per seller).
The `Topic` values are stable: analytics counts them.
"""

from core.reading.text import prepare
from core.reading.topics import detect
from core.topics.llm import refine_with_llm
from core.topics.model import REPLY_ORDER, Topic, TopicResult, TopicSource, ordered

__all__ = ["REPLY_ORDER", "Topic", "TopicResult", "TopicSource", "detect", "ordered", "prepare", "refine_with_llm"]
