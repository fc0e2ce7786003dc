"""A draft for text typed by a person (`agentiq draft`): the same reading (core.reading), request building, facts,
voice, guardrail context and generation as the bot's drafts, without an interaction row."""

from __future__ import annotations

from dataclasses import dataclass

from core.drafting.llm import LLMDrafter, make_client
from core.drafting.pipeline import Generated, generate
from core.drafting.request import DraftRequest
from core.drafting.service import facts_for
from core.guardrails import GuardrailContext, buyer_raised_refund
from core.intent import classify
from core.models import Seller
from core.models.enums import Channel
from core.reading import Reading, read
from core.seller_settings import SellerSettings
from core.settings import Settings


@dataclass(frozen=True)
class Preview:
    reading: Reading
    request: DraftRequest
    draft: Generated


async def preview(
    *,
    channel: Channel,
    text: str,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
    seller: Seller | None = None,
    nm_id: int | None = None,
    product_name: str | None = None,
    variant: int = 0,
    settings: Settings,
) -> Preview:
    """The reading, the draft and its verdict for this buyer text, as seller `seller` (None: default voice, no
    facts); `product_name` lets the reader tell the product's kind."""
    seller_settings = SellerSettings.of(seller.settings if seller else None)
    found = read(text, channel=channel, rating=rating, pros=pros, cons=cons, product_name=product_name)
    everything = "\n".join(p for p in (text, pros, cons) if p)
    req = DraftRequest(
        interaction_id=0,
        channel=channel,
        language=found.language,
        rating=rating if channel == Channel.REVIEW else None,
        intent=classify(everything).intent if channel != Channel.REVIEW else None,
        text=everything,
        tone=seller_settings.tone,
        topics=found.topics,
        facts=await facts_for(seller.id, nm_id) if seller else {},
        voice=seller_settings.voice,
        refund_raised=buyer_raised_refund(everything),
    )
    phrases = (p.strip() for p in (*seller_settings.banned_phrases, *settings.banned_phrases_extra))
    context = GuardrailContext(
        buyer_text=everything, rating=req.rating, extra_phrases=tuple(dict.fromkeys(p for p in phrases if p))
    )
    use_llm = seller is not None and seller.llm_enabled and settings.llm.enabled
    client = make_client(settings.llm) if use_llm else None
    try:
        drafter = LLMDrafter(client, settings.llm.model) if client is not None else None
        draft = await generate(req, variant=variant, context=context, llm=drafter)
    finally:
        if client is not None:
            await client.close()
    return Preview(found, req, draft)
