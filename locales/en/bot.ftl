## Telegram bot

bot-channel-review = Review
bot-channel-question = Question
bot-channel-chat = Chat

bot-card-product = 📦 { $product } · nm { $nm_id }
bot-card-no-product = product unknown
bot-card-buyer = 👤 { $name }
bot-card-truncated = … [truncated]
bot-card-no-text = (no text)
bot-card-pros = ➕ { $text }
bot-card-cons = ➖ { $text }
bot-card-meta = ⏱ { $priority } · reply by { $due }{ $links ->
    [0] {""}
   *[other] {" · 🔗 "}{ $links }
}
bot-card-draft = <b>Draft</b> ({ $origin }):
bot-card-draft-blocked = ⛔ <b>This draft cannot be sent:</b>
bot-card-auto-sent = 🤖 Sent automatically

bot-origin-llm = AI
bot-origin-template = template
bot-origin-fallback = fallback template
bot-origin-seller = yours

bot-priority-urgent = urgent
bot-priority-high = high
bot-priority-normal = normal
bot-priority-low = low

bot-stage-new = 🆕 Needs a reply
bot-stage-drafted = ✍️ Draft ready
bot-stage-sending = ⏳ Sending…
bot-stage-sent = 📤 Sent, waiting for WB to show it
bot-stage-published = ✅ Published
bot-stage-moderation = 🕵️ Under WB moderation
bot-stage-rejected = ❌ WB rejected the answer: { $reason }
bot-stage-failed = ⚠️ Not sent: { $reason }
bot-stage-answered_elsewhere = ☑️ Answered elsewhere (WB cabinet)
bot-stage-skipped = ⏭ Skipped

bot-btn-draft = ✍️ Draft
bot-btn-reply = 💬 Reply
bot-btn-skip = ⏭ Skip
bot-btn-approve = ✅ Approve
bot-btn-edit = ✏️ Edit
bot-btn-regenerate = 🔄 Regenerate
bot-btn-cancel = ✖️ Cancel
bot-btn-timeline = 🧵 Timeline
bot-btn-product = 🛍 Open product
bot-btn-remove = Remove { $name }

bot-filter-all = All
bot-filter-review = Reviews
bot-filter-question = Questions
bot-filter-chat = Chats

bot-choose-language = Choose your language / Выберите язык
bot-ask-token =
    Send me your WB API token (categories "Questions and reviews", "Buyer chat", "Buyer returns": any of them).
    I will delete your message right away and keep the token encrypted.
bot-token-ok =
    ✅ Token connected: { $token }
    Covers: { $channels }
    Expires: { $expires }
bot-token-no-expiry = not stated
bot-token-invalid = ❌ WB refused this token. Check it and send it again.
bot-token-expired = ❌ This token has expired. Create a new one in the WB cabinet and send it.
bot-token-no-scope = ❌ This token covers none of reviews and questions, buyer chats, buyer returns.
bot-token-unreachable = ⚠️ WB did not answer. Send the token again in a minute.
bot-joined = 👋 You joined { $seller }. New reviews, questions and chats will come here.
bot-welcome-back = 👋 Welcome back. /inbox shows what needs a reply, /help lists the commands.
bot-start-first = Send /start to begin.
bot-unknown = I did not understand that. /help lists the commands.

bot-backfill-title = 🔄 First sync
bot-backfill-line = { $channel }: { $count } — { $state }
bot-backfill-running = loading
bot-backfill-done = done
bot-backfill-finished = ✅ All caught up. New items will come as cards.

bot-edit-prompt = ✏️ Send the corrected reply text.
bot-reply-prompt = 💬 Send your reply text.
bot-edit-sent = ✅ Sent to WB.
bot-reply-answered = ⛔ This item is already answered.
bot-reply-in-flight = ⏳ Another reply to this item is being sent.
bot-blocked = ⛔ This text was not sent:

bot-timeline-title = 🧵 <b>This buyer's thread</b>
bot-timeline-empty = 🧵 Nothing linked to this item yet.
bot-timeline-link = ({ $confidence }%)

bot-inbox-title = 📥 <b>Inbox</b>: { $total } open
bot-inbox-empty = 📥 Nothing waiting for a reply.

bot-stats-title = 📊 <b>Stats</b>
bot-stats-today = Today
bot-stats-7d = 7 days
bot-stats-30d = 30 days
bot-stats-line =
    <b>{ $period }</b>: received { $received }, answered { $answered }
    median first response { $median }, SLA met { $sla }

bot-settings-auto-draft = Auto-draft on arrival
bot-settings-auto-send = Auto-reply to 4–5★
bot-settings-notify-reviews = Reviews
bot-settings-notify-questions = Questions
bot-settings-notify-chats = Chats
bot-settings-saved = Saved

bot-invite =
    Send this link to your operator (valid 48 hours, once):
    { $link }
    Or the code: <code>{ $code }</code>
bot-invite-invalid = ❌ This invitation is unknown, used or expired.
bot-members-title = 👥 <b>Team</b>
bot-role-owner = owner
bot-role-operator = operator
bot-member-removed = { $name } removed

bot-denied-not-member = ⛔ You are not a member of this seller.
bot-denied-stale = ⛔ This button is out of date or not yours.
bot-denied-owner-only = ⛔ Only the owner can do this.

bot-help =
    <b>AgentIQ</b> — reviews, questions and buyer chats from Wildberries.
    Each new item comes as a card: Draft → Approve sends the reply to WB; Edit lets you change it first.
    /inbox — what needs a reply
    /stats — today, 7 and 30 days
    /digest [week] — summary: received, answered, SLA, top topics
    /export [days] — CSV of items and replies (owner)
    /settings — language, pending window, auto-draft, auto-reply, notifications
    /members, /invite — your team (owner)
    /connect — connect a new WB token (owner)

bot-cmd-inbox = What needs a reply
bot-cmd-stats = Statistics
bot-cmd-settings = Settings
bot-cmd-members = Team
bot-cmd-invite = Invite an operator
bot-cmd-connect = Connect a WB token
bot-cmd-help = Help
bot-ask-shop-name = 🏷 What is your shop called on WB? Send its name — alerts will be signed with it.
bot-shop-name-invalid = ❌ The name must be { $min } to { $max } characters, with letters or digits. Please send it again.
bot-shop-name-ok = ✅ Shop: { $name }
