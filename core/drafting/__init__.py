"""Reply drafts: templates by default, an OpenAI-compatible LLM when configured, guardrails on every draft.

- `core.drafting.templates.render` — the template drafter (locales/*/drafting.ftl), no network;
- `core.drafting.llm.LLMDrafter` — the LLM drafter (`openai.AsyncOpenAI`), fenced prompt, token usage;
- `core.drafting.pipeline.generate` — LLM → guardrails → template fallback → guardrails;
- `core.drafting.service.create_draft` — what the bot calls: builds the request, generates, persists a `Draft`.
"""
