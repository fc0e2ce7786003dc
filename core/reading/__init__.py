"""Reading a buyer: what a review, question or chat is about, the buyer's situation, mood, reply language and
safety, in context (`read`). Pure and fast: no I/O; the sync path stores the reading of every new interaction.
"""

from core.reading.kind import product_kind
from core.reading.language import reply_language
from core.reading.model import SAFETY, Mood, ProductKind, Reading, Situation
from core.reading.read import read

__all__ = ["SAFETY", "Mood", "ProductKind", "Reading", "Situation", "product_kind", "read", "reply_language"]
