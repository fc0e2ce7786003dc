## Ops alerts (core.alerts): one text per alert kind.
analytics-alert-stale-sync = Seller { $seller }: sync not updated for { $minutes } min (channels: { $channels })
analytics-alert-rate-limited = Seller { $seller }: WB answered 429 { $count } times in a row
analytics-alert-token-invalid = Seller { $seller }: WB token is invalid: sync stopped
analytics-alert-token-expiring = Seller { $seller }: { $days ->
    [0] WB token expires today
    [one] WB token expires in { $days } day
   *[other] WB token expires in { $days } days
}
analytics-alert-reply-failed = Seller { $seller }: replies that failed to reach WB: { $count }
analytics-alert-llm-failures = LLM unavailable: { $pct }% of drafts fell back to templates ({ $count })
analytics-alert-sla-breach = Seller { $seller }: items past their SLA: { $count }
analytics-alert-pending-expired = Seller { $seller }: reply not visible in WB within the pending window: { $count }
analytics-alert-moderation-spike = Seller { $seller }: answers rejected by WB moderation in 24 h: { $count }

## Alert kinds (names in lists).
analytics-kind-stale-sync = Stale sync
analytics-kind-rate-limited = 429 streak
analytics-kind-token-invalid = Token invalid
analytics-kind-token-expiring = Token expiring
analytics-kind-reply-failed = Send failures
analytics-kind-llm-failures = LLM failures
analytics-kind-sla-breach = SLA breach
analytics-kind-pending-expired = No WB confirmation
analytics-kind-moderation-spike = Moderation rejections

## Pilot readiness criteria.
analytics-criterion-sync-fresh = Sync fresh on every channel of the token (min)
analytics-criterion-no-critical-alerts = No open critical alert
analytics-criterion-backlog = Unanswered backlog within the cap
analytics-criterion-reply-failures = Failed sends in 24 h (%)
analytics-criterion-guardrail-blocks = Guardrail blocks in 24 h not rising
analytics-criterion-sellers-go = Sellers at NO-GO
analytics-go = GO
analytics-no-go = NO-GO

## Link reasons (timeline).
analytics-link-self = This interaction
analytics-link-supplement = Review supplement
analytics-link-same-buyer-id = Same buyer (chat)
analytics-link-same-order = Same order
analytics-link-same-buyer-product = Same buyer and product
analytics-link-chat-names-product = Chat names this product
analytics-link-similar-buyer = Similar buyer, same product

## Periods and backlog age buckets.
analytics-period-today = Today
analytics-period-7d = 7 days
analytics-period-30d = 30 days
analytics-age-lt1h = under 1 h
analytics-age-1to4h = 1–4 h
analytics-age-4to24h = 4–24 h
analytics-age-1to3d = 1–3 days
analytics-age-gt3d = over 3 days
