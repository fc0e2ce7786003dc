## Alerts: titles for everyone, and texts for a shop's owners with a concrete next step (issue #15)

alert-title-stale_sync = Sync is behind
alert-title-rate_limited = WB is limiting requests
alert-title-token_invalid = The WB token does not work
alert-title-token_expiring = The WB token expires soon
alert-title-reply_failed = Replies were not sent
alert-title-llm_failures = AI drafts unavailable
alert-title-sla_breach = Items are overdue
alert-title-pending_expired = A reply did not show on WB
alert-title-moderation_spike = WB rejects replies

alert-seller-token_invalid =
    Shop “{ $seller }”: WB refuses the API token, so new reviews, questions and chats are not loaded.
    Next step: create a new token in the WB cabinet (Settings → API access) and send it after the /connect command.
alert-seller-token_expiring =
    Shop “{ $seller }”: the WB API token stops working { $when }.
    Next step: create a new token in the WB cabinet in advance and send it after the /connect command.
alert-seller-reply_failed =
    Shop “{ $seller }”: some replies could not be sent to WB.
    Next step: open /inbox — cards marked “⚠️ Not sent” give the reason; press “Draft” or “Reply” to send again.
alert-seller-sla_breach =
    Shop “{ $seller }”: some items are past their reply time.
    Next step: open /inbox — overdue items are on top, marked “⏰ Overdue”.
alert-seller-pending_expired =
    Shop “{ $seller }”: a sent reply did not show on WB within the waiting time; the item is back in the queue.
    Next step: check it in the WB cabinet; if the reply is not there, open /inbox and reply again.
alert-seller-moderation_spike =
    Shop “{ $seller }”: WB moderation rejected several replies in the last day.
    Next step: open /inbox — cards marked “❌ Rejected by WB” give the reason; rewrite the reply with “Reply”.
alert-when-unknown = in the next days
