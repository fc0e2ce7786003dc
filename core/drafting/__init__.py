"""Reply drafts: templates by default, an OpenAI-compatible LLM when configured, guardrails on every draft.

- `core.drafting.templates.render` — the template drafter (locales/*/drafting*.ftl) from the reading, no network;
- `core.drafting.facts` — which product fact answers what was asked (by content, not kind);
- `core.drafting.build.build_request` — the reading and the request, shared by the bot, `agentiq draft` and the bench;
- `core.drafting.llm.LLMDrafter` — the draft's prompt, through `core.llm` (the process's client, the fence, the call);
- `core.drafting.pipeline.generate` — LLM → guardrails → template fallback → guardrails;
- `core.drafting.service.create_draft` — what the bot calls: builds the request, generates, persists a `Draft`;
- `core.drafting.trial.trial` — a trial draft for typed buyer text (`agentiq draft`, bench/drafts.py), no row.
"""
