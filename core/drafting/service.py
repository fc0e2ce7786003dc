"""`create_draft`: what the bot's Draft/Regenerate buttons and auto-draft on arrival call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import openai
from tortoise.exceptions import IntegrityError

from core import repetition, taught
from core.drafting.asked import taught_text
from core.drafting.build import build_request
from core.drafting.llm import LLMDrafter
from core.drafting.pipeline import Generated, generate
from core.drafting.request import DraftRequest
from core.drafting.variety import varied
from core.guardrails import GuardrailContext, Verdict, check_text, context_for
from core.intent import Intent, IntentSource, classify, classify_with_llm
from core.items.actions import Action
from core.items.view import require
from core.models import ChatMessage, Draft, Interaction, InteractionStatus, ProductAnswer, Reply
from core.models.enums import Channel, DraftOrigin
from core.priority import triage
from core.product_facts import facts_for
from core.readings import buyer_text, is_safety, reading_of
from core.seller_settings import SellerSettings
from core.settings import Settings
from core.topics import TopicSource, refine_with_llm

# How many further variants a draft that repeats one of the seller's recent answers may try before it is shown.
MAX_REROLLS = 12
# Then how many other openings a happy review's draft may try (core.drafting.variety).
VARIETY_TRIES = 48
# A second Draft tap within this window gets the draft the first tap made (double taps, redelivered updates).
DOUBLE_TAP_WINDOW = timedelta(seconds=5)
_CHAT_HISTORY_MESSAGES = 10


def _intent(interaction: Interaction, text: str) -> Intent:
    if interaction.intent is not None and interaction.intent in Intent._value2member_map_:
        return Intent(interaction.intent)
    return classify(text).intent


async def _history(interaction: Interaction) -> list[tuple[str, str]]:
    """A chat's recent messages in both directions, oldest first (the LLM sees who said what)."""
    if interaction.channel != Channel.CHAT:
        return []
    rows = await (
        ChatMessage.filter(interaction_id=interaction.id)
        .order_by("-occurred_at")
        .limit(_CHAT_HISTORY_MESSAGES)
        .values_list("direction", "text")
    )
    return [(str(direction), text) for direction, text in reversed(rows) if text]


async def request_for(interaction: Interaction, seller_settings: SellerSettings) -> DraftRequest:
    """The drafters' view of `interaction` (its seller must be fetched): its stored reading (`core.readings`: the
    topics to address, the situations, mood, kind and reply language), the product's facts and the seller's voice."""
    text = await buyer_text(interaction)
    reading = await reading_of(interaction, text)
    review = interaction.channel == Channel.REVIEW
    _, req = build_request(
        interaction_id=interaction.id,
        channel=interaction.channel,
        # A review's comment alone: its pros and cons are read as WB's sections.
        text=(interaction.text or "") if review else text,
        rating=interaction.rating,
        pros=interaction.pros if review else None,
        cons=interaction.cons if review else None,
        product_name=interaction.product_name,
        buyer_name=interaction.buyer_name,
        history=await _history(interaction),
        facts=await facts_for(interaction.seller_id, interaction.nm_id, reading.language),
        voice=seller_settings.voice,
        tone=seller_settings.tone,
        reading=reading,
        intent=_intent(interaction, text),
    )
    return req


async def _refine_topics(
    interaction: Interaction, req: DraftRequest, client: openai.AsyncOpenAI, model: str
) -> DraftRequest:
    """The LLM's reading of topics the rules could not name (opted-in sellers only); stored when it found some."""
    if req.topics:
        return req
    refined = await refine_with_llm(
        interaction.text or req.text,
        channel=str(interaction.channel),
        rating=interaction.rating,
        pros=interaction.pros,
        cons=interaction.cons,
        client=client,
        model=model,
    )
    if refined.source != TopicSource.LLM:
        return req
    await Interaction.filter(id=interaction.id).update(topics=refined.values)
    return replace(req, topics=refined.topics)


async def _refine_intent(
    interaction: Interaction,
    req: DraftRequest,
    seller_settings: SellerSettings,
    client: openai.AsyncOpenAI,
    model: str,
) -> DraftRequest:
    """Ask the LLM for the intent the rules were unsure about (the seller opted in to the LLM, and a draft is being
    made anyway: no LLM call ever sits on the ingest path). A changed intent re-triages the item's priority/SLA."""
    refined = await classify_with_llm(req.text, client=client, model=model)
    if refined.source != IntentSource.LLM or refined.intent == req.intent:
        return req
    t = triage(
        channel=interaction.channel,
        rating=interaction.rating,
        intent=refined.intent.value,
        text=req.text,
        occurred_at=interaction.occurred_at,
        business_hours=seller_settings.business_hours,
        safety=is_safety(interaction),
    )
    await Interaction.filter(id=interaction.id).update(
        intent=refined.intent.value, priority=t.priority, priority_rank=t.priority_rank, due_at=t.due_at
    )
    return replace(req, intent=refined.intent)


