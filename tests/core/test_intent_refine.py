"""The LLM second opinion on intent runs when a draft is made for an opted-in seller and the rules were unsure;
a changed intent re-triages the item. Sure rule answers and sellers without the LLM never cost an LLM call."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from cli.serving import serve_app
from core.drafting.service import create_draft
from core.intent import Intent, classify
from core.llm import make_client
from core.models import Channel, Interaction, InteractionStatus, Priority
from core.settings import LLMSettings, Settings
from sandbox.llm.server import create_app
from tests.factories import new_seller

UNSURE = "Как очистить от накипи?"  # no rule cue: the rules say "other", unsure


async def _question(text: str, *, llm_enabled: bool) -> Interaction:
    seller = await new_seller(llm_enabled=llm_enabled)
    return await Interaction.create(
        seller=seller,
        channel=Channel.QUESTION,
        external_id="q-1",
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
        text=text,
        intent=classify(text).intent.value,
        priority=Priority.HIGH,
        priority_rank=1,
    )


async def _llm_calls(url: str) -> int:
    async with httpx.AsyncClient() as http:
        return len((await http.get(f"{url}/_sandbox/requests")).json())


async def test_unsure_intent_is_refined_and_retriaged(db: None, settings: Settings) -> None:
    assert classify(UNSURE).intent == Intent.OTHER
    async with serve_app(create_app(api_key="sk-test", intent_answer="usage")) as url:
        llm = LLMSettings(base_url=f"{url}/v1", api_key="sk-test", timeout=5, max_retries=0)
        with_llm = settings.model_copy(update={"llm": llm})
        client = make_client(llm)
        item = await _question(UNSURE, llm_enabled=True)
        await create_draft(interaction_id=item.id, settings=with_llm, llm_client=client)
        await item.refresh_from_db()
        assert item.intent == Intent.USAGE.value
        assert item.due_at is not None

        plain = await _question(UNSURE, llm_enabled=False)
        calls = await _llm_calls(url)
        await create_draft(interaction_id=plain.id, settings=with_llm, llm_client=client)
        await client.close()
        await plain.refresh_from_db()
        assert plain.intent == Intent.OTHER.value
        assert await _llm_calls(url) == calls
