"""The opt-in LLM second opinion for texts whose topics the rules could not name."""

from __future__ import annotations

import openai
from openai.types.chat import ChatCompletionMessageParam

from core.llm import FENCE_RULE, LLMError, complete, fence
from core.reading.topics import detect
from core.topics.model import Topic, TopicResult, TopicSource, ordered

_SYSTEM = (
    "You label what a marketplace buyer's review, question or chat message is about. Choose zero or more topics "
    "from this list: "
    + ", ".join(t.value for t in Topic)
    + ". "
    + FENCE_RULE
    + " Answer with the chosen topic words separated by commas, or the word none."
)


async def refine_with_llm(
    text: str,
    *,
    channel: str,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
    client: openai.AsyncOpenAI | None,
    model: str,
) -> TopicResult:
    """The rules' topics, or the LLM's when the rules are unsure and a client is given (the seller opted in).

    Any failure or an answer with no known topic keeps the rules' result: topics shape a draft, they must never
    block one on the LLM.
    """
    ruled = detect(text, channel=channel, rating=rating, pros=pros, cons=cons)
    if client is None or not ruled.unsure:
        return ruled
    data = {"channel": channel, "rating": rating, "text": text, "pros": pros, "cons": cons}
    messages: list[ChatCompletionMessageParam] = [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": fence(data)},
    ]
    try:
        answer = (await complete(client, model, messages, max_tokens=40)).text
    except LLMError:
        return ruled
    words = {w.strip(" .\"'").lower() for w in answer.replace("\n", ",").split(",")}
    topics = {Topic(w) for w in words if w in Topic._value2member_map_}
    if not topics:
        return ruled
    return TopicResult(ordered(topics), unsure=False, source=TopicSource.LLM)
