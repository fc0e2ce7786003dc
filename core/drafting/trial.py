"""A trial draft for buyer text typed by a person (`agentiq draft`, bench/drafts.py; not `core.previews`, the
seller's own typed reply shown as a draft): the same request building, topics, facts, voice,
guardrail context and generation as the bot's drafts, without an interaction row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import openai

from core.drafting.build import build_request
from core.drafting.llm import LLMDrafter
from core.drafting.pipeline import Generated, generate
from core.drafting.request import DraftRequest
from core.guardrails import GuardrailContext
from core.models import Seller
from core.models.enums import Channel
from core.product_facts import facts_for
from core.reading import Reading, read
from core.seller_settings import SellerSettings
from core.settings import Settings
from core.topics import TopicResult


@dataclass(frozen=True)
class Trial:
    reading: Reading
    request: DraftRequest
    draft: Generated

    @property
    def topics(self) -> TopicResult:
        """The reading's topics (and whether the reader was unsure)."""
        return TopicResult(self.reading.topics, self.reading.unsure)


async def trial(
    *,
    channel: Channel,
    text: str,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
    seller: Seller | None = None,
    nm_id: int | None = None,
    variant: int = 0,
    settings: Settings,
    product_name: str | None = None,
    subject: str | None = None,
    history: Sequence[tuple[str, str]] = (),
    interaction_id: int = 0,
    reading: Reading | None = None,
    llm_client: openai.AsyncOpenAI | None = None,
) -> Trial:
    """The reading, the draft and its verdict for this buyer text, as seller `seller` (None: default voice, no
    facts). `history`: a chat's earlier messages as (direction "in"|"out", text), oldest first; `reading` a given
    reading instead of `core.reading.read`'s (the bench's labelled readings); `llm_client` the caller's LLM client
    (the LLM drafts only with one and a seller who opted in)."""
    seller_settings = SellerSettings.of(seller.settings if seller else None)
    # Read first: the reply's language picks the facts' text (an English reply quotes English facts).
    if reading is None:
        reading = read(
            text, channel=channel, rating=rating, pros=pros, cons=cons, product_name=product_name, subject=subject
        )
    reading, req = build_request(
        reading=reading,
        interaction_id=interaction_id,
        channel=channel,
        text=text,
        rating=rating,
        pros=pros,
        cons=cons,
        product_name=product_name,
        subject=subject,
        history=history,
        facts=await facts_for(seller.id, nm_id, reading.language) if seller else {},
        voice=seller_settings.voice,
        tone=seller_settings.tone,
    )
    everything = req.text
    phrases = (p.strip() for p in (*seller_settings.banned_phrases, *settings.banned_phrases_extra))
    context = GuardrailContext(
        buyer_text=everything, rating=req.rating, extra_phrases=tuple(dict.fromkeys(p for p in phrases if p))
    )
    opted_in = seller is not None and seller.llm_enabled
    drafter = LLMDrafter(llm_client, settings.llm.model) if llm_client is not None and opted_in else None
    draft = await generate(req, variant=variant, context=context, llm=drafter)
    return Trial(reading, req, draft)
