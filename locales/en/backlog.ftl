# The onboarding summary of the backlog (bot.backlog): one message instead of a card per old item.
backlog-title = 📦 <b>Unanswered from before you connected</b>: { $total }, { $overdue } of them overdue
backlog-line = { $channel }: { $count } ({ $priorities })
backlog-priority = { $priority } { $count }
backlog-oldest = The oldest is from { $date }.
backlog-next = Cards will come for new items. Go through the old ones in /inbox — buttons below.
backlog-btn-urgent = 🔥 Urgent first
backlog-btn-oldest = ⏳ Oldest first
alert-title-backlog = Connected with a backlog
alert-backlog = Seller { $seller }: { $total ->
        [one] { $total } unanswered item
       *[other] { $total } unanswered items
    } found at connection ({ $overdue } overdue). The seller got one summary instead of cards.
