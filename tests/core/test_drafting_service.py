"""`create_draft` on the real test database: persistence, double taps, regenerate, LLM opt-in, blocked drafts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import httpx
import openai

from cli.serving import serve_app
from core.drafting.service import create_draft
from core.guardrails import Verdict
from core.llm import make_client
from core.models import (
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    MemberRole,
    Seller,
    SellerMember,
)
from core.settings import LLMSettings, Settings
from sandbox.llm.server import create_app

KEY = "sk-test"


async def _interaction(
    *, llm_enabled: bool = False, seller_settings: dict | None = None, **fields: object
) -> Interaction:
    seller = await Seller.create(name="Shop", llm_enabled=llm_enabled, settings=seller_settings or {})
    values = {"channel": Channel.REVIEW, "rating": 5, "text": "Отличное платье", "buyer_name": "Анна"} | fields
    return await Interaction.create(
        seller=seller,
        external_id="fb-1",
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
        **values,
    )


def _with_llm(settings: Settings, url: str) -> Settings:
    llm = LLMSettings(base_url=f"{url}/v1", api_key=KEY, timeout=5, max_retries=0)
    return settings.model_copy(update={"llm": llm})


@asynccontextmanager
async def _llm(settings: Settings, **mode: object) -> AsyncIterator[tuple[Settings, openai.AsyncOpenAI, str]]:
    """A fresh LLM sandbox, settings pointing at it and the one client a process would hand in."""
    async with serve_app(create_app(api_key=KEY, **mode)) as url:
        with_llm = _with_llm(settings, url)
        client = make_client(with_llm.llm)
        try:
            yield with_llm, client, url
        finally:
            await client.close()


async def test_a_template_draft_is_persisted(db: None, settings: Settings) -> None:
    interaction = await _interaction()
    member = await SellerMember.create(
        seller_id=interaction.seller_id, tg_user_id=1, tg_chat_id=1, role=MemberRole.OWNER
    )
    draft = await create_draft(interaction_id=interaction.id, member_id=member.id, settings=settings)
    stored = await Draft.get(id=draft.id)
    assert stored.origin == DraftOrigin.TEMPLATE and stored.ok and stored.variant == 0
    assert stored.created_by_id == member.id and "Анна" in stored.text
    assert Verdict.from_dict(stored.verdict).ok
    assert (await Interaction.get(id=interaction.id)).status == InteractionStatus.DRAFTED


async def test_a_double_tap_returns_the_same_draft(db: None, settings: Settings) -> None:
    interaction = await _interaction()
    first = await create_draft(interaction_id=interaction.id, settings=settings)
    second = await create_draft(interaction_id=interaction.id, settings=settings)
    assert first.id == second.id
    assert await Draft.filter(interaction_id=interaction.id).count() == 1


async def test_overlapping_taps_store_one_draft(db: None, settings: Settings) -> None:
    # The sandbox's latency makes both calls generate at the same time: the unique dedupe key decides.
    interaction = await _interaction(llm_enabled=True)
    async with _llm(settings, latency=0.3) as (llm_settings, client, url):
        drafts = await asyncio.gather(
            *(create_draft(interaction_id=interaction.id, settings=llm_settings, llm_client=client) for _ in range(3))
        )
        async with httpx.AsyncClient(base_url=url) as http:
            generated = len((await http.get("/_sandbox/requests")).json())
    assert generated == 3, "all three calls overlapped and generated: the dedupe key, not the window, decided"
    assert len({d.id for d in drafts}) == 1
    assert await Draft.filter(interaction_id=interaction.id).count() == 1


async def test_regenerate_makes_a_new_variant(db: None, settings: Settings) -> None:
    interaction = await _interaction(channel=Channel.QUESTION, rating=None, text="Какой размер брать на рост 170?")
    first = await create_draft(interaction_id=interaction.id, settings=settings)
    second = await create_draft(interaction_id=interaction.id, regenerate=True, settings=settings)
    assert (first.variant, second.variant) == (0, 1)
    assert first.id != second.id and first.text != second.text
    assert "таблиц" in first.text, "the question's intent (size) chose the body"


async def test_llm_is_used_only_when_the_seller_opted_in(db: None, settings: Settings) -> None:
    async with _llm(settings) as (llm_settings, client, _):
        off = await create_draft(interaction_id=(await _interaction()).id, settings=llm_settings, llm_client=client)
        on_interaction = await _interaction(llm_enabled=True, seller_settings={"tone": "warm"})
        on = await create_draft(interaction_id=on_interaction.id, settings=llm_settings, llm_client=client)
    assert off.origin == DraftOrigin.TEMPLATE and off.prompt_tokens == 0
    assert on.origin == DraftOrigin.LLM and on.model and on.prompt_tokens > 0 and on.completion_tokens > 0


async def test_llm_failure_is_stored_as_fallback(db: None, settings: Settings) -> None:
    interaction = await _interaction(llm_enabled=True)
    async with _llm(settings, evil=True) as (llm_settings, client, _):
        draft = await create_draft(interaction_id=interaction.id, settings=llm_settings, llm_client=client)
    assert draft.origin == DraftOrigin.FALLBACK and draft.ok and draft.completion_tokens > 0


async def test_a_draft_that_cannot_pass_is_offered_with_reasons(db: None, settings: Settings) -> None:
    # The seller banned every greeting the templates have: both attempts fail, the draft keeps its verdict.
    banned = ["Здравствуйте", "Добрый день", "Приветствуем"]
    interaction = await _interaction(seller_settings={"banned_phrases": banned})
    draft = await create_draft(interaction_id=interaction.id, settings=settings)
    verdict = Verdict.from_dict(draft.verdict)
    assert not draft.ok and not verdict.ok
    assert verdict.reasons("ru") and verdict.reasons("en")


async def test_arrival_draft_uses_the_llm_only_when_the_seller_opted_in(db: None, settings: Settings) -> None:
    async with _llm(settings) as (llm_settings, client, _):
        plain = await _interaction(llm_enabled=True)
        free = await create_draft(interaction_id=plain.id, arrival=True, settings=llm_settings, llm_client=client)
        opted = await _interaction(llm_enabled=True, seller_settings={"auto_draft_llm": True})
        paid = await create_draft(interaction_id=opted.id, arrival=True, settings=llm_settings, llm_client=client)
        tapped = await create_draft(interaction_id=plain.id, regenerate=True, settings=llm_settings, llm_client=client)
    assert free.origin == DraftOrigin.TEMPLATE and free.prompt_tokens == 0
    assert paid.origin == DraftOrigin.LLM
    assert tapped.origin == DraftOrigin.LLM  # Draft/Regenerate use the seller's LLM switch as before
    await plain.refresh_from_db()
    # Detected and stored: "Отличное платье" is general praise, no named aspect (docs/reading-labels.md), so no
    # topic; the positive mood is stored beside it.
    assert plain.topics == [] and plain.mood == "positive"


async def test_arrival_drafts_share_the_process_client(db: None, settings: Settings) -> None:
    """Drafts on arrival go through the one client the process hands in: every LLM request the sandbox saw left
    through that client's connection pool, none through a client opened per draft."""
    import openai

    from core import arrival
    from core.sending import Enqueue

    sent: list[str] = []

    async def count(request: httpx.Request) -> None:
        sent.append(str(request.url))

    async def no_send(reply_id: int) -> None:
        return None

    enqueue: Enqueue = no_send
    async with serve_app(create_app(api_key=KEY)) as url:
        with_llm = _with_llm(settings, url)
        # One client with its own counted connection pool, as `core.llm.process_client` opens one per process.
        pool = httpx.AsyncClient(event_hooks={"request": [count]})
        client = openai.AsyncOpenAI(base_url=f"{url}/v1", api_key=KEY, max_retries=0, http_client=pool)
        try:
            for _ in range(3):
                item = await _interaction(
                    llm_enabled=True, seller_settings={"auto_draft": True, "auto_draft_llm": True}
                )
                ready = await arrival.prepare(item.id, settings=with_llm, enqueue=enqueue, llm_client=client)
                assert ready.data.interaction.id == item.id
        finally:
            await client.close()
        async with httpx.AsyncClient(base_url=url) as http:
            seen = (await http.get("/_sandbox/mode")).json()["requests"]
    drafts = await Draft.filter(origin=DraftOrigin.LLM).count()
    assert drafts == 3
    assert seen >= 3 and len(sent) == seen
