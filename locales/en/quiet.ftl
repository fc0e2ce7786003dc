digest-title = 🌙 While you were off: { $count } new items
digest-more = …and { $count } more in /inbox
digest-channel-review = Reviews
digest-channel-question = Questions
digest-channel-chat = Chats
digest-priority-urgent = urgent
digest-priority-high = high
digest-priority-normal = normal
digest-priority-low = low
quiet-settings-section =
    🌙 <b>Quiet hours</b>: { $state }, { $start }–{ $end } in your time zone. Cards wait for one morning digest;
    still paging at night: reviews up to { $rating }★ (0 — none), returns: { $returns }
quiet-btn-switch = Quiet hours
quiet-btn-returns = Returns page
quiet-btn-start = 🌙 from { $hour }:00
quiet-btn-end = ☀️ to { $hour }:00
quiet-btn-rating = 🔔 ≤ { $rating }★ page
summary-today = Today
summary-week = Last 7 days
summary-text =
    📋 <b>{ $period }</b>
    Received { $received }, answered { $answered }, SLA met { $sla }
    Top topics: { $topics }
    (/digest week — the last 7 days, /digest settings — send it daily or weekly)
bot-cmd-digest = Summary: today or week
