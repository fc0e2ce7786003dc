## What a seller sees: times, time zones, durations, the settings screen (issue #15)

tz-europe-kaliningrad = Kaliningrad
tz-europe-moscow = Moscow
tz-europe-samara = Samara
tz-asia-yekaterinburg = Yekaterinburg
tz-asia-omsk = Omsk
tz-asia-novosibirsk = Novosibirsk
tz-asia-irkutsk = Irkutsk
tz-asia-yakutsk = Yakutsk
tz-asia-vladivostok = Vladivostok
tz-asia-magadan = Magadan
tz-asia-kamchatka = Kamchatka
tz-europe-minsk = Minsk
tz-asia-almaty = Almaty
tz-asia-tashkent = Tashkent
tz-utc = UTC
tz-label = { $name } ({ $offset })

duration-min = { $m } min
duration-h = { $h } h
duration-hm = { $h } h { $m } min
duration-d = { $d } d
duration-dh = { $d } d { $h } h

settings-on = on
settings-off = off
settings-language-name = English
bot-settings-screen =
    ⚙️ <b>Settings</b>

    🌐 <b>Language</b>: { $language }
    🕒 <b>Time zone</b>: { $zone } — every time is shown in it, and SLA business hours run in it
    ⏳ <b>Waiting for WB</b>: { $window } — how long a sent reply may take to appear on WB
    ✍️ <b>Draft on arrival</b>: { $auto_draft }
    🤖 <b>Auto-reply</b> to positive 4–5★ reviews: { $auto_send }
    🔔 <b>Cards</b>: { $channels }; reviews rated up to { $rating }★

    ✅ — selected now, ❌ — off.
bot-settings-btn-zone = 🕒 { $zone } ›
bot-settings-btn-window = ⏳ { $window }
bot-settings-btn-rating = up to { $rating }★
bot-settings-btn-back = ‹ Back
bot-settings-zone-title = 🕒 <b>Time zone</b>: now { $zone }. Choose yours:

admin-zone = Time zone
admin-zone-apply = Show
admin-seller-zone = Seller's time zone
admin-save = Save

bot-stage-overdue = ⏰ Overdue by { $late } — reply now
bot-stage-delivered = ✅ Delivered to the buyer's chat
bot-stage-expired = ⚠️ The reply did not show on WB within { $window }. Check the WB cabinet; if it is not there, reply again.
bot-card-sent = 💬 <b>Reply sent</b> ({ $who }):
bot-card-answer-elsewhere = 💬 <b>Answer from the WB cabinet</b>:
bot-sent-by-auto = automatically
bot-sent-by-web = from the web admin
bot-sent-by-unknown = a team member

bot-preview-title = 👀 <b>Check your reply</b> — it is not sent yet:
bot-preview-hint = "Send" posts it to WB, "Edit again" takes another text, "Cancel" sends nothing.
bot-preview-cancelled = ✖️ Cancelled, nothing was sent.
bot-btn-send = ✅ Send
bot-btn-edit-again = ✏️ Edit again
bot-btn-unskip = ↩️ Undo skip
