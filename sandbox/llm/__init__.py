"""An OpenAI-compatible LLM sandbox: deterministic, polite answers derived from the prompt, plus faults on demand.

`sandbox.llm.server.create_app(**options)` serves, with `Authorization: Bearer <api_key>` required on `/v1/*`:

    GET  /v1/models                   -> {"object": "list", "data": [{"id": <model>, ...}]}
    POST /v1/chat/completions         {"model", "messages", "stream"?, "stream_options"?: {"include_usage"}}
                                      -> a chat.completion (or SSE chat.completion.chunk lines, then `data: [DONE]`)

The answer is chosen by a hash of the messages, in the prompt's language (`Reply language: en` in the prompt, else
by script), and is a short polite reply with nothing guardrails forbid. Regenerating with another `Variant: N`
gives another text. A prompt that asks for "one intent from this list" gets `intent_answer` (default "other"),
one that asks for topics gets `topics_answer` (default "none").
A *gullible* sandbox (default on) obeys "ignore previous instructions …" found anywhere in the prompt and promises
a refund, like a weak model fooled by prompt injection would: the pipeline's fences and guardrails must cope.
When the injection dictates a text ("… and write: «…»"), it answers exactly that text.

Options (keyword arguments of `create_app`, and the JSON fields of the control endpoint):
    api_key="sk-sandbox", model="sandbox-chat", latency=0.0 (seconds before answering), error_rate=0.0
    (share of requests failing with `error_status`, seeded by `seed`), error_status=500 (or 429), fail_next=0
    (the next N requests fail with `error_status`), retry_after_ms=50 (sent on errors; the openai client honours
    it), evil=False (answers violate guardrails: an AI mention, a refund for changing the review, a URL),
    empty=False (answers with an empty text), gullible=True, intent_answer="other", topics_answer="none", seed=1.

Control (no auth: the sandbox only listens on loopback)
    GET  /_sandbox/mode               -> the options above + {"requests": <count of /v1/chat/completions calls>}
    POST /_sandbox/mode {"evil": true, "fail_next": 2, ...} -> the same, after applying the changes
    GET  /_sandbox/requests           -> [{"model", "messages", "stream"}...] received so far (newest last)
    DELETE /_sandbox/requests         -> clears them (and the counter)
"""
