draft-autosend-rules = The auto-send rules changed — see in /settings what would go out and switch it on again
autosend-replay-title = <b>🤖 What auto-send would have sent in { $days } days</b>
autosend-replay-summary = Of { $reviews } { $reviews ->
    [one] review
   *[other] reviews
} auto-send would have answered <b>{ $sent }</b> ({ $share }%). The rest would have waited for you.
autosend-replay-empty = No reviews in { $days } days — nothing to show. Auto-send answers only clearly positive 4–5★ reviews.
autosend-replay-sent-title = <b>It would have answered:</b>
autosend-replay-held-title = <b>Held back:</b>
autosend-replay-held-line = { $count } — { $reason }
autosend-replay-templates = The sample drafts are templates; with AI drafts on arrival the texts will differ.
autosend-replay-rules-changed = ⚠️ The auto-send rules changed: it is paused until you have seen what it would send now.
autosend-replay-btn-on = ✅ Switch auto-send on
autosend-replay-btn-back = ↩️ Keep it off
autosend-replay-btn-show = 🤖 What would go out in 30 days
