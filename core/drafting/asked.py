"""The one-tap draft from an answer the seller taught once (`core.taught`) for a question no fact answered.

Whether a question needs the seller is the template composer's decision (`Generated.asked`, stored as
`Draft.asked`, `core/drafting/templates.py`); this module only words the draft from the taught answer.
"""

from __future__ import annotations

from core.drafting.request import DraftRequest
from core.drafting.templates import choose, variants
from core.i18n import translator


def taught_text(req: DraftRequest, answer: str, variant: int) -> str:
    """The one-tap draft from the seller's taught `answer`: a greeting, thanks for the question, the answer as the
    seller wrote it, a closing (each from its variants, so two buyers never get the same text)."""
    tr = translator(req.language)
    keys = choose(
        [variants(req.language, f"taught-{part}") for part in ("greet", "thanks", "close")], req.interaction_id, variant
    )
    greet, thanks, close = (tr(key) for key in keys)
    return " ".join((greet, thanks, answer.strip(), close))
