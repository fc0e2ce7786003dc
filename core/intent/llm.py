"""The opt-in LLM second opinion for texts the rules are unsure about."""

from __future__ import annotations

import openai
from openai.types.chat import ChatCompletionMessageParam

from core.intent.rules import UNSURE_BELOW, Intent, IntentResult, IntentSource, classify
from core.llm import FENCE_RULE, LLMError, complete, fence

_SYSTEM = (
    "You label a marketplace buyer's message with exactly one intent from this list: "
    + ", ".join(i.value for i in Intent)
    + ". "
    + FENCE_RULE
    + " Answer with the single intent word only."
)


async def classify_with_llm(text: str, *, client: openai.AsyncOpenAI | None, model: str) -> IntentResult:
    """The rules' answer, or the LLM's when the rules are unsure and a client is given (the seller opted in).

    Any LLM failure or an answer outside the intent list keeps the rules' answer: intent only orders the inbox,
    so it must never block on the LLM.
    """
    ruled = classify(text)
    if client is None or ruled.confidence >= UNSURE_BELOW or not text.strip():
        return ruled
    messages: list[ChatCompletionMessageParam] = [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": fence({"text": text})},
    ]
    try:
        answer = (await complete(client, model, messages, max_tokens=5)).text.lower().strip(".")
    except LLMError:
        return ruled
    if answer not in Intent._value2member_map_:
        return ruled
    return IntentResult(Intent(answer), 0.7, IntentSource.LLM)
