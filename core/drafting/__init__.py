"""Reply drafts: templates by default, an OpenAI-compatible LLM when configured, guardrails on every draft.

- `core.drafting.templates.render` — the template drafter (locales/*/drafting*.ftl) from the reading, no network;
- `core.drafting.facts` — which product fact answers what was asked (by content, not kind);
- `core.drafting.build.build_request` — the reading and the request, shared by the bot, `agentiq draft` and the bench;
- `core.drafting.llm.LLMDrafter` — the LLM drafter (`openai.AsyncOpenAI`), fenced prompt, token usage;
- `core.drafting.pipeline.generate` — LLM → guardrails → template fallback → guardrails;
- `core.drafting.service.create_draft` — what the bot calls: builds the request, generates, persists a `Draft`.
"""
