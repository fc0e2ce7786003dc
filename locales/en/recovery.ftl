# Answers that win buyers back (core.analytics.recovery) and quality per way of answering (core.analytics.ways).

recovery-way-template = template
recovery-way-llm = LLM draft
recovery-way-fallback = fallback template
recovery-way-seller = own text
recovery-way-auto = auto-send
recovery-member-none = auto-send and admin
recovery-days = { $days } d
recovery-part = { $name } { $recovered } of { $answered }

bot-recovery-title = 🔁 <b>Answers that won buyers back</b> · negative reviews of 30 days
bot-recovery-line = Recovered { $recovered } of { $answered } ({ $pct }), median { $days } from the answer to the follow-up review
bot-recovery-none = No answered 1–3★ reviews in 30 days.
bot-recovery-by-way = By way of answering: { $list }
bot-recovery-by-member = By member: { $list }
bot-recovery-by-product = By product: { $list }

bot-trust-title = ✅ <b>Which drafts to trust</b> · answers of 30 days
bot-trust-line = { $way }: unchanged { $as_is }, edited { $edited }, rejected by WB { $rejected } · { $sent } answers
bot-trust-topics = <b>By topic</b>
bot-trust-none = No answers sent in 30 days.

recovery-weekly = 🔁 <b>This week:</b> answers to negative reviews won back { $recovered } of { $answered } buyers ({ $pct }) over 30 days, median { $days } to the follow-up review. { $best }
recovery-weekly-best = Works best: { $way } ({ $recovered } of { $answered }).

admin-recovery = Answers that win buyers back
admin-recovery-hint = 1–3★ reviews of the period that were answered (on the review or in a linked chat); recovered — after the answer the buyer added a follow-up review with a higher rating.
admin-recovery-total = Total
admin-recovery-group = Group
admin-recovery-answered = Answered
admin-recovery-recovered = Recovered
admin-recovery-share = Share
admin-recovery-median = Median to the follow-up review
admin-recovery-by-product = By product
admin-recovery-by-member = By member
admin-recovery-by-way = By way of answering
admin-trust = Which drafts to trust · 30 days
admin-trust-way = Way
admin-trust-topic = Topic
admin-trust-sent = Answers
admin-trust-as-is = Unchanged
admin-trust-edited = Edited
admin-trust-rejected = Rejected by WB
admin-filter-recovery = Buyers won back
admin-filter-recovery-answered = answered negative reviews
admin-filter-recovery-recovered = buyer won back
admin-filter-answer-way = Way of answering
admin-filter-answered-by = Answered by

export-col-answer-way = Way of answering
export-col-supplement-rating = Follow-up review rating
export-col-recovered = Buyer won back
recovery-recovered-yes = yes
recovery-recovered-no = no
