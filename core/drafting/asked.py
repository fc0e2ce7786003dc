"""Questions the drafter cannot answer from the product's facts ("needs the seller"), and the one-tap draft from
an answer the seller taught once (`core.taught`).

`needs_seller` is the interim decision of branch `flows`: the template composer of branch `drafts` computes the
same outcome (`Composition.asked`, stored as `Draft.asked`) from what was asked and the facts' content, and replaces
this function. Whatever decides, the contract is: a question → what the buyer asked (short) when no fact answers
it, else None; the card then shows «Нужен ваш ответ» instead of a pretend answer.
"""

from __future__ import annotations

import re

from core.drafting.request import DraftRequest
from core.drafting.templates import FACT_FOR_TOPIC, choose, variants
from core.i18n import translator
from core.models.enums import Channel

_QUESTION = re.compile(r"[^.!?\n]*\?")
ASKED_CHARS = 200


def asked_of(text: str, limit: int = ASKED_CHARS) -> str:
    """What the buyer asked, short: the first sentence with a question mark, else the text's start."""
    found = _QUESTION.search(text)
    asked = " ".join((found.group(0) if found else text).split())
    return asked if len(asked) <= limit else asked[: limit - 1].rsplit(" ", 1)[0] + "…"


def needs_seller(req: DraftRequest) -> str | None:
    """Interim: a buyer's question (question channel) that none of the product's facts answers → what was asked."""
    if req.channel != Channel.QUESTION or not req.text.strip():
        return None
    answering = {FACT_FOR_TOPIC[t] for t in req.topics if t in FACT_FOR_TOPIC}
    if any(req.facts.get(kind, "").strip() for kind in answering):
        return None
    return asked_of(req.text)


def taught_text(req: DraftRequest, answer: str, variant: int) -> str:
    """The one-tap draft from the seller's taught `answer`: a greeting, thanks for the question, the answer as the
    seller wrote it, a closing (each from its variants, so two buyers never get the same text)."""
    tr = translator(req.language)
    keys = choose(
        [variants(req.language, f"taught-{part}") for part in ("greet", "thanks", "close")], req.interaction_id, variant
    )
    greet, thanks, close = (tr(key) for key in keys)
    return " ".join((greet, thanks, answer.strip(), close))
