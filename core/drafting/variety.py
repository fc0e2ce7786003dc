"""More openings for the review drafts the repetition guard found repeated (`core.repetition`): a seller with a
thousand reviews a month needs more distinct answers than the template variants make.

The draft's greeting is swapped for another and one short line is put after it: for a happy review (4–5★, no
complaint topic) a line of joy, for any other review a calm acknowledgement (no thanks for a rating, no joy).
Nothing the draft says is removed, so its thanks, apology and advice stay as they were. Which greeting and line
follow from (interaction, try): the same try gives the same text.
"""

from __future__ import annotations

import re

from core.drafting.request import DraftRequest, clean_name
from core.drafting.templates import choose, variants
from core.i18n import translator
from core.models.enums import Channel

_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*\s*")
_GREETING = re.compile(
    r"^\s*(здравствуй|добр(ый|ого)|привет|приветствуем|hello|hi\b|good (day|morning|afternoon))", re.I
)


def happy(req: DraftRequest) -> bool:
    """A 4–5★ review that raises no complaint topic."""
    return (
        req.channel == Channel.REVIEW
        and req.rating is not None
        and req.rating >= 4
        and all(topic.praise for topic in req.topics)
    )


def varied(text: str, req: DraftRequest, attempt: int) -> str | None:
    """The review draft `text` with another greeting and one more line after it (try number `attempt`); None for
    anything but a review."""
    if req.channel != Channel.REVIEW:
        return None
    mood = "" if happy(req) else "-calm"
    name = clean_name(req.buyer_name)
    greet = variants(req.language, f"variety-greet{mood}-named" if name else f"variety-greet{mood}")
    lines = variants(req.language, f"variety-line{mood}")
    if not greet or not lines:
        return None
    greet_key, line_key = choose([greet, lines], req.interaction_id, attempt)
    tr = translator(req.language)
    sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
    if sentences and _GREETING.match(sentences[0]):
        sentences = sentences[1:]
    return " ".join([tr(greet_key, name=name or ""), tr(line_key), *sentences])