async def _earlier_drafts(interaction: Interaction, regenerate: bool) -> list[repetition.Signature]:
    """On Regenerate, the item's earlier drafts: the new one must not repeat them either (new wording, not a word)."""
    if not regenerate:
        return []
    earlier = await Draft.filter(interaction_id=interaction.id).values_list("text", flat=True)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return [repetition.signature(text) for text in earlier]  # type: ignore[arg-type]


async def _produce(
    req: DraftRequest,
    variant: int,
    context: GuardrailContext,
    saved: ProductAnswer | None,
    llm: LLMDrafter | None = None,
) -> Generated:
    """One draft's text: from the answer the seller taught for this question (`core.taught`) when there is one,
    else generated; a question no fact answers is marked as needing the seller («Нужен ваш ответ»)."""
    if saved is not None:
        text = taught_text(req, saved.answer, variant)
        return Generated(text, DraftOrigin.TEMPLATE, check_text(text, channel=req.channel, context=context))
    return await generate(req, variant=variant, context=context, llm=llm)


async def _unrepeated(
    interaction: Interaction,
    req: DraftRequest,
    variant: int,
    context: GuardrailContext,
    first: Generated,
    saved: ProductAnswer | None,
    regenerate: bool,
    avoid: Sequence[repetition.Signature] = (),
) -> tuple[Generated, int]:
    """`first` when it repeats none of the seller's public answers of the last 30 days (`core.repetition`), else the
    next template variant that does not (no further LLM call); when none of `MAX_REROLLS` does, `first` with the
    repetition finding (shown, never approvable). Chats are not public answers."""
    if interaction.channel not in repetition.PUBLIC:
        return first, variant
    earlier = [*await _earlier_drafts(interaction, regenerate), *avoid]

    async def repeats(text: str) -> bool:
        return await repetition.repeated(
            text, seller_id=interaction.seller_id, exclude_interaction=interaction.id, also=earlier
        )

    if not await repeats(first.text):
        return first, variant
    for step in range(1, MAX_REROLLS + 1):
        other = await _produce(req, variant + step, context, saved)
        if other.verdict.ok and not await repeats(other.text):
            origin = other.origin if first.origin == DraftOrigin.TEMPLATE else DraftOrigin.FALLBACK
            spent: dict[str, Any] = {"model": first.model, "prompt_tokens": first.prompt_tokens}
            return replace(other, origin=origin, completion_tokens=first.completion_tokens, **spent), variant + step
    # Every template variant repeats: a review draft gets another greeting and one more line (core.drafting.variety).
    for attempt in range(VARIETY_TRIES):
        text = varied(first.text, req, attempt)
        if text is None:
            break
        verdict = check_text(text, channel=req.channel, context=context)
        if verdict.ok and not await repeats(text):
            return replace(first, text=text, verdict=verdict), variant
    found = Verdict((*first.verdict.violations, repetition.violation(first.text)))
    return replace(first, verdict=found), variant


async def _recent_draft(interaction_id: int) -> Draft | None:
    since = datetime.now(UTC) - DOUBLE_TAP_WINDOW
    # A draft that was already answered with (WB then rejected the answer) is no double tap of a new Draft.
    replied = await Reply.filter(interaction_id=interaction_id).order_by("-id").first().values_list("created_at")
    if replied:
        since = max(since, replied[0])
    return await (
        Draft.filter(interaction_id=interaction_id, void=False, created_at__gte=since).order_by("-variant").first()
    )


async def _request_and_context(
    interaction: Interaction, seller_settings: SellerSettings, settings: Settings
) -> tuple[DraftRequest, GuardrailContext]:
    """The drafters' request for `interaction` and the guardrail context its draft is checked in (a chat's buyer
    text counts as the buyer's messages)."""
    req = await request_for(interaction, seller_settings)
    context = context_for(
        interaction,
        seller_settings,
        settings.banned_phrases_extra,
        buyer_messages=[req.text] if req.channel == Channel.CHAT else (),
    )
    return req, context


