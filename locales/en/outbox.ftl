# The reply outbox: a reply whose outcome WB left unknown (sync/outbox.py).
bot-stage-unknown = ❓ Not sure it was sent — check WB. We keep checking; tap “Check WB again” to check now.
bot-btn-recheck = 🔄 Check WB again
bot-recheck-started = Checking WB…
bot-recheck-nothing = Nothing to check: the reply's outcome is known.
admin-reply-unsure = Not sure reply #{ $id } was sent: WB's answer was lost and reading WB back has not settled it since { $since }. Check the item in the WB cabinet; we keep checking.
admin-recheck = Check WB again
