admin-title = Admin
admin-nav-dashboard = Dashboard
admin-nav-sellers = Sellers
admin-nav-interactions = Interactions
admin-nav-alerts = Alerts
admin-nav-sync-runs = Sync runs
admin-nav-readiness = GO/NO-GO
admin-logout = Log out

admin-login-title = Sign in
admin-login-email = E-mail
admin-login-password = Password
admin-login-submit = Sign in
admin-login-invalid = Wrong e-mail or password.
admin-login-throttled = Too many failed attempts. Wait a minute and try again.

admin-apply = Apply
admin-reset = Reset
admin-empty = Nothing here.
admin-prev = Previous
admin-next = Next
admin-system = system
admin-go = GO
admin-nogo = NO-GO
admin-found = { $count ->
    [one] { $count } item
   *[other] { $count } items
}

admin-channel-review = Reviews
admin-channel-question = Questions
admin-channel-chat = Chats
admin-all-channels = all channels
admin-all-sellers = All sellers

admin-priority-urgent = Urgent
admin-priority-high = High
admin-priority-normal = Normal
admin-priority-low = Low

admin-status-open = Open (backlog)
admin-status-new = New
admin-status-needs_response = Needs response
admin-status-drafted = Drafted
admin-status-answered = Answered
admin-status-skipped = Skipped
admin-status-closed = Closed

admin-age-lt1h = < 1 h
admin-age-1to4h = 1–4 h
admin-age-4to24h = 4–24 h
admin-age-1to3d = 1–3 d
admin-age-gt3d = > 3 d

admin-seller-onboarding = Onboarding
admin-seller-active = Active
admin-seller-paused = Paused
admin-seller-token_invalid = Token invalid

admin-severity-info = Info
admin-severity-warning = Warning
admin-severity-critical = Critical

admin-quality-as_is = Draft as is
admin-quality-edited = Edited draft
admin-quality-manual = Written by hand
admin-quality-auto = Sent automatically

admin-link-deterministic = sure link
admin-link-probabilistic = probable link

admin-unit-min = min
admin-unit-count = { "" }
admin-unit-pct = %

admin-filter-seller = Seller
admin-filter-days = Days
admin-filter-age = Age
admin-filter-day = Received on
admin-filter-answered-day = Answered on
admin-filter-overdue = Overdue only

admin-first-response = First response
admin-answered-count = { $count } answered
admin-sla-met = SLA met
admin-sla-breached = { $count } breached
admin-chart-received = Received per day
admin-chart-answered = Answered per day
admin-chart-backlog-age = Backlog by age
admin-chart-backlog-priority = Backlog by priority
admin-quality = Reply quality
admin-moderation-rejected = Rejected by WB moderation
admin-blocked-drafts = Drafts blocked by guardrails
admin-llm-fallback = LLM fell back to a template
admin-sync-health = Sync needing attention

admin-col-seller = Seller
admin-col-channel = Channel
admin-col-status = Status
admin-col-priority = Priority
admin-col-buyer = Buyer
admin-col-product = Product
admin-col-text = Text
admin-col-occurred = Received
admin-col-due = Due
admin-col-first-response = First response
admin-col-answer-state = WB answer state
admin-col-created = Created
admin-col-origin = Origin
admin-col-guardrails = Guardrails
admin-col-via = Via
admin-col-quality = Quality
admin-col-by = By
admin-col-error = Error
admin-col-action = Action
admin-col-change = Change
admin-col-last-success = Last success
admin-col-lag = Lag
admin-col-failures = Failures in a row
admin-col-runs = Runs
admin-col-name = Name
admin-col-token = WB token
admin-col-members = Members
admin-col-severity = Severity
admin-col-kind = Kind
admin-col-first-seen = First seen
admin-col-last-seen = Last seen
admin-col-count = Count
admin-col-delivered = Delivered
admin-col-resolved = Resolved
admin-col-started = Started
admin-col-duration = Duration
admin-col-pages = Pages
admin-col-fetched = Fetched
admin-col-new = New
admin-col-updated = Updated
admin-col-malformed = Malformed
admin-col-criterion = Criterion
admin-col-value = Value
admin-col-threshold = Threshold

admin-answer = Answer
admin-timeline = Buyer timeline
admin-messages = Chat messages
admin-drafts = Drafts
admin-replies = Replies
admin-audit = Audit trail
admin-reply-form = Reply
admin-reply-send = Send reply
admin-reply-blocked = The reply was not sent: the guardrails blocked it.
admin-reply-answered = This item is already answered.
admin-reply-in-flight = Another reply to this item is already being sent.

admin-token-expires = expires { $date }
admin-token-no-expiry = no expiry
admin-token-none = not connected
admin-pause = Pause
admin-resume = Resume
admin-pause-reason = reason

admin-alerts-open = Open
admin-alerts-resolved = Resolved
admin-readiness-overall = Overall
admin-readiness-no-sellers = No sellers to check yet.

admin-duration-hm = { $hours }h { $minutes }m
admin-duration-ms = { $minutes }m { $seconds }s