async def create_draft(
    *,
    interaction_id: int,
    member_id: int | None = None,
    regenerate: bool = False,
    arrival: bool = False,
    settings: Settings,
    llm_client: openai.AsyncOpenAI | None = None,
    avoid: Sequence[repetition.Signature] = (),
) -> Draft:
    """Generate and persist the next draft of an interaction (`regenerate`: a new variant even right after one;
    `arrival`: the automatic draft of a new item, see `SellerSettings.auto_draft_llm`; `avoid`: other drafts it
    must not repeat either, e.g. the backlog's drafts that will be sent in bulk, core.backlog_bulk).

    The LLM is used when the seller opted in (`Seller.llm_enabled`); `llm_client` is the
    process's one client (`core.llm.process_client`, handed in by the bot and the notifier; the caller closes it);
    without one the templates draft. Nothing is voided here.

    Double taps: a non-void draft made in the last `DOUBLE_TAP_WINDOW` is returned as is unless `regenerate`. Two
    calls that overlap (both started before either stored its draft) both pick variant N = last + 1 and store it
    under `dedupe_key = "<interaction>:<N>"`, which is UNIQUE: the database lets exactly one insert win (this holds
    on PostgreSQL and SQLite alike, across processes, without locks held during the LLM call), and the loser returns
    the winner's row. So a double tap yields one stored draft; only the text generation may run twice.

    "Needs the seller": when the buyer asked something neither the templates nor the product's facts answer, the
    stored draft's `asked` holds what was asked (`Draft.asked`, also `Generated.asked` / `.needs_seller`) and its
    text is only an honest holding line, never a pretend answer: the card shows «Нужен ваш ответ» with the question,
    auto-send must not send it, and the seller's own answer can be saved as a product fact ("teach once";
    `core.drafting.facts.suggested_kind(draft.asked)` names the kind, `core.product_facts.set_fact` stores it).
    """
    interaction = await Interaction.get(id=interaction_id).prefetch_related("seller")
    if not regenerate and (recent := await _recent_draft(interaction_id)):
        return recent
    if not arrival:  # a person's Draft / Regenerate: only what the item offers now (arrival has its own rule)
        await require(interaction, Action.REGENERATE if regenerate else Action.DRAFT)
    last = await Draft.filter(interaction_id=interaction_id).order_by("-variant").first()
    variant = 0 if last is None else last.variant + 1
    seller = interaction.seller
    seller_settings = SellerSettings.of(seller.settings)
    req, context = await _request_and_context(interaction, seller_settings, settings)
    # On arrival (auto-draft) the LLM is used only when the seller opted in to paying for it per item.
    use_llm = seller.llm_enabled and (not arrival or seller_settings.auto_draft_llm)
    client = llm_client if use_llm else None
    if client is not None and req.channel != Channel.REVIEW:
        req = await _refine_intent(interaction, req, seller_settings, client, settings.llm.model)
    if client is not None:
        req = await _refine_topics(interaction, req, client, settings.llm.model)
    drafter = LLMDrafter(client, settings.llm.model) if client is not None else None
    saved = await taught.answer_for(interaction.seller_id, interaction.nm_id, req.text, req.language)
    result = await _produce(req, variant, context, saved, drafter)
    result, variant = await _unrepeated(interaction, req, variant, context, result, saved, regenerate, avoid)
    key = f"{interaction_id}:{variant}"
    try:
        draft = await Draft.create(
            interaction_id=interaction_id,
            text=result.text,
            origin=result.origin,
            model=result.model,
            variant=variant,
            verdict=result.verdict.to_dict(),
            ok=result.verdict.ok,
            prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens,
            asked=result.asked,
            dedupe_key=key,
            created_by_id=member_id,
        )
    except IntegrityError:
        return await Draft.get(dedupe_key=key)
    # Only an item still waiting moves to "drafted"; answered/skipped/closed ones keep their status.
    await Interaction.filter(
        id=interaction_id, status__in=(InteractionStatus.NEW, InteractionStatus.NEEDS_RESPONSE)
    ).update(status=InteractionStatus.DRAFTED)
    return draft


async def template_draft(interaction: Interaction, seller_settings: SellerSettings, settings: Settings) -> Generated:
    """What the templates would write for `interaction` now (its stored reading, facts, taught answers and voice;
    nothing stored, no LLM call, no repetition re-roll): the auto-send replay's draft (`core.autosend_replay`)."""
    req, context = await _request_and_context(interaction, seller_settings, settings)
    saved = await taught.answer_for(interaction.seller_id, interaction.nm_id, req.text, req.language)
    return await _produce(req, 0, context, saved)
